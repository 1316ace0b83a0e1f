import { UNKNOWN } from "../../../provider/core";
import { AdoptedThisRun } from "../../../provider/core/provider";
import { orgArgs, startHarness } from "./harness";

describe("commvault.AccessNodeBinding provider against the emulator", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  let orgId: string;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    AdoptedThisRun.clearAll(); // each test is a run of its own (binding ids recur)
    h.cv.emulator.reset();
    orgId = (await h.createOrg(orgArgs("acme-bind"))).id;
    h.cv.emulator.clearLog();
  });
  const nodesOf = () =>
    h.cv.state.orgs
      .get(Number(orgId))!
      .accessNodes.map((n) => n.name)
      .sort();

  test("bindings created in parallel on one organization keep each other's nodes", async () => {
    const created = await Promise.all([
      h.createBinding({ organizationId: orgId, client: { clientName: "cv-access-01" } }),
      h.createBinding({ organizationId: orgId, client: { clientId: 102 } }),
      h.createBinding({ organizationId: orgId, client: { clientName: "cv-access-03" } }),
      h.createBinding({ organizationId: orgId, clientGroup: { clientGroupName: "sf-access-pool" } }),
    ]);
    expect(nodesOf()).toEqual(["cv-access-01", "cv-access-02", "cv-access-03", "sf-access-pool"]);
    expect(created.map((b) => b.id)).toEqual([
      `${orgId}/client/101`,
      `${orgId}/client/102`,
      `${orgId}/client/103`,
      `${orgId}/clientGroup/201`,
    ]);
    expect(created[3].state).toMatchObject({
      nodeType: "clientGroup",
      nodeId: 201,
      nodeName: "sf-access-pool",
    });
    // Each binding: read the list, write it whole, read it back. One backup-set lookup for them all.
    expect(h.calls("POST", /Organization\/\d+$/)).toHaveLength(4);
    expect(h.calls("GET", /Instance/)).toHaveLength(8);
    expect(h.calls("GET", /Backupset/)).toHaveLength(1);
  });

  test("a node already in the list fails and names adopt; adopt takes it over without a write", async () => {
    await h.createBinding({ organizationId: orgId, client: { clientName: "cv-access-01" } });
    await expect(h.createBinding({ organizationId: orgId, client: { clientId: 101 } })).rejects.toThrow(
      /already an access node.*`adopt: true`/,
    );
    h.cv.emulator.clearLog();
    const adopted = await h.createBinding({ organizationId: orgId, client: { clientId: 101 }, adopt: true });
    expect(adopted.id).toBe(`${orgId}/client/101`);
    expect(h.calls("POST")).toEqual([]);
  });

  test("an unknown node or organization fails clearly", async () => {
    await expect(h.createBinding({ organizationId: orgId, client: { clientName: "ghost" } })).rejects.toThrow(
      'commvault: no client {"clientName":"ghost"} (client)',
    );
    await expect(
      h.createBinding({ organizationId: "9999", client: { clientName: "cv-access-01" } }),
    ).rejects.toThrow("commvault: organization 9999 was not found (organizationId)");
  });

  test("delete removes only its own node", async () => {
    const a = await h.createBinding({ organizationId: orgId, client: { clientName: "cv-access-01" } });
    await h.createBinding({ organizationId: orgId, clientGroup: { clientGroupId: 202 } });
    await h.binding.delete!(a.id, a.state);
    expect(nodesOf()).toEqual(["linux-proxies"]);
    h.cv.emulator.clearLog();
    await h.binding.delete!(a.id, a.state);
    expect(h.calls()).toEqual(["GET /Instance"]);
  });

  test("refresh drops a binding whose node or organization is gone, and throws on other errors", async () => {
    const a = await h.createBinding({ organizationId: orgId, client: { clientName: "cv-access-01" } });
    expect((await h.binding.read!(a.id, a.state)).id).toBe(a.id);
    h.cv.emulator.faults.add({ path: "/Instance", status: 500, message: "maintenance" });
    const failing = { ...a.state, connection: { ...h.connection } };
    await expect(h.binding.read!(a.id, failing)).rejects.toThrow(/HTTP 500: 2: maintenance/);
    h.cv.emulator.faults.clear();
    h.cv.state.orgs.get(Number(orgId))!.accessNodes = [];
    expect(await h.binding.read!(a.id, a.state)).toEqual({});
    h.cv.state.orgs.delete(Number(orgId));
    expect(await h.binding.read!(a.id, a.state)).toEqual({});
    await expect(h.binding.delete!(a.id, a.state)).resolves.toBeUndefined();
  });

  test("an organization update that does not declare accessNodes leaves the bindings' nodes alone", async () => {
    await h.createBinding({ organizationId: orgId, client: { clientName: "cv-access-02" } });
    const state = { ...(await h.org.read!(orgId, { connection: h.connection } as never)).props } as Record<
      string,
      any
    >;
    const olds = {
      ...state,
      ...(await h.org.check!({}, { ...orgArgs("acme-bind"), connection: h.connection })).inputs,
    };
    const news = (
      await h.org.check!(olds, { ...orgArgs("acme-bind", { backupStreams: 3 }), connection: h.connection })
    ).inputs;
    await h.org.update!(orgId, olds, news);
    const modify = h.cv.emulator.calls({ method: "POST", path: /Organization\/\d+$/ }).pop()!;
    expect(modify.body).toEqual({ noOfBackupStreams: 3 });
    expect(nodesOf()).toEqual(["cv-access-02"]);
  });

  test("preview with unknown values: check and diff succeed, only the unknown input changes", async () => {
    const { id, state } = await h.createBinding({
      organizationId: orgId,
      client: { clientName: "cv-access-01" },
    });
    const declared = {
      organizationId: orgId,
      client: { clientName: "cv-access-01" },
      connection: h.connection,
    };
    for (const unknown of [
      { organizationId: UNKNOWN },
      { client: UNKNOWN },
      { client: { clientName: UNKNOWN } },
    ]) {
      const checked = await h.binding.check!(state, { ...declared, ...unknown });
      expect([unknown, checked.failures]).toEqual([unknown, undefined]);
      expect(checked.inputs).toMatchObject({ adopt: false });
      const diff = await h.binding.diff!(id, state, checked.inputs);
      expect(diff.changes).toBe(true);
    }
    const known = await h.binding.check!(state, declared);
    expect((await h.binding.diff!(id, state, known.inputs)).changes).toBe(false);
  });
});
