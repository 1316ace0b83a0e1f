import { SalesforceState } from "../../emulators/salesforce/state";
import { e2eEmulators } from "./emulators";
import { programStack, ProgramStack } from "./stack";

// Credentials reach the provider through SF_AUTH_URL in the environment: the program passes no connection.
const program = `
const pulumi = require("@pulumi/pulumi");
const { salesforce } = require("orgplane");
const cfg = new pulumi.Config();
const successor = "admin@sf-e2e.test";
const ada = new salesforce.User("ada", {
  username: "ada@sf-e2e.test",
  email: "ada@sf-e2e.test",
  firstName: "Ada",
  lastName: "Lovelace",
  profileName: cfg.require("adaProfile"),
  roleName: cfg.require("adaRole"),
  permissionSets: cfg.requireObject("adaPermissionSets"),
  publicGroups: ["Sales_Team"],
  frozen: cfg.requireBoolean("adaFrozen"),
  active: cfg.requireBoolean("adaActive"),
  leadsSuccessor: successor,
});
const grace = new salesforce.User("grace", {
  username: "grace@sf-e2e.test",
  email: "grace@sf-e2e.test",
  lastName: "Hopper",
  title: "Engineer",
  profileName: "Standard User",
  managerUsername: ada.username,
  permissionSets: ["Support_Agent"],
  publicGroups: ["Engineering", "Support_Team"],
  featureLicenses: ["KnowledgeUser"],
  leadsSuccessor: successor,
});
module.exports = { adaId: ada.id, adaProfileId: ada.profileId, graceId: grace.id, graceManager: grace.managerId };
`;

