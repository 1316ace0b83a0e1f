import { CommvaultEmulator } from "../../../emulators/commvault/server";
import { providers } from "../../../provider/commvault/provider";

export const plaintext = {
  sfPassword: "Sf-Pa55word!",
  consumerSecret: "consumer-secret-0001",
  sfToken: "sf-security-token",
  dbPassword: "db-pa55-word",
};

/** Raw inputs of an organization, as a program would write them; `patch` overrides top-level fields. */
export function orgArgs(name: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationName: name,
    plan: { planName: "Salesforce Gold" },
    salesforceAccount: {
      authentication: "password",
      userName: "backup@acme.com",
      password: plaintext.sfPassword,
      consumerId: "3MVG9-consumer-key",
      consumerSecret: plaintext.consumerSecret,
      token: plaintext.sfToken,
    },
    downloadCachePath: "/var/cache/sf",
    ...patch,
  };
}

export const syncDatabase = {
  type: "postgresql",
  host: "db.acme.local",
  port: 5432,
  name: "sfsync",
  userName: "sync",
  password: plaintext.dbPassword,
};

/** An emulator for one test file, and the providers wired to it through the `connection` input. */
export async function startHarness() {
  const cv = new CommvaultEmulator();
  await cv.emulator.start();
  const connection = { url: cv.apiUrl, username: cv.admin.username, password: cv.admin.password };
  const org = providers.Organization;
  const binding = providers.AccessNodeBinding;

  /** check, then create: what the engine does for a new resource. */
  async function createOrg(args: Record<string, unknown>) {
    const checked = await org.check!({}, { ...args, connection });
    if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
    const created = await org.create(checked.inputs);
    return { id: created.id, state: created.outs as Record<string, any>, inputs: checked.inputs };
  }

  async function createBinding(args: Record<string, unknown>) {
    const checked = await binding.check!({}, { ...args, connection });
    if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
    const created = await binding.create(checked.inputs);
    return { id: created.id, state: created.outs as Record<string, any> };
  }

  const calls = (method?: string, path?: RegExp) =>
    cv.emulator.calls({ method, path }).map((e) => `${e.method} ${e.path.replace("/commandcenter/api", "")}`);

  return { cv, connection, org, binding, createOrg, createBinding, calls, stop: () => cv.emulator.stop() };
}
