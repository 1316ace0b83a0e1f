import { RunningEmulators, startEmulators } from "../../../emulators";
import { Emulator } from "../../../emulators/core/emulator";
import { SalesforceOrg, SalesforceState } from "../../../emulators/salesforce/state";
import { providers } from "../../../provider/salesforce/provider";

export const userProvider = providers.User;

/** The Salesforce emulator in-process, with helpers to make orgs and read their records. */
export async function salesforceHarness() {
  const running: RunningEmulators = await startEmulators({ only: ["salesforce"] });
  const emulator: Emulator = running.byName.salesforce.emulator;
  const state = (running.byName.salesforce.facts as { state: SalesforceState }).state;
  const host = new URL(emulator.url).host;
  return {
    running,
    emulator,
    state,
    /** A new org; its connection is an sfdxAuthUrl. */
    newOrg(username: string) {
      const created = state.createOrg({ username });
      return {
        org: created.org,
        adminId: created.userId,
        refreshToken: created.refreshToken,
        connection: { sfdxAuthUrl: `force://PlatformCLI::${created.refreshToken}@${host}` },
      };
    },
    rows(org: SalesforceOrg, type: string) {
      return [...state.table(org, type).values()];
    },
    byName(org: SalesforceOrg, type: string, name: string) {
      const row = [...state.table(org, type).values()].find(
        (r) => r.Name === name || r.DeveloperName === name || r.Username === name,
      );
      if (!row) throw new Error(`no ${type} ${name}`);
      return row;
    },
    /** Requests since the last clear, as "METHOD path" lines. */
    calls() {
      return emulator.log.map((e) => `${e.method} ${e.path}`);
    },
    stop: () => running.stop(),
  };
}
export type Harness = Awaited<ReturnType<typeof salesforceHarness>>;

/** check() then create(), as the engine runs them. */
export async function checkAndCreate(news: Record<string, unknown>) {
  const checked = await userProvider.check!({}, news);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const created = await userProvider.create(checked.inputs);
  return { inputs: checked.inputs, ...created };
}

/** check(), diff() and update() against the state of a previous step, as the engine runs them. */
export async function checkAndUpdate(
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
) {
  const checked = await userProvider.check!(olds, news);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const diff = await userProvider.diff!(id, olds, checked.inputs);
  const updated = diff.changes ? await userProvider.update!(id, olds, checked.inputs) : { outs: olds };
  return { diff, outs: updated.outs as Record<string, unknown> };
}
