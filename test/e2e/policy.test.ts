import * as fs from "node:fs";
import * as path from "node:path";
import type { CommvaultEmulator } from "../../emulators/commvault/server";
import { documentedMessages } from "../policy-docs";
import { e2eEmulators } from "./emulators";
import { programStack, ProgramStack } from "./stack";
import { WORK } from "./workspace";

/** The pack as users get it: inside the installed orgplane package. */
const PACK = path.join(WORK, "node_modules/orgplane/policy");

// Credentials arrive as plain strings from the environment: orgplane's classes make them secrets.
const account = (userName: string) => `{
    environment: "production", authentication: "password", userName: "${userName}",
    password: process.env.E2E_SF_PASSWORD, consumerId: "3MVG9-policy", consumerSecret: process.env.E2E_SF_CONSUMER_SECRET,
  }`;
const syncDatabase = `{ type: "postgresql", host: "db.acme-policy.local", port: 5432, name: "sfsync", userName: "sync",
    password: process.env.E2E_DB_PASSWORD }`;

const compliant = `
const pulumi = require("@pulumi/pulumi");
const { sfp, commvault, biot } = require("orgplane");
const prod = new sfp.SalesforceOrgRegistration("prod", {
  sfdxAuthUrl: process.env.E2E_AUTH_URL_A,
  username: process.env.E2E_USERNAME_A,
  isDevHub: true,
  isDefault: true,
  metadata: { environment: "production", owner: "platform" },
});
new sfp.SandboxRegistration("uat", { sandboxName: "uat", productionUsername: prod.username });
// The production org's backup: same Salesforce user, a sync database, two access nodes bound.
const backup = new commvault.Organization("backup", {
  organizationName: "acme-policy-prod",
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: ${account("platform@acme-policy.com")},
  downloadCachePath: "/var/cache/sf",
  syncDatabase: ${syncDatabase},
});
new commvault.AccessNodeBinding("node1", { organizationId: backup.id, client: { clientName: "cv-access-01" } });
new commvault.AccessNodeBinding("pool", { organizationId: backup.id, clientGroup: { clientGroupName: "sf-access-pool" } });
new biot.Organization("clinic", {
  name: "Policy Clinic",
  templateName: "Clinic",
  description: "Outpatient clinic",
  headquarters: { countryCode: "NO", city: "Oslo" },
  phone: "+4722000000",
  customAttributes: { region: "north" },
  locale: "en-us",
  timezone: "Europe/Oslo",
  primaryAdministrator: {
    email: "admin@policy-clinic.test",
    name: { firstName: "Ada", lastName: "Admin" },
    mfa: { enabled: true, expirationInMinutes: 30 },
  },
});
`;

// Every policy on the merged kinds broken at least once. Resource transforms rebuild "leaky"'s sfdxAuthUrl and
// "thin"'s salesforceAccount from plain values, so those inputs are no longer secrets.
const nonCompliant = `
const pulumi = require("@pulumi/pulumi");
const { sfp, commvault, biot } = require("orgplane");
const plainAccount = ${account("thin@acme-policy.com")};
pulumi.runtime.registerResourceTransform((args) => {
  if (args.name === "leaky") return { props: { ...args.props, sfdxAuthUrl: process.env.E2E_AUTH_URL_C }, opts: args.opts };
  if (args.name === "thin") return { props: { ...args.props, salesforceAccount: plainAccount }, opts: args.opts };
  return undefined;
});
new sfp.SalesforceOrgRegistration("prod", {
  sfdxAuthUrl: process.env.E2E_AUTH_URL_A,
  username: "ops@acme-policy.com",
  isDefault: true,
  skipValidation: true,
  metadata: { environment: "production" },
});
new sfp.SalesforceOrgRegistration("second", {
  sfdxAuthUrl: process.env.E2E_AUTH_URL_B,
  isDefault: true,
  metadata: { environment: "staging", owner: "qa" },
});
new sfp.SalesforceOrgRegistration("leaky", {
  sfdxAuthUrl: process.env.E2E_AUTH_URL_C,
  metadata: { environment: "staging", owner: "qa" },
});
// Inline nodes and a binding; force delete; production without a sync database.
const backup = new commvault.Organization("backup", {
  organizationName: "acme-prod",
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: ${account("backup@acme-policy.com")},
  downloadCachePath: "/var/cache/sf",
  accessNodes: [{ clientName: "cv-access-01" }],
  deletionPolicy: "forceDelete",
});
new commvault.AccessNodeBinding("node1", { organizationId: backup.id, clientGroup: { clientGroupName: "sf-access-pool" } });
// One access node only, and (through the transform) a plain-text salesforceAccount.
const thin = new commvault.Organization("thin", {
  organizationName: "acme-thin",
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: plainAccount,
  downloadCachePath: "/var/cache/sf",
  syncDatabase: ${syncDatabase},
});
new commvault.AccessNodeBinding("node2", { organizationId: thin.id, client: { clientName: "cv-access-01" } });
new biot.Organization("clinic", {
  name: "Careless Clinic",
  templateName: "Clinic",
  locale: "en-us",
  primaryAdministrator: { email: "admin@careless-clinic.test", name: { firstName: "Bo", lastName: "Admin" } },
});
`;

