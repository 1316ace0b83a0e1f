import { failurePath, UNKNOWN } from "../../../provider/core";
import { orgArgs, startHarness, syncDatabase } from "./harness";

describe("commvault check: failures carry property paths and no API call is made", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.cv.emulator.clearLog());
  afterEach(() => expect(h.cv.emulator.log).toHaveLength(0));

  const failuresOf = async (args: Record<string, unknown>) =>
    (await h.org.check!({}, { ...args, connection: h.connection })).failures ?? [];
  const properties = async (args: Record<string, unknown>) => (await failuresOf(args)).map((f) => f.property);

  test("valid inputs pass with defaults applied", async () => {
    const result = await h.org.check!({}, { ...orgArgs("acme"), connection: h.connection });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({
      company: { companyId: 0 },
      deletionPolicy: "retire",
      adopt: false,
      useResourcePoolInfo: false,
      salesforceAccount: { environment: "production" },
    });
  });

  test.each([
    ["organizationName", { organizationName: "" }],
    ["plan", { plan: {} }],
    ["plan.planName", { plan: { planId: 11, planName: "Salesforce Gold" } }],
    ["plan.planId", { plan: { planId: -1 } }],
    ["company", { company: { companyId: 7, companyName: "Acme Corp" } }],
    [
      "salesforceAccount.environment",
      { salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), environment: "prod" } },
    ],
    [
      "salesforceAccount.authentication",
      { salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), authentication: undefined } },
    ],
    [
      "salesforceAccount.password",
      { salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), password: "" } },
    ],
    [
      "salesforceAccount.endpoint",
      { salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), endpoint: "http://insecure" } },
    ],
    [
      "salesforceAccount.passwd",
      { salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), passwd: "x" } },
    ],
    [
      "salesforceAccount.endpoint",
      {
        salesforceAccount: {
          ...(orgArgs("x").salesforceAccount as object),
          endpoint: "https://login.salesforce.com/?x=1#f",
        },
      },
    ],
    [
      "salesforceAccount.userName",
      { salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), userName: "a\nb" } },
    ],
    ["syncDatabase.userName", { syncDatabase: { ...syncDatabase, userName: "a\u0000b" } }],
    ["accessNodes[1]", { accessNodes: [{ clientName: "a" }, { clientName: "a" }] }],
    ["accessNodes[1]", { accessNodes: [{ clientName: "cv-access-01" }, { clientName: "CV-ACCESS-01" }] }],
    [
      "accessNodes[2]",
      { accessNodes: [{ clientGroupName: "G" }, { clientId: 7 }, { clientGroupName: "g" }] },
    ],
    ["accessNodes[0].clientName", { accessNodes: [{ clientId: 101, clientName: "cv-access-01" }] }],
    ["syncDatabase.port", { syncDatabase: { ...syncDatabase, port: 70000 } }],
    ["syncDatabase.type", { syncDatabase: { ...syncDatabase, type: "mysql" } }],
    ["syncDatabase.instance", { syncDatabase: { ...syncDatabase, instance: "SQLEXPRESS" } }],
    ["backupStreams", { backupStreams: 0 }],
    ["filesPerBackup", { filesPerBackup: 1.5 }],
    ["deletionPolicy", { deletionPolicy: "destroy" }],
    ["downloadcachepath", { downloadcachepath: "/tmp" }],
  ])("%s", async (property, patch) => {
    expect(await properties(orgArgs("acme", patch))).toContain(property);
  });

  test("a missing required field is reported at its own path", async () => {
    const { downloadCachePath: _omit, ...args } = orgArgs("acme");
    expect(await properties(args)).toEqual(["downloadCachePath"]);
  });

  test("values unknown during preview are not judged", async () => {
    const failures = await failuresOf(
      orgArgs(UNKNOWN, { plan: { planName: UNKNOWN }, accessNodes: UNKNOWN }),
    );
    expect(failures).toEqual([]);
  });

  test("a connection without credentials fails at connection", async () => {
    const result = await h.org.check!({}, { ...orgArgs("acme"), connection: { url: h.connection.url } });
    expect(result.failures?.map(failurePath)).toEqual(["connection"]);
    expect(result.failures?.map((f) => f.property)).toEqual([""]);
  });

  test("a binding needs exactly one of client and clientGroup, and a numeric organizationId", async () => {
    const check = async (args: Record<string, unknown>) =>
      ((await h.binding.check!({}, { ...args, connection: h.connection })).failures ?? []).map(
        (f) => f.property,
      );
    expect(await check({ organizationId: "1001" })).toEqual(["client"]);
    expect(
      await check({ organizationId: "1001", client: { clientName: "a" }, clientGroup: { clientGroupId: 1 } }),
    ).toEqual(["client"]);
    expect(await check({ organizationId: "org-1", client: { clientName: "a" } })).toEqual(["organizationId"]);
    expect(await check({ organizationId: "1001", client: { clientGroupName: "a" } })).toContain(
      "client.clientGroupName",
    );
    expect(await check({ organizationId: "1001", client: { clientName: "cv-access-01" } })).toEqual([]);
  });
});
