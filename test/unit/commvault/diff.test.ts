import { toState } from "../../../provider/core/diff";
import { providers } from "../../../provider/commvault/provider";
import { bindingSpec, organizationSpec } from "../../../provider/commvault/schema";
import { orgArgs, plaintext, syncDatabase } from "./harness";

const org = providers.Organization;
const binding = providers.AccessNodeBinding;
const outputs = {
  clientId: 1001,
  instanceId: 2001,
  backupsetId: 3001,
  planId: 11,
  planName: "Salesforce Gold",
  companyId: 0,
};

async function checked(args: Record<string, unknown>) {
  const result = await org.check!({}, args);
  if (result.failures) throw new Error(JSON.stringify(result.failures));
  return result.inputs as Record<string, unknown>;
}

/** The state an earlier create left for these inputs, and the diff against new inputs. */
async function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const state = toState(organizationSpec, await checked(before), outputs);
  return org.diff!("1001", state, await checked(after));
}

const base = orgArgs("acme", {
  accessNodes: [{ clientName: "cv-access-01" }, { clientGroupName: "sf-access-pool" }],
  syncDatabase,
  backupStreams: 2,
  excludedObjects: ["Attachment", "Document"],
});
const account = base.salesforceAccount as Record<string, unknown>;

describe("commvault diff", () => {
  test("the state keeps hashes, never the plaintext secrets", async () => {
    const state = toState(organizationSpec, await checked(base), outputs);
    const text = JSON.stringify(state);
    for (const secret of Object.values(plaintext)) expect(text).not.toContain(secret);
    expect(Object.keys(state.secretHashes as object).sort()).toEqual([
      "salesforceAccount.consumerSecret",
      "salesforceAccount.password",
      "salesforceAccount.token",
      "syncDatabase.password",
    ]);
  });

  test("the same inputs, secrets included, are no change (hashes do not flap)", async () => {
    expect(await diff(base, base)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test.each([
    ["a new Salesforce password", { salesforceAccount: { ...account, password: "rotated" } }],
    ["a new DB password", { syncDatabase: { ...syncDatabase, password: "rotated" } }],
    ["backupStreams", { backupStreams: 8 }],
    ["downloadCachePath", { downloadCachePath: "/data/cache" }],
    ["the access-node set", { accessNodes: [{ clientName: "cv-access-02" }] }],
    ["the environment", { salesforceAccount: { ...account, environment: "sandbox" } }],
  ])("%s updates in place", async (_label, patch) => {
    const result = await diff(base, { ...base, ...patch });
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual([]);
  });

  test("a new organizationName replaces, the new client first (the names differ)", async () => {
    const result = await diff(base, { ...base, organizationName: "acme-2" });
    expect(result).toEqual({ changes: true, replaces: ["organizationName"], deleteBeforeReplace: false });
  });

  test.each([
    ["plan", { plan: { planId: 12 } }],
    ["company", { company: { companyName: "Acme Corp" } }],
    ["useResourcePoolInfo", { useResourcePoolInfo: true }],
  ])(
    "a new %s under the same name is refused: the replacement would meet its own old client",
    async (key, patch) => {
      await expect(diff(base, { ...base, ...patch })).rejects.toThrow(
        new RegExp(`changing ${key} replaces organization "acme".*new organizationName`, "s"),
      );
    },
  );

  test.each([
    ["plan", { plan: { planId: 12 } }, ["organizationName", "plan"]],
    ["company", { company: { companyName: "Acme Corp" } }, ["organizationName", "company"]],
  ])("a new %s with a new name replaces, the new client first", async (_key, patch, replaces) => {
    const result = await diff(base, { ...base, ...patch, organizationName: "acme-2" });
    expect(result).toEqual({ changes: true, replaces, deleteBeforeReplace: false });
  });

  test.each([
    ["the plan by id instead of name", { plan: { planId: 11 } }],
    ["the company by id 0", { company: { companyId: 0 } }],
    [
      "access nodes in another order",
      { accessNodes: [{ clientGroupName: "sf-access-pool" }, { clientName: "cv-access-01" }] },
    ],
    ["excluded objects in another order", { excludedObjects: ["Document", "Attachment"] }],
    ["a Modify-only setting removed (left as it is)", { backupStreams: undefined }],
  ])("%s is no change", async (_label, patch) => {
    expect((await diff(base, { ...base, ...patch })).changes).toBe(false);
  });

  test("the endpoint with a trailing slash is no change", async () => {
    const withEndpoint = (endpoint: string) => ({ ...base, salesforceAccount: { ...account, endpoint } });
    const result = await diff(
      withEndpoint("https://acme.my.salesforce.com"),
      withEndpoint("https://acme.my.salesforce.com/"),
    );
    expect(result.changes).toBe(false);
  });

  test("deletionPolicy and adopt are local: a change, never a replace", async () => {
    const result = await diff(base, { ...base, deletionPolicy: "forceDelete", adopt: true });
    expect(result).toMatchObject({ changes: true, replaces: [] });
  });

  test("a binding's node named another way is no change; another node or organization replaces", async () => {
    const inputs = (
      await binding.check!({}, { organizationId: "1001", client: { clientName: "cv-access-01" } })
    ).inputs as Record<string, unknown>;
    const state = toState(bindingSpec, inputs, { nodeType: "client", nodeId: 101, nodeName: "cv-access-01" });
    const against = async (news: Record<string, unknown>) =>
      binding.diff!("1001/client/101", state, (await binding.check!({}, news)).inputs);
    expect((await against({ organizationId: "1001", client: { clientId: 101 } })).changes).toBe(false);
    expect(await against({ organizationId: "1001", client: { clientId: 102 } })).toMatchObject({
      replaces: ["client"],
    });
    expect(await against({ organizationId: "1002", client: { clientId: 101 } })).toMatchObject({
      replaces: ["organizationId"],
    });
  });
});