const secrets = {
  E2E_SF_PASSWORD: "Sf-policy-Pa55word!",
  E2E_SF_CONSUMER_SECRET: "policy-consumer-secret-77c1",
  E2E_DB_PASSWORD: "policy-db-pa55word",
};

/** Runs a preview with the pack; returns whether it failed and everything the CLI printed. */
async function previewWithPack(ps: ProgramStack, configs: object[] = [], pack = PACK) {
  const policyPackConfigs = configs.map((config, i) => {
    const file = path.join(ps.dir, `policy-config-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  });
  const lines: string[] = [];
  let failed = false;
  try {
    await ps.stack.preview({ policyPacks: [pack], policyPackConfigs, onOutput: (l) => lines.push(l) });
  } catch {
    failed = true; // the error repeats stdout; the streamed lines are enough
  }
  // The CLI wraps long messages; compare on single spaces.
  return { failed, text: lines.join("").replace(/\s+/g, " ") };
}

describe("the orgplane policy pack through the real engine", () => {
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  let good: ProgramStack;
  let bad: ProgramStack;
  let authUrlA: string;
  const docs = documentedMessages();
  const commvaultOrgs = () =>
    [
      ...(
        emu.running.byName.commvault.facts as { commvault: CommvaultEmulator }
      ).commvault.state.orgs.values(),
    ]
      .filter((org) => !org.retired)
      .map((org) => org.clientName);

  beforeAll(async () => {
    emu = await e2eEmulators();
    const env = {
      ...emu.env,
      E2E_USERNAME_A: "platform@acme-policy.com",
      E2E_AUTH_URL_A: emu.newOrg("platform@acme-policy.com", ["uat"]).sfdxAuthUrl,
    };
    authUrlA = env.E2E_AUTH_URL_A;
    good = await programStack("policy-compliant", compliant, { ...env, ...secrets });
    bad = await programStack("policy-violations", nonCompliant, {
      ...emu.env,
      ...secrets,
      E2E_AUTH_URL_A: emu.newOrg("ops@acme-policy.com").sfdxAuthUrl,
      E2E_AUTH_URL_B: emu.newOrg("qa@acme-policy.com").sfdxAuthUrl,
      E2E_AUTH_URL_C: emu.newOrg("leaky@acme-policy.com").sfdxAuthUrl,
    });
  });

  afterAll(async () => {
    await emu?.running.stop();
  });

  test("the pack dir is the installed package's own copy", () => {
    expect(fs.existsSync(path.join(PACK, "PulumiPolicy.yaml"))).toBe(true);
    expect(fs.realpathSync(PACK)).toBe(PACK); // a real copy, not a link into the repo
  });

  test("a compliant program previews cleanly and goes up with the pack", async () => {
    const { failed, text } = await previewWithPack(good);
    expect(failed).toBe(false);
    expect(text).toContain("orgplane@v0.2.0");
    expect(text).not.toMatch(/\[(mandatory|advisory)\]/);
    const up = await good.stack.up({ policyPacks: [PACK], onOutput: good.onOutput });
    expect(up.summary.resourceChanges?.create).toBe(7);
    expect(emu.sfp.orgs.has("platform@acme-policy.com")).toBe(true);
    expect(commvaultOrgs()).toEqual(["acme-policy-prod"]);
    // The remediation hook only observes: the credentials are still secrets in state.
    const state = good.stateText();
    for (const secret of [authUrlA, ...Object.values(secrets)]) expect(state).not.toContain(secret);
  });

  test("a second preview of the deployed stack passes too", async () => {
    const { failed, text } = await previewWithPack(good);
    expect(failed).toBe(false);
    expect(text).not.toMatch(/\[(mandatory|advisory)\]/);
  });

  test("pack config can tighten a policy: more required keys, and mandatory", async () => {
    const config = {
      "sfp-required-metadata": { enforcementLevel: "mandatory", requiredKeys: ["owner", "costCenter"] },
    };
    const { failed, text } = await previewWithPack(good, [config]);
    expect(failed).toBe(true);
    expect(text).toContain("[mandatory] sfp-required-metadata");
    expect(text).toContain(
      'sfp.SalesforceOrgRegistration "prod" lacks the metadata "costCenter". Add it to metadata (required keys: owner, costCenter).',
    );
  });

  test("a pack of one's own composes orgplane's policies from orgplane/policy", async () => {
    const dir = path.join(WORK, "packs", "platform");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "PulumiPolicy.yaml"),
      "runtime:\n  name: nodejs\n  options:\n    typescript: false\n",
    );
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "platform", version: "1.2.3", main: "index.js" }),
    );
    fs.writeFileSync(
      path.join(dir, "index.js"),
      `const { PolicyPack } = require("@pulumi/policy");
const { orgplanePolicies } = require("orgplane/policy");
new PolicyPack("platform", {
  policies: orgplanePolicies({
    "sfp-required-metadata": { enforcementLevel: "mandatory", requiredKeys: ["environment", "owner", "team"] },
  }),
});
`,
    );
    const { failed, text } = await previewWithPack(good, [], dir);
    expect(failed).toBe(true);
    expect(text).toContain("platform@v1.2.3");
    expect(text).toContain("[mandatory] sfp-required-metadata");
    expect(text).toContain(
      'sfp.SalesforceOrgRegistration "prod" lacks the metadata "team". Add it to metadata (required keys: environment, owner, team).',
    );
  });

  test("a non-compliant program fails on the mandatory violations and reports the advisory ones, as documented", async () => {
    const { failed, text } = await previewWithPack(bad);
    expect(failed).toBe(true);
    const mandatory = [
      "sfp-no-skip-validation",
      "sfp-single-default-registration",
      "orgplane-secret-credentials",
      "commvault-access-nodes-single-owner",
      "commvault-force-delete-approval",
      "biot-admin-mfa",
    ];
    const advisory = [
      "sfp-required-metadata",
      "sfp-production-has-commvault-backup",
      "commvault-min-access-nodes",
      "commvault-production-sync-database",
      "biot-locale-and-timezone",
    ];
    for (const [level, names] of [
      ["mandatory", mandatory],
      ["advisory", advisory],
    ] as const)
      for (const name of names) {
        expect(text).toContain(`[${level}] ${name}`);
        expect(text).toContain(docs[name]);
      }
    // Only the transformed inputs are plain text: orgplane's classes made the others secret.
    for (const [resource, input] of [
      ['sfp.SalesforceOrgRegistration "leaky"', "sfdxAuthUrl"],
      ['commvault.Organization "thin"', "salesforceAccount.password"],
      ['commvault.Organization "thin"', "salesforceAccount.consumerSecret"],
    ])
      expect(text).toContain(`${resource} passes ${input} as plain text`);
    expect(text.match(/ passes \S+ as plain text/g)).toHaveLength(3);
    // A preview creates nothing.
    for (const user of ["ops", "qa", "leaky"])
      expect(emu.sfp.orgs.has(`${user}@acme-policy.com`)).toBe(false);
    expect(commvaultOrgs()).toEqual(["acme-policy-prod"]);
  });

  test("disabling the mandatory policies lets the same program through, with the advisories still shown", async () => {
    const config = {
      "sfp-no-skip-validation": "disabled",
      "sfp-single-default-registration": "advisory",
      "orgplane-secret-credentials": "disabled",
      "commvault-access-nodes-single-owner": "disabled",
      "commvault-force-delete-approval": { approvedOrganizations: ["acme-prod"] },
      "biot-admin-mfa": "advisory",
    };
    const { failed, text } = await previewWithPack(bad, [config]);
    expect(failed).toBe(false);
    expect(text).not.toContain("[mandatory]");
    expect(text).toContain("[advisory] sfp-single-default-registration");
    expect(text).toContain("[advisory] biot-admin-mfa");
    expect(text).not.toContain("commvault-force-delete-approval");
    expect(text).toContain(docs["sfp-required-metadata"]);
  });

  test("at level advisory the secrets policy cannot see secretness, and says so instead of passing", async () => {
    const { text } = await previewWithPack(good, [{ "orgplane-secret-credentials": "advisory" }]);
    expect(text).toContain("[advisory] orgplane-secret-credentials");
    expect(text).toContain(
      'sfp.SalesforceOrgRegistration "prod": cannot tell whether sfdxAuthUrl is a Pulumi secret: @pulumi/policy shows secretness only to remediations.',
    );
  });
});
