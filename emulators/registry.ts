import { Emulator } from "./core/emulator";

/** One emulator once started: the server, the environment variables a program uses, and demo facts. */
export interface StartedEmulator {
  emulator: Emulator;
  env: Record<string, string>;
  facts?: Record<string, unknown>;
}

export interface EmulatorModule {
  name: string;
  defaultPort: number;
  start(options: {
    port: number;
    /** Where https listens: `port + 1` with fixed ports, else 0 (any free port). */
    httpsPort: number;
    host: string;
    started: Record<string, StartedEmulator>;
  }): Promise<StartedEmulator>;
}
