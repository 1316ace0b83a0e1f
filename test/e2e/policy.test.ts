import * as fs from "node:fs";
import * as path from "node:path";
import { itemsSecrets, ProgramItem } from "../kinds";
import { biotOrganization } from "../kinds/biot";
import { commvaultBinding, commvaultOrganization } from "../kinds/commvault";
import { sfpRegistration } from "../kinds/sfp";
import { sfpSandbox } from "../kinds/sfp-sandbox";
import { documentedMessages } from "../policy-docs";
import { e2eEmulators } from "./emulators";
import { kindStack } from "./kinds-stack";
import { ProgramStack } from "./stack";
import { step } from "./step";
import { WORK } from "./workspace";

/** The pack as users get it: inside the installed orgplane package. */
const PACK = path.join(WORK, "node_modules/orgplane/policy");

// Credentials arrive as plain strings from the environment: orgplane's classes make them secrets.
const prod: ProgramItem = { fixture: sfpRegistration, i: 1, form: "production" };
const backup: ProgramItem = { fixture: commvaultOrganization, i: 1, form: "production backup" };
const compliant: ProgramItem[] = [
  prod,
  { fixture: sfpSandbox, i: 1, form: "of registration", on: prod },
  // The production org's backup: same Salesforce user, a sync database, two access nodes bound.
  backup,
  { fixture: commvaultBinding, i: 1, form: "client", on: backup },
  { fixture: commvaultBinding, i: 2, form: "client group", on: backup },
  { fixture: biotOrganization, i: 1 },
];

// Every policy on the merged kinds broken at least once. Transforms rebuild "leaky"'s sfdxAuthUrl and "thin"'s
// salesforceAccount from plain values, so those inputs are no longer secrets.
const forceDeleted: ProgramItem = {
  fixture: commvaultOrganization,
  i: 2,
  form: "force-deleted, inline node",
};
const thin: ProgramItem = { fixture: commvaultOrganization, i: 3, form: "plain account" };
const nonCompliant: ProgramItem[] = [
  { fixture: sfpRegistration, i: 2, form: "unvalidated production default" },
  { fixture: sfpRegistration, i: 3, form: "staging default" },
  { fixture: sfpRegistration, i: 4, form: "plain auth URL" },
  // Inline nodes and a binding; force delete; production without a sync database.
  forceDeleted,
  { fixture: commvaultBinding, i: 1, form: "client group", on: forceDeleted },
  // One access node only, and (through the transform) a plain-text salesforceAccount.
  thin,
  { fixture: commvaultBinding, i: 2, form: "client", on: thin },
  { fixture: biotOrganization, i: 2, form: "no MFA, no time zone" },
];

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
  const docs = documentedMessages();
  const commvaultOrgs = () => commvaultOrganization.objects(emu.running);

  beforeAll(async () => {
    emu = await e2eEmulators();
    good = await kindStack("policy-compliant", emu.running, compliant, 10_000);
    bad = await kindStack("policy-violations", emu.running, nonCompliant, 10_000);
  });

  afterAll(async () => {
    await emu?.running.stop();
  });

  test("the pack dir is the installed package's own copy", () => {
    expect(fs.existsSync(path.join(PACK, "PulumiPolicy.yaml"))).toBe(true);
    expect(fs.realpathSync(PACK)).toBe(PACK); // a real copy, not a link into the repo
  });

  test("a compliant program previews cleanly, goes up with the pack, and then previews cleanly again", async () => {
    await step("preview", async () => {
      const { failed, text } = await previewWithPack(good);
      expect(failed).toBe(false);
      expect(text).toContain("orgplane@v0.2.0");
      expect(text).not.toMatch(/\[(mandatory|advisory)\]/);
    });
    await step("up", async () => {
      const up = await good.stack.up({ policyPacks: [PACK], onOutput: good.onOutput });
      expect(up.summary.resourceChanges?.create).toBe(7);
      expect(emu.sfp.orgs.has("platform@acme-policy.com")).toBe(true);
      expect(commvaultOrgs()).toEqual(["acme-policy-prod"]);
      // The remediation hook only observes: the credentials are still secrets in state.
      const state = good.stateText();
      for (const secret of itemsSecrets(emu.running, compliant)) expect(state).not.toContain(secret);
    });
    await step("a second preview of the deployed stack", async () => {
      const { failed, text } = await previewWithPack(good);
      expect(failed).toBe(false);
      expect(text).not.toMatch(/\[(mandatory|advisory)\]/);
    });
  });

  test("pack config tightens a policy (more keys, mandatory) and lowers another to advisory", async () => {
    const config = {
      "sfp-required-metadata": { enforcementLevel: "mandatory", requiredKeys: ["owner", "costCenter"] },
      // At level advisory the secrets policy cannot see secretness, and says so instead of passing.
      "orgplane-secret-credentials": "advisory",
    };
    const { failed, text } = await previewWithPack(good, [config]);
    expect(failed).toBe(true);
    expect(text).toContain("[mandatory] sfp-required-metadata");
    expect(text).toContain(
      'sfp.SalesforceOrgRegistration "prod" lacks the metadata "costCenter". Add it to metadata (required keys: owner, costCenter).',
    );
    expect(text).toContain("[advisory] orgplane-secret-credentials");
    expect(text).toContain(
      'sfp.SalesforceOrgRegistration "prod": cannot tell whether sfdxAuthUrl is a Pulumi secret: @pulumi/policy shows secretness only to remediations.',
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
    const commvaultBefore = commvaultOrgs();
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
    expect(commvaultOrgs()).toEqual(commvaultBefore);
    for (const name of ["acme-prod", "acme-thin"]) expect(commvaultOrgs()).not.toContain(name);
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
});
