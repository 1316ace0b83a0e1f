import { emulatorModules } from "./modules";
import { emulatorTls } from "./core/tls";
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
    const httpsPort = options.fixedPorts ? module.defaultPort + 1 : 0;
    try {
      byName[module.name] = await module.start({ port, httpsPort, host, started: byName });
    } catch (e) {
      // Leave nothing listening behind a failed start.
      for (const started of Object.values(byName).reverse()) await started.emulator.stop();
      throw e;
    }
  }
  const env = Object.assign({}, ...Object.values(byName).map((s) => s.env)) as Record<string, string>;
  // The https side: each emulator's https root, and the CA for Node and Python clients.
  for (const [name, started] of Object.entries(byName))
    env[`ORGPLANE_${name.toUpperCase()}_HTTPS_URL`] = started.emulator.httpsUrl;
  const tls = emulatorTls();
  Object.assign(env, { NODE_EXTRA_CA_CERTS: tls.caFile, REQUESTS_CA_BUNDLE: tls.bundleFile });
  return {
    byName,
    env,
    stop: async () => {
      for (const started of Object.values(byName).reverse()) await started.emulator.stop();
    },
  };
}
