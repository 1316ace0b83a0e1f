import { emulatorModules } from "./modules";
import { StartedEmulator } from "./registry";

export { Emulator } from "./core/emulator";
export type { RequestLogEntry } from "./core/emulator";
export type { FaultRule } from "./core/faults";
export type { StartedEmulator } from "./registry";

export interface RunningEmulators {
  byName: Record<string, StartedEmulator>;
  /** Environment variables that point orgplane at these emulators. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the emulators on loopback. Port 0 picks free ports; `basePort` uses each module's fixed default offset.
 */
export async function startEmulators(
  options: { host?: string; fixedPorts?: boolean; only?: string[] } = {},
): Promise<RunningEmulators> {
  const host = options.host ?? "127.0.0.1";
  const byName: Record<string, StartedEmulator> = {};
  for (const module of emulatorModules) {
    if (options.only && !options.only.includes(module.name)) continue;
    const port = options.fixedPorts ? module.defaultPort : 0;
    byName[module.name] = await module.start({ port, host, started: byName });
  }
  const env = Object.assign({}, ...Object.values(byName).map((s) => s.env)) as Record<string, string>;
  return {
    byName,
    env,
    stop: async () => {
      for (const started of Object.values(byName).reverse()) await started.emulator.stop();
    },
  };
}
