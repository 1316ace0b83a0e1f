import type { RunningEmulators } from "../../emulators";
import { setLicenseTotal } from "../../emulators/salesforce";
import type { SalesforceState } from "../../emulators/salesforce/state";
import fc from "fast-check";
import * as formats from "../reliability/formats";
import { code, KindFixture, newResource } from "./types";

const stateOf = (emus: RunningEmulators) =>
  (emus.byName.salesforce.facts as { state: SalesforceState }).state;
const username = (i: number) => `user${i}@fixture-users.test`;
export const FIXTURE_ADMIN = "admin@fixture-users.test";
/** The users of the "ada" and "grace" forms. */
export const ADA = "ada@sf-e2e.test";
export const GRACE = "grace@sf-e2e.test";
const orgs = new WeakMap<RunningEmulators, { orgId: string; url: string; refreshToken: string }>();

/** One org per emulator set holds every fixture user; its auth URL reaches the provider as SF_AUTH_URL. Its admin: FIXTURE_ADMIN. */
export function fixtureOrg(emus: RunningEmulators) {
  let org = orgs.get(emus);
  if (!org) {
    const created = stateOf(emus).createOrg({ username: FIXTURE_ADMIN });
    // Cross-kind suites declare hundreds of users (the benchmark: 50 of 300 resources); the seed has 20 seats.
    const orgRecord = stateOf(emus).orgs.get(created.org.Id)!;
    setLicenseTotal({ state: stateOf(emus) } as never, orgRecord, "Salesforce", 10_000);
    const host = new URL(emus.byName.salesforce.emulator.url).host;
    org = {
      orgId: created.org.Id,
      url: `force://PlatformCLI::${created.refreshToken}@${host}`,
      refreshToken: created.refreshToken,
    };
    orgs.set(emus, org);
  }
  return org;
}

const args = (i: number, variant: number) => ({
  username: username(i),
  email: username(i),
  lastName: `Fixture${i}`,
  title: `revision ${variant}`,
  profileName: "Standard User",
  permissionSets: ["Sales_Ops"],
});

export const salesforceUser: KindFixture = {
  kind: "salesforce.User",
  backend: "salesforce",
  typeToken: "pulumi-nodejs:dynamic/orgplane/salesforce:User",
  emulator: (emus) => emus.byName.salesforce.emulator,
  prepare: (emus) => ({ SF_AUTH_URL: fixtureOrg(emus).url }),
  declare: (i, variant = 0) => `new salesforce.User("user-${i}", ${JSON.stringify(args(i, variant))});`,
  forms: {
    /**
     * Resource "ada" (ada@sf-e2e.test), its profile, role, permission sets, frozen and active read from stack
     * config (through `cfg`: adaProfile, adaRole, adaPermissionSets, adaFrozen, adaActive).
     */
    "ada, from stack config": {
      declare: () =>
        newResource("salesforce.User", "ada", {
          username: ADA,
          email: ADA,
          firstName: "Ada",
          lastName: "Lovelace",
          profileName: code(`cfg.require("adaProfile")`),
          roleName: code(`cfg.require("adaRole")`),
          permissionSets: code(`cfg.requireObject("adaPermissionSets")`),
          publicGroups: ["Sales_Team"],
          frozen: code(`cfg.requireBoolean("adaFrozen")`),
          active: code(`cfg.requireBoolean("adaActive")`),
          leadsSuccessor: FIXTURE_ADMIN,
        }),
    },
    /** Resource "grace" (grace@sf-e2e.test), managed by the user it refers to, with groups and a feature license. */
    "grace, managed by": {
      declare: (_i, manager) =>
        newResource("salesforce.User", "grace", {
          username: GRACE,
          email: GRACE,
          lastName: "Hopper",
          title: "Engineer",
          profileName: "Standard User",
          managerUsername: code(`${manager}.username`),
          permissionSets: ["Support_Agent"],
          publicGroups: ["Engineering", "Support_Team"],
          featureLicenses: ["KnowledgeUser"],
          leadsSuccessor: FIXTURE_ADMIN,
        }),
    },
  },
  inputs: (emus, i, variant = 0) => ({
    ...args(i, variant),
    connection: { sfdxAuthUrl: fixtureOrg(emus).url },
  }),
  // Users are deactivated, never deleted: the ones that "exist" are the active ones.
  objects: (emus) => {
    const state = stateOf(emus);
    const org = state.orgs.get(fixtureOrg(emus).orgId)!;
    return [...state.table(org, "User").values()]
      .filter((u) => u.IsActive === true && /^user\d+@fixture-users\.test$/.test(String(u.Username)))
      .map((u) => String(u.Username));
  },
  naturalKey: username,
  secrets: (emus) => [fixtureOrg(emus).url, fixtureOrg(emus).refreshToken],
  rules: [
    {
      rule: "give exactly one of profileName and profileId",
      holds: (inputs) => !inputs.profileName !== !inputs.profileId,
      broken: (valid) => ({
        inputs: { ...valid, profileName: "Standard User", profileId: "00e000000000001AAA" },
        path: "profileName",
      }),
    },
    {
      rule: "give roleName or roleId, not both",
      holds: (inputs) => !(inputs.roleName && inputs.roleId),
      broken: (valid) => ({
        inputs: { ...valid, roleName: "CEO", roleId: "00E000000000001AAA" },
        path: "roleName",
      }),
    },
    {
      rule: "give managerUsername or managerId, not both",
      holds: (inputs) => !(inputs.managerUsername && inputs.managerId),
      broken: (valid) => ({
        inputs: { ...valid, managerUsername: "boss@fixture-users.test", managerId: "005000000000001AAA" },
        path: "managerUsername",
      }),
    },
  ],
  formats: {
    timeZone: formats.timeZone,
    locale: {
      valid: fc.constantFrom("en_US", "de_CH", "fr_CA", "ja_JP", "pt_BR", "sr_Latn_RS"),
      invalid: fc.constantFrom("en-US", "EN_us", "xx_XX", "en_ZZ", "english", "", "en_US "),
    },
    leadsSuccessor: {
      valid: fc.constantFrom("005000000000001AAA", "005aB3000000XyZ", "successor@fixture-users.test"),
      invalid: fc.constantFrom(" ", "nobody", "005", "a b@c.test", "@fixture-users.test", "successor@"),
    },
  },
};
