import { createSalesforce, seedSalesforce } from "./salesforce";
import { SfpEmulator } from "./sfp/server";
import { biotModule } from "./biot";
import { EmulatorModule } from "./registry";

const salesforce: EmulatorModule = {
  name: "salesforce",
  defaultPort: 4010,
  async start({ port, host }) {
    const { emulator, state } = createSalesforce();
    const url = await emulator.start(port, host);
    const demo = seedSalesforce(state, new URL(url).host);
    return {
      emulator,
      env: { SF_INSTANCE_URL: url, SF_LOGIN_URL: url, SF_AUTH_URL: demo.production.sfdxAuthUrl },
      facts: { demo, state },
    };
  },
};

const sfp: EmulatorModule = {
  name: "sfp",
  defaultPort: 4020,
  async start({ port, host, started }) {
    const sfp = new SfpEmulator();
    const url = await sfp.emulator.start(port, host);
    const demo = (started.salesforce?.facts as { demo?: unknown } | undefined)?.demo;
    return {
      emulator: sfp.emulator,
      env: {
        SFP_SERVER_URL: url,
        SFP_SERVER_TOKEN: sfp.issueToken("owner", "owner@orgplane.local", 30 * 24 * 3600),
      },
      facts: { sfp, demo },
    };
  },
};

/** Every emulator, in start order (later ones may use earlier ones). */
export const emulatorModules: EmulatorModule[] = [salesforce, sfp, biotModule];
