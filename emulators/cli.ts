#!/usr/bin/env node
import { startEmulators } from "./index";

/** `orgplane-emulators`: starts every emulator on loopback at fixed ports and prints the environment to use. */
async function main(): Promise<void> {
  const running = await startEmulators({ fixedPorts: process.env.ORGPLANE_EMULATOR_RANDOM_PORTS !== "true" });
  const lines = Object.entries(running.env).map(([k, v]) => `export ${k}='${v}'`);
  for (const [name, started] of Object.entries(running.byName))
    console.error(`${name.padEnd(12)} ${started.emulator.url}  ${started.emulator.httpsUrl}`);
  console.log(lines.join("\n"));
  if (process.env.ORGPLANE_EMULATOR_ENV_FILE) {
    require("node:fs").writeFileSync(
      process.env.ORGPLANE_EMULATOR_ENV_FILE,
      JSON.stringify(running.env, null, 2),
    );
  }
  console.error("emulators ready; Ctrl-C to stop");
  const stop = () => running.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