describe("salesforce.User through the real engine", () => {
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  let ps: ProgramStack;
  let org: ReturnType<typeof emu.newOrg>;
  let state: SalesforceState;
  const calls: Record<string, string[]> = {};
  const took: Record<string, number> = {};
  const measure = async <T>(label: string, run: () => Promise<T>) => {
    emu.salesforce.clearLog();
    const started = Date.now();
    const result = await run();
    took[label] = Date.now() - started;
    calls[label] = emu.salesforce.log.map(
      (e) => `${e.method} ${e.path.replace(/\/services\/data\/v62.0/, "")}`,
    );
    return result;
  };
  const sfOrg = () => state.orgs.get(org.orgId)!;
  const user = (username: string) =>
    [...state.table(sfOrg(), "User").values()].find((u) => u.Username === username)!;
  const login = (userId: unknown) =>
    [...state.table(sfOrg(), "UserLogin").values()].find((l) => l.UserId === userId)!;
  const named = (id: unknown) => state.findById(sfOrg(), String(id))!.record;
  const assignments = (username: string) =>
    [...state.table(sfOrg(), "PermissionSetAssignment").values()]
      .filter((a) => a.AssigneeId === user(username).Id)
      .map((a) => named(a.PermissionSetId).Name)
      .sort();
  const groups = (username: string) =>
    [...state.table(sfOrg(), "GroupMember").values()]
      .filter((m) => m.UserOrGroupId === user(username).Id)
      .map((m) => named(m.GroupId).DeveloperName)
      .sort();
  const config = (values: Record<string, unknown>) =>
    ps.stack.setAllConfig(
      Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: typeof v === "string" ? v : JSON.stringify(v) }]),
      ),
    );

  beforeAll(async () => {
    emu = await e2eEmulators();
    org = emu.newOrg("admin@sf-e2e.test");
    state = (emu.running.byName.salesforce.facts as { state: SalesforceState }).state;
    ps = await programStack("salesforce", program, { ...emu.env, SF_AUTH_URL: org.sfdxAuthUrl });
    await config({
      adaProfile: "Standard User",
      adaRole: "Sales Rep",
      adaPermissionSets: ["Sales_Ops", "Support_Agent"],
      adaFrozen: false,
      adaActive: true,
    });
  });

  afterAll(async () => {
    const counts = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, v.length]));
    console.log(
      `salesforce API calls per operation (2 users): ${JSON.stringify(counts)}\n` +
        `milliseconds per operation: ${JSON.stringify(took)}\n${JSON.stringify(calls, null, 1)}`,
    );
    await emu?.running.stop();
  });

  test("up creates two users with their permission sets, groups and licences", async () => {
    const up = await measure("up (create x2)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.create).toBe(3);
    // Each user is one write (user and assignments together) after at most one batch of names.
    const writes = calls["up (create x2)"].filter(
      (c) => !c.includes("oauth2") && !c.endsWith("/composite/batch"),
    );
    expect(writes).toEqual(["POST /composite", "POST /composite"]);
    expect(user("ada@sf-e2e.test")).toMatchObject({ IsActive: true, Alias: "ada", FirstName: "Ada" });
    expect(up.outputs.graceManager.value).toBe(up.outputs.adaId.value);
    expect(assignments("ada@sf-e2e.test")).toEqual(["Sales_Ops", "Support_Agent"]);
    expect(groups("grace@sf-e2e.test")).toEqual(["Engineering", "Support_Team"]);
    expect(user("grace@sf-e2e.test").UserPermissionsKnowledgeUser).toBe(true);
  });

  test("a second preview reports no changes and makes 0 API calls", async () => {
    const preview = await measure("preview (no-op)", () => ps.stack.preview({ onOutput: ps.onOutput }));
    expect(preview.changeSummary.same).toBe(3);
    expect(emu.salesforce.log).toHaveLength(0);
  });

  test("update: freeze, change profile and role, drop a permission set, deactivate", async () => {
    await config({
      adaProfile: "Marketing User",
      adaRole: "Sales Manager",
      adaPermissionSets: ["Sales_Ops"],
      adaFrozen: true,
      adaActive: false,
    });
    const up = await measure("up (update 1 user)", () => ps.stack.up({ onOutput: ps.onOutput }));
    expect(up.summary.resourceChanges?.update).toBe(1);
    const ada = user("ada@sf-e2e.test");
    expect(ada).toMatchObject({ IsActive: false, ProfileId: up.outputs.adaProfileId.value });
    expect(named(ada.ProfileId).Name).toBe("Marketing User");
    expect(named(ada.UserRoleId).DeveloperName).toBe("SalesManager");
    expect(login(ada.Id).IsFrozen).toBe(true);
    expect(assignments("ada@sf-e2e.test")).toEqual(["Sales_Ops"]);
  });

  test("refresh shows out-of-band changes; up puts them back, unfreezes and reactivates", async () => {
    const grace = user("grace@sf-e2e.test");
    grace.Title = "Changed by hand";
    login(grace.Id).IsFrozen = true;
    const refresh = await measure("refresh (2 users)", () => ps.stack.refresh({ onOutput: ps.onOutput }));
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    const exported = await ps.stack.exportStack();
    const graceState = exported.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::grace"));
    expect(graceState.outputs).toMatchObject({ title: "Changed by hand", frozen: true });
    await config({ adaFrozen: false, adaActive: true });
    const up = await measure("up (fix drift + unfreeze/reactivate)", () =>
      ps.stack.up({ onOutput: ps.onOutput }),
    );
    expect(up.summary.resourceChanges?.update).toBe(2);
    expect(grace.Title).toBe("Engineer");
    expect(login(grace.Id).IsFrozen).toBe(false);
    expect(user("ada@sf-e2e.test").IsActive).toBe(true);
    expect(login(user("ada@sf-e2e.test").Id).IsFrozen).toBe(false);
  });

  test("destroy hands open leads over and deactivates; nothing is deleted", async () => {
    const ada = user("ada@sf-e2e.test");
    const lead = state.insert(sfOrg(), "Lead", {
      LastName: "Babbage",
      Company: "Engines",
      OwnerId: ada.Id,
      IsConverted: false,
    });
    const destroy = await measure("destroy (2 users)", () => ps.stack.destroy({ onOutput: ps.onOutput }));
    expect(destroy.summary.resourceChanges?.delete).toBe(3);
    expect(lead.OwnerId).toBe(user("admin@sf-e2e.test").Id);
    expect(user("ada@sf-e2e.test").IsActive).toBe(false);
    expect(user("grace@sf-e2e.test").IsActive).toBe(false);
    expect(emu.salesforce.log.some((e) => e.method === "DELETE")).toBe(false);
    expect(ps.output.join("\n")).toMatch(/ada@sf-e2e.test .* deactivated, not deleted.* 1 open lead/);
  });

  test("state and CLI output hold no auth URL, refresh token or access token", () => {
    const text = ps.stateText();
    expect(text.length).toBeGreaterThan(100);
    const output = ps.output.join("\n");
    for (const secret of [org.sfdxAuthUrl, org.refreshToken, ...state.accessTokens.keys()]) {
      expect(text).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
  });
});
