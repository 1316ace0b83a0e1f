import { setLicenseTotal } from "../../../emulators/salesforce";
import { LookupCache } from "../../../provider/core";
import { checkAndCreate, checkAndUpdate, Harness, salesforceHarness, userProvider } from "./harness";

const writes = (calls: string[]) =>
  calls.filter((c) => !c.startsWith("GET") && !c.includes("/composite/batch") && !c.includes("oauth2"));

describe("salesforce.User provider methods", () => {
  let h: Harness;
  let org: ReturnType<Harness["newOrg"]>;
  const person = (local: string, extra: Record<string, unknown> = {}) => ({
    username: `${local}@provider-unit.test`,
    email: `${local}@provider-unit.test`,
    lastName: local,
    profileName: "Standard User",
    connection: org.connection,
    ...extra,
  });

  beforeAll(async () => {
    h = await salesforceHarness();
    org = h.newOrg("admin@provider-unit.test");
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.emulator.clearLog();
    LookupCache.clearAll(); // each test starts as a new provider process would
  });

  test("create: one name batch, then the user and every assignment in one Composite call; no drift", async () => {
    const { id, outs, inputs } = await checkAndCreate(
      person("jane.doe", {
        firstName: "Jane",
        roleName: "Sales Rep",
        managerUsername: "admin@provider-unit.test",
        title: "AE",
        department: "Sales",
        permissionSets: ["Sales_Ops", "Support Agent"],
        publicGroups: ["Sales_Team"],
        permissionSetLicenses: ["SalesConsoleUserPsl"],
        featureLicenses: ["MarketingUser"],
        customFields: { Regions__c: "EMEA;APAC" },
      }),
    );
    const calls = h.calls().filter((c) => !c.includes("oauth2"));
    expect(calls).toEqual([
      // The feature licence names are checked against the User object (one describe per session).
      "GET /services/data/v62.0/sobjects/User/describe",
      "POST /services/data/v62.0/composite/batch",
      "POST /services/data/v62.0/composite",
    ]);
    const write = h.emulator.log.find((e) => e.path.endsWith("/composite"))!.body as {
      allOrNone: boolean;
      compositeRequest: { url: string; body: Record<string, unknown> }[];
    };
    expect(write.allOrNone).toBe(true);
    expect(write.compositeRequest.map((r) => r.url.replace(/^\/services\/data\/v62.0/, ""))).toEqual([
      "/sobjects/User",
      "/sobjects/PermissionSetLicenseAssign",
      "/sobjects/PermissionSetAssignment",
      "/sobjects/PermissionSetAssignment",
      "/sobjects/GroupMember",
    ]);
    expect(write.compositeRequest[1].body.AssigneeId).toBe("@{newUser.id}");
    const user = h.state.userById(org.org, id)!;
    expect(user).toMatchObject({
      Username: "jane.doe@provider-unit.test",
      Alias: "jane.doe",
      Title: "AE",
      ProfileId: h.byName(org.org, "Profile", "Standard User").Id,
      UserRoleId: h.byName(org.org, "UserRole", "SalesRep").Id,
      ManagerId: org.adminId,
      UserPermissionsMarketingUser: true,
      Regions__c: "EMEA;APAC",
      TimeZoneSidKey: "America/Los_Angeles",
      IsActive: true,
    });
    const mine = (type: string, field = "AssigneeId") => h.rows(org.org, type).filter((r) => r[field] === id);
    expect(mine("PermissionSetAssignment")).toHaveLength(2);
    expect(mine("GroupMember", "UserOrGroupId")).toHaveLength(1);
    expect(mine("PermissionSetLicenseAssign")).toHaveLength(1);
    expect(outs).toMatchObject({
      profileName: "Standard User",
      profileId: user.ProfileId,
      roleName: "Sales Rep",
    });

    h.emulator.clearLog();
    const read = await userProvider.read!(id, outs);
    expect(h.calls().filter((c) => !c.includes("oauth2"))).toEqual([
      "POST /services/data/v62.0/composite/batch",
    ]);
    expect(read.props).toMatchObject({
      frozen: false,
      permissionSets: ["Sales_Ops", "Support Agent"],
      managerUsername: "admin@provider-unit.test",
    });
    expect((await userProvider.diff!(id, read.props!, inputs)).changes).toBe(false);
  });

  test("update: username in place, profile and role by name, title cleared, flags and custom fields", async () => {
    const created = await checkAndCreate(
      person("mover", {
        title: "Intern",
        featureLicenses: ["MarketingUser", "KnowledgeUser"],
        customFields: { Badge_Id__c: "B1" },
      }),
    );
    h.emulator.clearLog();
    const { diff, outs } = await checkAndUpdate(
      created.id,
      created.outs,
      person("mover", {
        username: "mover.renamed@provider-unit.test",
        profileName: "Marketing User",
        roleName: "VP, Engineering",
        featureLicenses: ["KnowledgeUser"],
      }),
    );
    expect(diff.replaces).toEqual([]);
    expect(writes(h.calls())).toEqual([`PATCH /services/data/v62.0/sobjects/User/${created.id}`]);
    expect(h.state.userById(org.org, created.id)).toMatchObject({
      Username: "mover.renamed@provider-unit.test",
      Alias: "mover.re", // no alias input: derived again from the new username
      Title: null,
      ProfileId: h.byName(org.org, "Profile", "Marketing User").Id,
      UserRoleId: h.byName(org.org, "UserRole", "VPEngineering").Id,
      UserPermissionsMarketingUser: false,
      UserPermissionsKnowledgeUser: true,
      Badge_Id__c: null,
    });
    expect(outs).toMatchObject({ profileName: "Marketing User", roleName: "VP, Engineering" });
  });

  test("permission sets: orgplane removes only what it managed, exact mode removes the rest", async () => {
    const created = await checkAndCreate(
      person("reconcile", { permissionSets: ["Sales_Ops", "Support_Agent"], publicGroups: ["Engineering"] }),
    );
    const handAdded = h.byName(org.org, "PermissionSet", "Reports_Builder").Id;
    h.state.insert(org.org, "PermissionSetAssignment", {
      AssigneeId: created.id,
      PermissionSetId: handAdded,
    });
    h.state.insert(org.org, "GroupMember", {
      GroupId: h.byName(org.org, "Group", "Support_Team").Id,
      UserOrGroupId: created.id,
    });
    const assigned = () =>
      h
        .rows(org.org, "PermissionSetAssignment")
        .filter((a) => a.AssigneeId === created.id)
        .map((a) => h.state.findById(org.org, String(a.PermissionSetId))!.record.Name)
        .sort();
    const groups = () =>
      h
        .rows(org.org, "GroupMember")
        .filter((m) => m.UserOrGroupId === created.id)
        .map((m) => h.state.findById(org.org, String(m.GroupId))!.record.DeveloperName)
        .sort();

    const read = await userProvider.read!(created.id, created.outs);
    expect(read.props!.permissionSets).toEqual(["Sales_Ops", "Support_Agent"]);

    h.emulator.clearLog();
    const dropped = await checkAndUpdate(
      created.id,
      created.outs,
      person("reconcile", { permissionSets: ["Sales_Ops"], publicGroups: ["Engineering"] }),
    );
    expect(assigned()).toEqual(["Reports_Builder", "Sales_Ops"]);
    expect(writes(h.calls())).toEqual([
      expect.stringMatching(/^DELETE \/services\/data\/v62.0\/composite\/sobjects$/),
    ]);

    const exact = await checkAndUpdate(
      created.id,
      dropped.outs,
      person("reconcile", { permissionSets: ["Sales_Ops"], publicGroups: ["Engineering"], exact: true }),
    );
    expect(assigned()).toEqual(["Sales_Ops"]);
    expect(groups()).toEqual(["Engineering"]);
    const reread = await userProvider.read!(created.id, exact.outs);
    expect(reread.props).toMatchObject({ permissionSets: ["Sales_Ops"], publicGroups: ["Engineering"] });
  });

  test("freeze, unfreeze, deactivate and reactivate", async () => {
    const created = await checkAndCreate(person("icy", { frozen: true }));
    // The freeze follows the create's one write: a query of its UserLogin row, then the update of it.
    expect(writes(h.calls())).toEqual([
      "POST /services/data/v62.0/composite",
      expect.stringMatching(/^PATCH \/services\/data\/v62.0\/sobjects\/UserLogin\//),
    ]);
    const login = () => h.rows(org.org, "UserLogin").find((l) => l.UserId === created.id)!;
    expect(login().IsFrozen).toBe(true);
    const thawed = await checkAndUpdate(
      created.id,
      created.outs,
      person("icy", { frozen: false, active: false }),
    );
    expect(login().IsFrozen).toBe(false);
    expect(h.state.userById(org.org, created.id)!.IsActive).toBe(false);
    await checkAndUpdate(created.id, thawed.outs, person("icy", { active: true }));
    expect(h.state.userById(org.org, created.id)!.IsActive).toBe(true);
  });

  test("refresh reads back out-of-band changes: title, freeze, a removed permission set, a flag", async () => {
    const created = await checkAndCreate(
      person("drifty", {
        title: "Engineer",
        permissionSets: ["Sales_Ops"],
        featureLicenses: ["SupportUser"],
      }),
    );
    const user = h.state.userById(org.org, created.id)!;
    user.Title = "Manager";
    user.UserPermissionsSupportUser = false;
    h.rows(org.org, "UserLogin").find((l) => l.UserId === created.id)!.IsFrozen = true;
    const psa = h.rows(org.org, "PermissionSetAssignment").find((a) => a.AssigneeId === created.id)!;
    h.state.table(org.org, "PermissionSetAssignment").delete(String(psa.Id));
    const read = (await userProvider.read!(created.id, created.outs)).props!;
    expect(read).toMatchObject({ title: "Manager", frozen: true, permissionSets: [], featureLicenses: [] });
    const { diff } = await checkAndUpdate(
      created.id,
      read,
      person("drifty", {
        title: "Engineer",
        permissionSets: ["Sales_Ops"],
        featureLicenses: ["SupportUser"],
      }),
    );
    expect(diff.changes).toBe(true);
    expect(user).toMatchObject({ Title: "Engineer", UserPermissionsSupportUser: true });
    expect(h.rows(org.org, "UserLogin").find((l) => l.UserId === created.id)!.IsFrozen).toBe(false);
  });

  test("a user gone from the org reads as gone", async () => {
    const created = await checkAndCreate(person("ghost"));
    h.state.table(org.org, "User").delete(created.id);
    expect(await userProvider.read!(created.id, created.outs)).toEqual({});
  });

  test("delete hands open leads to the successor, deactivates, warns, and never calls DELETE", async () => {
    const created = await checkAndCreate(person("leaver", { leadsSuccessor: "admin@provider-unit.test" }));
    const open = h.state.insert(org.org, "Lead", {
      LastName: "Open",
      Company: "Acme",
      OwnerId: created.id,
      IsConverted: false,
      Status: "Working - Contacted",
    });
    const converted = h.state.insert(org.org, "Lead", {
      LastName: "Won",
      Company: "Acme",
      OwnerId: created.id,
      IsConverted: true,
      Status: "Closed - Converted",
    });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    h.emulator.clearLog();
    await userProvider.delete!(created.id, created.outs);
    expect(open.OwnerId).toBe(org.adminId);
    expect(converted.OwnerId).toBe(created.id);
    expect(h.state.userById(org.org, created.id)!.IsActive).toBe(false);
    expect(h.calls().some((c) => c.startsWith("DELETE"))).toBe(false);
    expect(warn.mock.calls.flat().join(" ")).toMatch(
      /leaver@provider-unit.test .* deactivated, not deleted.* 1 open lead/,
    );
    warn.mockRestore();
  });

  test("creating over an existing username fails naming adopt; adopt takes the user over", async () => {
    const existing = h.state.insert(org.org, "User", {
      Username: "taken@provider-unit.test",
      Email: "old@provider-unit.test",
      LastName: "Old",
      Alias: "old",
      ProfileId: h.byName(org.org, "Profile", "Read Only").Id,
      IsActive: true,
      TimeZoneSidKey: "GMT",
      LocaleSidKey: "en_US",
      EmailEncodingKey: "UTF-8",
      LanguageLocaleKey: "en_US",
    });
    h.state.insert(org.org, "UserLogin", { UserId: existing.Id, IsFrozen: true });
    await expect(checkAndCreate(person("taken"))).rejects.toThrow(
      new RegExp(
        `salesforce.User "taken@provider-unit.test" already exists \\(user id ${existing.Id}\\).*\`adopt: true\``,
        "s",
      ),
    );
    const adopted = await checkAndCreate(person("taken", { adopt: true, permissionSets: ["Sales_Ops"] }));
    expect(adopted.id).toBe(existing.Id);
    expect(existing).toMatchObject({
      LastName: "taken",
      TimeZoneSidKey: "America/Los_Angeles",
      ProfileId: h.byName(org.org, "Profile", "Standard User").Id,
    });
    expect(h.rows(org.org, "UserLogin").find((l) => l.UserId === existing.Id)!.IsFrozen).toBe(false);
    expect(h.rows(org.org, "User").filter((u) => u.Username === "taken@provider-unit.test")).toHaveLength(1);
  });

  test("adopting a user as it is writes nothing; a difference writes only the fields that differ", async () => {
    const declared = person("asis", { title: "Engineer", permissionSets: ["Sales_Ops"] });
    const created = await checkAndCreate(declared);
    h.emulator.clearLog();
    const adopted = await checkAndCreate({ ...declared, adopt: true });
    expect(adopted.id).toBe(created.id);
    const writes = () =>
      h.emulator.log.filter((c) => {
        const sub = (c.body as { batchRequests?: { method: string }[] } | undefined)?.batchRequests;
        return (
          c.method !== "GET" && !c.path.endsWith("/oauth2/token") && !sub?.every((r) => r.method === "GET")
        );
      });
    expect(writes()).toEqual([]);
    h.emulator.clearLog();
    await checkAndCreate({ ...declared, title: "Architect", adopt: true });
    expect(writes().map((c) => [c.method, c.body])).toEqual([["PATCH", { Title: "Architect" }]]);
  });

  test("a username taken in another org keeps Salesforce's DUPLICATE_USERNAME error", async () => {
    h.newOrg("elsewhere@other-org.test");
    await expect(checkAndCreate(person("x", { username: "elsewhere@other-org.test" }))).rejects.toMatchObject(
      {
        name: "ApiError",
        code: "DUPLICATE_USERNAME",
        status: 400,
      },
    );
  });

  test("a dropped reply to the create never makes the user twice: the one found is left to adopt", async () => {
    h.emulator.faults.add({ method: "POST", path: "/composite$", commitThenDrop: true, times: 1 });
    const args = person("dropped", { permissionSets: ["Sales_Ops"] });
    const error = await checkAndCreate(args).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/its reply was lost.*another owner's.*adopt: true/s);
    const created = await checkAndCreate({ ...args, adopt: true });
    expect(
      h
        .rows(org.org, "User")
        .filter((u) => u.Username === "dropped@provider-unit.test")
        .map((u) => u.Id),
    ).toEqual([created.id]);
    expect(
      h.rows(org.org, "PermissionSetAssignment").filter((a) => a.AssigneeId === created.id),
    ).toHaveLength(1);
    h.emulator.faults.clear();
  });

  test("a refused assignment rolls the whole create back: no user is left behind", async () => {
    // CRM_Analytics_Viewer needs a permission set licence the user does not get.
    const failed = await checkAndCreate(
      person("partial", { permissionSets: ["CRM_Analytics_Viewer"] }),
    ).catch((e) => e);
    expect(failed).toMatchObject({ name: "ApiError", code: "FIELD_INTEGRITY_EXCEPTION", status: 400 });
    expect(failed.message).toMatch(/sobjects\/PermissionSetAssignment \(in \/composite\)/);
    expect(h.rows(org.org, "User").filter((u) => u.Username === "partial@provider-unit.test")).toEqual([]);
    const finished = await checkAndCreate(
      person("partial", {
        permissionSetLicenses: ["EinsteinAnalyticsPlusPsl"],
        permissionSets: ["CRM_Analytics_Viewer"],
      }),
    );
    expect(finished.outs.permissionSets).toEqual(["CRM_Analytics_Viewer"]);
    expect(
      h.rows(org.org, "PermissionSetAssignment").filter((a) => a.AssigneeId === finished.id),
    ).toHaveLength(1);
  });

  test("names are looked up once per process and credential: the next create is one call", async () => {
    const names = { roleName: "Engineer", permissionSets: ["Support_Agent"], publicGroups: ["Engineering"] };
    await checkAndCreate(person("first.cached", names));
    h.emulator.clearLog();
    await checkAndCreate(person("second.cached", names));
    // The names come from the cache; the existence check of the username goes alone.
    expect(h.calls()).toEqual(["GET /services/data/v62.0/query", "POST /services/data/v62.0/composite"]);
    const [check] = h.emulator.calls({ path: /\/query$/ });
    expect(String(check.query.q)).toMatch(/FROM User WHERE Username = 'second.cached@/);
    // A manager is a user: looked up afresh, in one batch with the existence check.
    h.emulator.clearLog();
    await checkAndCreate(
      person("third.cached", { ...names, managerUsername: "first.cached@provider-unit.test" }),
    );
    expect(h.calls()).toEqual([
      "POST /services/data/v62.0/composite/batch",
      "POST /services/data/v62.0/composite",
    ]);
    const batch = JSON.stringify(h.emulator.calls({ path: /\/composite\/batch$/ })[0].body);
    expect(decodeURIComponent(batch)).toMatch(/FROM User WHERE Username = 'first.cached@.*'third.cached@/);
  });

  test("a user with more assignments than one Composite call holds gets the rest in a collection insert", async () => {
    const teams = Array.from({ length: 30 }, (_, i) => `Overflow_Team_${i}`);
    for (const name of teams)
      h.state.insert(org.org, "Group", { Name: name, DeveloperName: name, Type: "Regular" });
    const created = await checkAndCreate(person("crowded", { publicGroups: teams }));
    expect(writes(h.calls())).toEqual([
      "POST /services/data/v62.0/composite",
      "POST /services/data/v62.0/composite/sobjects",
    ]);
    const composite = h.emulator.calls({ path: /\/composite$/ })[0].body as { compositeRequest: unknown[] };
    expect(composite.compositeRequest).toHaveLength(25);
    expect(h.rows(org.org, "GroupMember").filter((m) => m.UserOrGroupId === created.id)).toHaveLength(30);

    // When the assignments after the call fail, the user is kept in state without its lists, to finish later.
    h.emulator.faults.add({ method: "POST", path: "/composite/sobjects$", status: 400, times: 1 });
    const failed = await checkAndCreate(person("crowded.too", { publicGroups: teams })).catch((e) => e);
    expect(failed.id).toMatch(/^005/);
    expect(failed.properties).toMatchObject({ username: "crowded.too@provider-unit.test" });
    expect(failed.properties.publicGroups).toBeUndefined();
    h.emulator.faults.clear();
  });

  test("an unknown name fails before anything is written, naming the input and the lookup", async () => {
    await expect(checkAndCreate(person("typo", { permissionSets: ["Sales_Ops", "Nope"] }))).rejects.toThrow(
      /permissionSets\[1\]: no permission set named "Nope" .*getPermissionSets/,
    );
    await expect(checkAndCreate(person("typo", { profileName: "Wizard" }))).rejects.toThrow(
      /profileName: no profile named "Wizard"/,
    );
    expect(writes(h.calls())).toEqual([]);
    // A lookup that missed is not kept: once the permission set exists, the same create finds it.
    h.state.insert(org.org, "PermissionSet", { Name: "Nope", Label: "Nope", IsOwnedByProfile: false });
    const created = await checkAndCreate(person("typo", { permissionSets: ["Sales_Ops", "Nope"] }));
    expect(created.outs.permissionSets).toEqual(["Sales_Ops", "Nope"]);
  });

  test("Salesforce's error codes come through: INVALID_CROSS_REFERENCE_KEY, LICENSE_LIMIT_EXCEEDED, REQUEST_LIMIT_EXCEEDED", async () => {
    await expect(
      checkAndCreate(person("badref", { profileName: undefined, profileId: "00e000000000000AAA" })),
    ).rejects.toMatchObject({
      code: "INVALID_CROSS_REFERENCE_KEY",
      message: expect.stringContaining("invalid cross reference id"),
    });
    const other = h.newOrg("admin@licences.test");
    const ctxOrg = { ...other, connection: other.connection };
    const active = h.rows(other.org, "User").filter((u) => u.IsActive).length;
    setLicenseTotal({ state: h.state } as never, other.org, "Salesforce", active);
    await expect(
      checkAndCreate({ ...person("nolicence"), connection: ctxOrg.connection }),
    ).rejects.toMatchObject({
      code: "LICENSE_LIMIT_EXCEEDED",
    });
    h.state.apiUsage.set(other.org.Id, { used: 0, limit: 0 });
    await expect(
      checkAndCreate({ ...person("limited", { active: false }), connection: other.connection }),
    ).rejects.toMatchObject({
      code: "REQUEST_LIMIT_EXCEEDED",
      status: 403,
    });
  });
});
