import { createSalesforce, seedSalesforce } from "./salesforce";
import { IicsEmulator } from "./iics/server";
import { SfpEmulator } from "./sfp/server";
import { biotModule } from "./biot";
import { CommvaultEmulator } from "./commvault/server";
import { EmulatorModule } from "./registry";

const salesforce: EmulatorModule = {
  name: "salesforce",
  defaultPort: 4010,
  async start({ port, httpsPort, host }) {
    const { emulator, state } = createSalesforce();
    const url = await emulator.start(port, host, httpsPort);
    const demo = seedSalesforce(state, new URL(url).host);
    return {
      emulator,
      env: {
        SF_INSTANCE_URL: url,
        SF_LOGIN_URL: url,
        SF_AUTH_URL: demo.production.sfdxAuthUrl,
        // The Salesforce CLI reads an auth URL's host as https: this one names the https port.
        ORGPLANE_SF_AUTH_URL_HTTPS: demo.production.sfdxAuthUrl.replace(
          `@${new URL(url).host}`,
          `@${new URL(emulator.httpsUrl).host}`,
        ),
      },
      facts: { demo, state },
    };
  },
};

const sfp: EmulatorModule = {
  name: "sfp",
  defaultPort: 4020,
  async start({ port, httpsPort, host, started }) {
    const sfp = new SfpEmulator();
    const url = await sfp.emulator.start(port, host, httpsPort);
    const demo = (started.salesforce?.facts as { demo?: Record<string, { sfdxAuthUrl: string }> } | undefined)
      ?.demo;
    const env: Record<string, string> = {
      SFP_SERVER_URL: url,
      SFP_SERVER_TOKEN: sfp.issueToken("owner", "owner@orgplane.local", 30 * 24 * 3600),
    };
    if (demo) {
      env.ORGPLANE_DEMO_PRODUCTION_AUTH_URL = demo.production.sfdxAuthUrl;
      env.ORGPLANE_DEMO_DEVHUB_AUTH_URL = demo.devhub.sfdxAuthUrl;
    }
    return { emulator: sfp.emulator, env, facts: { sfp, demo } };
  },
};

const commvault: EmulatorModule = {
  name: "commvault",
  defaultPort: 4030,
  async start({ port, httpsPort, host }) {
    const cv = new CommvaultEmulator();
    await cv.emulator.start(port, host, httpsPort);
    return {
      emulator: cv.emulator,
      // Username and password, so the login flow runs; the access token is in the facts for COMMVAULT_TOKEN.
      env: {
        COMMVAULT_URL: cv.apiUrl,
        COMMVAULT_USERNAME: cv.admin.username,
        COMMVAULT_PASSWORD: cv.admin.password,
      },
      facts: { commvault: cv, accessToken: cv.accessToken },
    };
  },
};

const iics: EmulatorModule = {
  name: "iics",
  defaultPort: 4050,
  async start({ port, httpsPort, host }) {
    const iics = new IicsEmulator();
    const url = await iics.emulator.start(port, host, httpsPort);
    const { username, password } = iics.partner;
    return {
      emulator: iics.emulator,
      env: { IICS_LOGIN_URL: url, IICS_USERNAME: username, IICS_PASSWORD: password },
      facts: { iics },
    };
  },
};

/** Every emulator, in start order (later ones may use earlier ones). */
export const emulatorModules: EmulatorModule[] = [salesforce, sfp, commvault, biotModule, iics];
