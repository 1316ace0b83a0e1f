import { LookupCache } from "../../../provider/core";
import { CommvaultClient } from "../../../provider/commvault/client";
import { orgArgs, plaintext, startHarness, syncDatabase } from "./harness";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("commvault.Organization provider against the emulator", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.cv.emulator.reset());

  test("create resolves names, sends Base64 secrets, and a Modify follows for Modify-only settings", async () => {
    const { id, state } = await h.createOrg(
      orgArgs("acme-prod", {
        accessNodes: [{ clientName: "cv-access-01" }, { clientGroupName: "sf-access-pool" }],
        syncDatabase,
        backupStreams: 6,
        backupMetadata: false,
      }),
    );
    expect(h.calls().filter((c) => !c.startsWith("GET /Plan") && !c.startsWith("GET /Client"))).toEqual([
      "POST /Login",
      "GET /Salesforce/Organization", // the existence check
      "POST /Salesforce/Organization",
      "GET /Backupset",
      `POST /Salesforce/Organization/${id}`,
    ]);
    expect(h.calls("GET").sort()).toEqual([
      "GET /Backupset",
      "GET /Client",
      "GET /ClientGroup",
      "GET /Plan",
      "GET /Salesforce/Organization",
    ]);

    const org = h.cv.state.orgs.get(Number(id))!;
    expect(org.account).toMatchObject({
      password: b64(plaintext.sfPassword),
      consumerSecret: b64(plaintext.consumerSecret),
      token: b64(plaintext.sfToken), // as cvpysdk sends it
      endpoint: "https://login.salesforce.com",
      authenticationType: 2,
    });
    expect(org.syncDatabase).toMatchObject({
      dbType: "3",
      dbPort: "5432",
      password: b64(plaintext.dbPassword),
    });
    expect(org.content).toMatchObject({ noOfBackupStreams: 6, backupSFMetadata: false });
    expect(state).toMatchObject({
      clientId: org.clientId,
      clientName: "acme-prod",
      instanceId: org.instanceId,
      backupsetId: org.backupsetId,
      planId: 11,
      planName: "Salesforce Gold",
      companyId: 0,
      memberServers: [
        { clientId: 101, clientName: "cv-access-01" },
        { clientGroupId: 201, clientGroupName: "sf-access-pool" },
      ],
    });
    const text = JSON.stringify(state);
    for (const secret of Object.values(plaintext)) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(b64(secret));
    }
  });

  test("without Modify-only settings there is no Modify; a company by name resolves", async () => {
    const { id, state } = await h.createOrg(orgArgs("acme-min", { company: { companyName: "Acme Corp" } }));
    expect(h.calls("POST", /Organization\/\d+/)).toEqual([]);
    expect(state).toMatchObject({ companyId: 7, companyName: "Acme Corp", memberServers: [] });
    expect(h.cv.state.orgs.get(Number(id))!.companyId).toBe(7);
  });

  test("an unknown plan fails before anything is created", async () => {
    await expect(h.createOrg(orgArgs("acme-x", { plan: { planName: "Platinum" } }))).rejects.toThrow(
      'commvault: no plan {"planName":"Platinum"} (plan)',
    );
    expect(h.calls("POST", /Salesforce/)).toEqual([]);
  });

  test("update sends one Modify with only what changed", async () => {
    const created = await h.createOrg(orgArgs("acme-upd", { backupStreams: 2 }));
    h.cv.emulator.clearLog();
    const news = (
      await h.org.check!(created.state, {
        ...orgArgs("acme-upd", {
          backupStreams: 4,
          accessNodes: [{ clientId: 102 }],
          salesforceAccount: { ...(orgArgs("x").salesforceAccount as object), password: "rotated-pass" },
        }),
        connection: h.connection,
      })
    ).inputs;
    const diff = await h.org.diff!(created.id, created.state, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    const { outs } = await h.org.update!(created.id, created.state, news);
    const modifies = h.cv.emulator.calls({ method: "POST", path: /Organization\/\d+$/ });
    expect(modifies).toHaveLength(1);
    expect(Object.keys(modifies[0].body as object).sort()).toEqual([
      "accessNodes",
      "noOfBackupStreams",
      "salesforceAccount",
    ]);
    const org = h.cv.state.orgs.get(Number(created.id))!;
    expect(org.content.noOfBackupStreams).toBe(4);
    expect(org.account.password).toBe(b64("rotated-pass"));
    expect(org.accessNodes).toEqual([{ type: 3, id: 102, name: "cv-access-02" }]);
    expect(outs).toMatchObject({
      backupStreams: 4,
      memberServers: [{ clientId: 102, clientName: "cv-access-02" }],
    });
    expect(JSON.stringify(outs)).not.toContain("rotated-pass");
  });

  test("read reports out-of-band changes to what is declared, and only that", async () => {
    const created = await h.createOrg(
      orgArgs("acme-read", { backupStreams: 2, accessNodes: [{ clientName: "cv-access-01" }] }),
    );
    const org = h.cv.state.orgs.get(Number(created.id))!;
    org.content.noOfBackupStreams = 9;
    org.content.filesPerBackup = 500;
    org.accessNodes.push({ type: 28, id: 202, name: "linux-proxies" });
    h.cv.emulator.clearLog();
    const read = await h.org.read!(created.id, created.state);
    expect(h.calls().sort()).toEqual(["GET /Backupset", "GET /Instance"]);
    expect(read.props).toMatchObject({
      backupStreams: 9,
      accessNodes: [{ clientName: "cv-access-01" }, { clientGroupName: "linux-proxies" }],
      memberServers: [
        { clientId: 101, clientName: "cv-access-01" },
        { clientGroupId: 202, clientGroupName: "linux-proxies" },
      ],
    });
    expect(read.props!.filesPerBackup).toBeUndefined();
    const news = (
      await h.org.check!(read.props!, {
        ...orgArgs("acme-read", { backupStreams: 2, accessNodes: [{ clientName: "cv-access-01" }] }),
        connection: h.connection,
      })
    ).inputs;
    expect(await h.org.diff!(created.id, read.props!, news)).toMatchObject({ changes: true, replaces: [] });
  });

  test("read without drift keeps the declared form", async () => {
    const created = await h.createOrg(orgArgs("acme-same", { accessNodes: [{ clientId: 101 }] }));
    const read = await h.org.read!(created.id, created.state);
    expect(read.props!.accessNodes).toEqual([{ clientId: 101 }]);
    const news = (
      await h.org.check!(read.props!, {
        ...orgArgs("acme-same", { accessNodes: [{ clientId: 101 }] }),
        connection: h.connection,
      })
    ).inputs;
    expect((await h.org.diff!(created.id, read.props!, news)).changes).toBe(false);
  });

  test("an instance that lists its access nodes as flat proxyServers reads the same (cvpysdk's shape)", async () => {
    const created = await h.createOrg(
      orgArgs("acme-proxies", { accessNodes: [{ clientId: 101 }, { clientGroupName: "sf-access-pool" }] }),
    );
    const nested = await h.org.read!(created.id, created.state);
    h.cv.state.proxyServers = true;
    try {
      const flat = await h.org.read!(created.id, created.state);
      expect(flat.props!.memberServers).toEqual(nested.props!.memberServers);
      expect(flat.props!.memberServers).toHaveLength(2);
      expect(flat.props!.accessNodes).toEqual([{ clientId: 101 }, { clientGroupName: "sf-access-pool" }]);
    } finally {
      h.cv.state.proxyServers = false;
    }
  });

  test("client groups listed as {name, Id} (cvpysdk's reading) resolve the same as nested ones", async () => {
    h.cv.state.flatClientGroups = true;
    LookupCache.clearAll(); // resolve the group afresh, from the flat list
    try {
      const created = await h.createOrg(
        orgArgs("acme-flat-groups", { accessNodes: [{ clientGroupName: "sf-access-pool" }] }),
      );
      const group = h.cv.state.clientGroups.find((g) => g.clientGroupName === "sf-access-pool")!;
      expect(created.state.memberServers).toEqual([
        { clientGroupId: group.clientGroupId, clientGroupName: "sf-access-pool" },
      ]);
    } finally {
      h.cv.state.flatClientGroups = false;
    }
  });

  test("read drops the resource on 404 and throws on any other error", async () => {
    const created = await h.createOrg(orgArgs("acme-gone"));
    h.cv.emulator.faults.add({
      method: "GET",
      path: "/Instance$",
      status: 500,
      message: "database is down",
    });
    await expect(h.org.read!(created.id, created.state)).rejects.toThrow(
      `commvault GET /Instance?clientId=${created.id} failed: HTTP 500: 2: database is down`,
    );
    h.cv.emulator.faults.clear();
    h.cv.state.orgs.delete(Number(created.id));
    expect(await h.org.read!(created.id, created.state)).toEqual({});
  });

  test("delete retires by default; forceDelete only when asked; a gone client is fine", async () => {
    const retired = await h.createOrg(orgArgs("acme-retire"));
    h.cv.state.orgs.get(Number(retired.id))!.hasBackupData = true;
    h.cv.emulator.clearLog();
    await h.org.delete!(retired.id, retired.state);
    expect(h.calls("DELETE")).toEqual([`DELETE /Client/${retired.id}/Retire`]);
    expect(h.cv.state.orgs.get(Number(retired.id))?.retired).toBe(true);

    const forced = await h.createOrg(orgArgs("acme-force", { deletionPolicy: "forceDelete" }));
    h.cv.emulator.clearLog();
    await h.org.delete!(forced.id, forced.state);
    expect(h.cv.emulator.calls({ method: "DELETE" }).map((c) => [c.path, c.query])).toEqual([
      [`/commandcenter/api/Client/${forced.id}`, { forceDelete: "true" }],
    ]);
    expect(h.cv.state.orgs.has(Number(forced.id))).toBe(false);
    await expect(h.org.delete!(forced.id, forced.state)).resolves.toBeUndefined();
  });

  test("creating over an existing name fails and names adopt; adopt takes it over and applies the inputs", async () => {
    const first = await h.createOrg(orgArgs("acme-adopt"));
    await expect(h.createOrg(orgArgs("ACME-ADOPT"))).rejects.toThrow(/already exists.*`adopt: true`/);
    const adopted = await h.createOrg(
      orgArgs("acme-adopt", { adopt: true, downloadCachePath: "/adopted", backupStreams: 3 }),
    );
    expect(adopted.id).toBe(first.id);
    expect(h.cv.state.orgs.size).toBe(1);
    const org = h.cv.state.orgs.get(Number(first.id))!;
    expect(org.downloadCachePath).toBe("/adopted");
    expect(org.content.noOfBackupStreams).toBe(3);
    expect(adopted.state).toMatchObject({ instanceId: org.instanceId, backupsetId: org.backupsetId });
  });

  test("the plan an organization really has is recorded, on adopt and on refresh, so a difference shows", async () => {
    const first = await h.createOrg(orgArgs("acme-plan"));
    const silver = orgArgs("acme-plan", { adopt: true, plan: { planName: "Salesforce Silver" } });
    const adopted = await h.createOrg(silver);
    expect(adopted.state).toMatchObject({
      planId: 11,
      planName: "Salesforce Gold",
      plan: { planName: "Salesforce Gold" },
    });
    // The next preview shows the plan change (a replace, which a Commvault name refuses).
    await expect(h.org.diff!(adopted.id, adopted.state, { ...adopted.inputs, adopt: false })).rejects.toThrow(
      /changing plan replaces organization "acme-plan"/,
    );
    // Out of band, the plan changes: refresh records it.
    h.cv.state.orgs.get(Number(first.id))!.planId = 12;
    h.cv.state.orgs.get(Number(first.id))!.planName = "Salesforce Silver";
    const read = await h.org.read!(first.id, first.state);
    expect(read.props).toMatchObject({
      planId: 12,
      planName: "Salesforce Silver",
      plan: { planName: "Salesforce Silver" },
    });
  });

  test("adopting an organization as it is writes nothing, whatever its secrets; a real difference writes only that", async () => {
    const first = await h.createOrg(orgArgs("acme-same", { backupStreams: 4 }));
    h.cv.emulator.clearLog();
    const other = { ...(orgArgs("x").salesforceAccount as object), password: "not-the-one-it-holds" };
    const asIs = await h.createOrg(
      orgArgs("acme-same", { adopt: true, backupStreams: 4, salesforceAccount: other }),
    );
    expect(asIs.id).toBe(first.id);
    expect(h.calls().filter((c) => !c.startsWith("GET"))).toEqual([]);
    expect(h.cv.state.orgs.get(Number(first.id))!.account.password).toBe(b64(plaintext.sfPassword));
    h.cv.emulator.clearLog();
    await h.createOrg(orgArgs("acme-same", { adopt: true, backupStreams: 5 }));
    const modify = h.cv.emulator.calls({
      method: "POST",
      path: new RegExp(`/Salesforce/Organization/${first.id}$`),
    });
    expect(modify.map((c) => JSON.stringify(c.body))).toEqual([
      expect.stringContaining('"noOfBackupStreams":5'),
    ]);
    expect(JSON.stringify(modify[0].body)).not.toMatch(/password|consumerSecret|downloadCachePath/);
  });

  test("a reply lost after the server created the org: refused, no duplicate; adopt takes it", async () => {
    // The reset expired the session: renew it first (the plan lookup that did so is cached by now), so that the
    // fault drops an authorized create.
    await CommvaultClient.for(h.connection).listPlans();
    h.cv.emulator.clearLog();
    h.cv.emulator.faults.add({
      method: "POST",
      path: "/Salesforce/Organization$",
      commitThenDrop: true,
      times: 1,
    });
    const error = await h.createOrg(orgArgs("acme-lost")).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/its reply was lost.*another owner's.*adopt: true/s);
    expect(h.cv.state.orgs.size).toBe(1);
    expect(h.calls("POST", /Organization$/)).toEqual(["POST /Salesforce/Organization"]);
    // The existence check before the write, and the look that finds an object after it.
    expect(h.calls("GET", /Salesforce/)).toEqual([
      "GET /Salesforce/Organization",
      "GET /Salesforce/Organization",
    ]);
    const { id } = await h.createOrg({ ...orgArgs("acme-lost"), adopt: true });
    expect(h.cv.state.orgs.size).toBe(1);
    expect(h.cv.state.orgs.get(Number(id))!.clientName).toBe("acme-lost");
  });

  test("a create whose id read-back failed is recorded, and the next update finds the ids itself", async () => {
    h.cv.emulator.faults.add({ method: "GET", path: "/Backupset$", status: 400, message: "busy", times: 1 });
    const error = await h.createOrg(orgArgs("acme-noids", { backupStreams: 5 })).catch((e) => e);
    expect(error.message).toMatch(/GET \/Backupset.*HTTP 400: 2: busy/);
    expect(error.properties.instanceId).toBeUndefined();
    const news = (
      await h.org.check!(error.properties, {
        ...orgArgs("acme-noids", { backupStreams: 5 }),
        connection: h.connection,
      })
    ).inputs;
    const { outs } = await h.org.update!(error.id, error.properties, news);
    const org = h.cv.state.orgs.get(Number(error.id))!;
    expect(org.content.noOfBackupStreams).toBe(5);
    expect(outs).toMatchObject({ instanceId: org.instanceId, backupsetId: org.backupsetId });
  });

  test("a failed follow-up Modify records a partial create that the next up completes", async () => {
    h.cv.emulator.faults.add({
      method: "POST",
      path: "/Organization/\\d+$",
      status: 400,
      message: "streams refused",
      times: 1,
    });
    const error = await h.createOrg(orgArgs("acme-partial", { backupStreams: 5 })).catch((e) => e);
    expect(error.message).toMatch(/streams refused/);
    expect(error.id).toMatch(/^\d+$/);
    expect(error.properties).toMatchObject({
      instanceId: expect.any(Number),
      backupsetId: expect.any(Number),
    });
    expect(error.properties.backupStreams).toBeUndefined();
    const news = (
      await h.org.check!(error.properties, {
        ...orgArgs("acme-partial", { backupStreams: 5 }),
        connection: h.connection,
      })
    ).inputs;
    expect(await h.org.diff!(error.id, error.properties, news)).toMatchObject({
      changes: true,
      replaces: [],
    });
    await h.org.update!(error.id, error.properties, news);
    expect(h.cv.state.orgs.get(Number(error.id))!.content.noOfBackupStreams).toBe(5);
  });
});
