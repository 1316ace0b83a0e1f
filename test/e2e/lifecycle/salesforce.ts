import type { RunningEmulators } from "../../../emulators";
import type { SalesforceState } from "../../../emulators/salesforce/state";
import { ProgramItem } from "../../kinds";
import { ADA, FIXTURE_ADMIN, fixtureOrg, GRACE, salesforceUser } from "../../kinds/salesforce";
import { KindLifecycle } from "./types";

const stateOf = (emus: RunningEmulators) =>
  (emus.byName.salesforce.facts as { state: SalesforceState }).state;
/** The block's users live in the fixture's org (its auth URL is SF_AUTH_URL), beside the fixture's user. */
const sfOrg = (emus: RunningEmulators) => stateOf(emus).orgs.get(fixtureOrg(emus).orgId)!;
const user = (emus: RunningEmulators, username: string) =>
  [...stateOf(emus).table(sfOrg(emus), "User").values()].find((u) => u.Username === username)!;
const login = (emus: RunningEmulators, userId: unknown) =>
  [...stateOf(emus).table(sfOrg(emus), "UserLogin").values()].find((l) => l.UserId === userId)!;
const named = (emus: RunningEmulators, id: unknown) =>
  stateOf(emus).findById(sfOrg(emus), String(id))!.record;
const assignments = (emus: RunningEmulators, username: string) =>
  [...stateOf(emus).table(sfOrg(emus), "PermissionSetAssignment").values()]
    .filter((a) => a.AssigneeId === user(emus, username).Id)
    .map((a) => named(emus, a.PermissionSetId).Name)
    .sort();
const groups = (emus: RunningEmulators, username: string) =>
  [...stateOf(emus).table(sfOrg(emus), "GroupMember").values()]
    .filter((m) => m.UserOrGroupId === user(emus, username).Id)
    .map((m) => named(emus, m.GroupId).DeveloperName)
    .sort();
/** Two users in the fixture's org: ada from stack config, and grace, whom ada manages. */
const ADA_USER: ProgramItem = { fixture: salesforceUser, i: 2, form: "ada, from stack config" };
const GRACE_USER: ProgramItem = { fixture: salesforceUser, i: 3, form: "grace, managed by", on: ADA_USER };
let lead: Record<string, unknown>;

/** salesforce: two users (one the other's manager); freeze, deactivate, drift, and leads handed over on destroy. */
export const salesforceLifecycle: KindLifecycle = {
  backend: "salesforce",
  // Credentials reach the provider through SF_AUTH_URL in the environment: the program passes no connection.
  declares: () => [ADA_USER, GRACE_USER],
  outputs: {
    adaId: "ada.id",
    adaProfileId: "ada.profileId",
    graceId: "grace.id",
    graceManager: "grace.managerId",
  },
  prepare: () => ({
    config: {
      adaProfile: "Standard User",
      adaRole: "Sales Rep",
      adaPermissionSets: ["Sales_Ops", "Support_Agent"],
      adaFrozen: false,
      adaActive: true,
    },
  }),
  secrets: () => [], // the org's auth URL and refresh token: the fixture's
  resources: 2,
  created: ({ emus, items }, up) => {
    // Each user is one write (user and assignments together) after its reads (a batch of names, and one
    // describe of User per process for the feature licences).
    const writes = emus.byName.salesforce.emulator.log
      .map((e) => `${e.method} ${e.path.replace(/\/services\/data\/v62.0/, "")}`)
      .filter((c) => !c.includes("oauth2") && !c.endsWith("/composite/batch") && !c.startsWith("GET "));
    expect(writes).toEqual(Array(items.length + 2).fill("POST /composite"));
    expect(user(emus, ADA)).toMatchObject({ IsActive: true, Alias: "ada", FirstName: "Ada" });
    expect(up.outputs.graceManager.value).toBe(up.outputs.adaId.value);
    expect(assignments(emus, ADA)).toEqual(["Sales_Ops", "Support_Agent"]);
    expect(groups(emus, GRACE)).toEqual(["Engineering", "Support_Team"]);
    expect(user(emus, GRACE).UserPermissionsKnowledgeUser).toBe(true);
  },
  update: {
    // Freeze, change profile and role, drop a permission set, deactivate.
    config: {
      adaProfile: "Marketing User",
      adaRole: "Sales Manager",
      adaPermissionSets: ["Sales_Ops"],
      adaFrozen: true,
      adaActive: false,
    },
    changes: { update: 1 },
    check: ({ emus }, up) => {
      const ada = user(emus, ADA);
      expect(ada).toMatchObject({ IsActive: false, ProfileId: up.outputs.adaProfileId.value });
      expect(named(emus, ada.ProfileId).Name).toBe("Marketing User");
      expect(named(emus, ada.UserRoleId).DeveloperName).toBe("SalesManager");
      expect(login(emus, ada.Id).IsFrozen).toBe(true);
      expect(assignments(emus, ADA)).toEqual(["Sales_Ops"]);
    },
  },
  steps: [
    {
      name: "refresh shows out-of-band changes; up puts them back, unfreezes and reactivates",
      run: async ({ emus, ps, config }) => {
        const grace = user(emus, GRACE);
        grace.Title = "Changed by hand";
        login(emus, grace.Id).IsFrozen = true;
        const refresh = await ps.stack.refresh({ onOutput: ps.onOutput });
        expect(refresh.summary.resourceChanges?.update).toBe(1);
        const exported = await ps.stack.exportStack();
        const graceState = exported.deployment.resources.find((r: { urn: string }) =>
          r.urn.endsWith("::grace"),
        );
        expect(graceState.outputs).toMatchObject({ title: "Changed by hand", frozen: true });
        await config({ adaFrozen: false, adaActive: true });
        const up = await ps.stack.up({ onOutput: ps.onOutput });
        expect(up.summary.resourceChanges?.update).toBe(2);
        expect(grace.Title).toBe("Engineer");
        expect(login(emus, grace.Id).IsFrozen).toBe(false);
        expect(user(emus, ADA).IsActive).toBe(true);
        expect(login(emus, user(emus, ADA).Id).IsFrozen).toBe(false);
      },
    },
  ],
  destroy: {
    before: ({ emus }) => {
      lead = stateOf(emus).insert(sfOrg(emus), "Lead", {
        LastName: "Babbage",
        Company: "Engines",
        OwnerId: user(emus, ADA).Id,
        IsConverted: false,
      });
    },
    changes: { delete: 2 },
    check: ({ emus, ps }) => {
      // Open leads go to the successor; users are deactivated, nothing is deleted.
      expect(lead.OwnerId).toBe(user(emus, FIXTURE_ADMIN).Id);
      expect(user(emus, ADA).IsActive).toBe(false);
      expect(user(emus, GRACE).IsActive).toBe(false);
      expect(emus.byName.salesforce.emulator.log.some((e) => e.method === "DELETE")).toBe(false);
      expect(ps.output.join("\n")).toMatch(/ada@sf-e2e.test .* deactivated, not deleted.* 1 open lead/);
    },
  },
  checkSecrets: ({ emus }, state, output) => {
    const accessTokens = [...stateOf(emus).accessTokens.keys()];
    expect(accessTokens.length).toBeGreaterThan(0);
    for (const token of accessTokens) {
      expect(state).not.toContain(token);
      expect(output).not.toContain(token);
    }
  },
};
