import { RunningEmulators, startEmulators } from "../../emulators";
import { SalesforceState } from "../../emulators/salesforce/state";
import { SfpEmulator } from "../../emulators/sfp/server";

/** Emulators for one e2e file, with helpers to make Salesforce orgs and read the sfp registry. */
export async function e2eEmulators() {
  const running: RunningEmulators = await startEmulators();
  const salesforce = running.byName.salesforce;
  const sfState = (salesforce.facts as { state: SalesforceState }).state;
  const sfp = (running.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
  const host = new URL(salesforce.emulator.url).host;
  return {
    running,
    env: running.env,
    sfp,
    salesforce: salesforce.emulator,
    /** A new Salesforce org with an admin user; returns its sfdxAuthUrl. */
    newOrg(username: string, sandboxes: string[] = []) {
      const created = sfState.createOrg({ username });
      for (const name of sandboxes) sfState.createSandbox(created.org.Id, name);
      return {
        orgId: created.org.Id,
        refreshToken: created.refreshToken,
        sfdxAuthUrl: `force://${created.clientId}:${created.clientSecret}:${created.refreshToken}@${host}`,
      };
    },
  };
}
