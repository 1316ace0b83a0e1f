import * as fs from "node:fs";
import * as path from "node:path";
import { documentedMessages } from "../policy-docs";
import { e2eEmulators } from "./emulators";
import { programStack, ProgramStack } from "./stack";
import { WORK } from "./workspace";

/** The pack as users get it: inside the installed orgplane package. */
const PACK = path.join(WORK, "node_modules/orgplane/policy");

const compliant = `
const pulumi = require("@pulumi/pulumi");
const { sfp } = require("orgplane");
const prod = new sfp.SalesforceOrgRegistration("prod", {
  sfdxAuthUrl: process.env.E2E_AUTH_URL_A,
  username: process.env.E2E_USERNAME_A,
  isDevHub: true,
  isDefault: true,
  metadata: { environment: "staging", owner: "platform" },
});
new sfp.SandboxRegistration("uat", { sandboxName: "uat", productionUsername: prod.username });
`;

// Every sfp policy broken once. "leaky" goes through a resource transform that rebuilds sfdxAuthUrl from a plain
// environment variable, so that input is no longer a secret (orgplane's class had wrapped it).
const nonCompliant = `
const pulumi = require("@pulumi/pulumi");
const { sfp } = require("orgplane");
pulumi.runtime.registerResourceTransform((args) =>
  args.name === "leaky"
    ? { props: { ...args.props, sfdxAuthUrl: process.env.E2E_AUTH_URL_C }, opts: args.opts }
    : undefined,
);
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
`;

/** Runs a preview with the pack; returns whether it failed and everything the CLI printed. */
async function previewWithPack(ps: ProgramStack, configs: object[] = []) {
  const policyPackConfigs = configs.map((config, i) => {
    const file = path.join(ps.dir, `policy-config-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  });
  const lines: string[] = [];
  let failed = false;
  try {
    await ps.stack.preview({ policyPacks: [PACK], policyPackConfigs, onOutput: (l) => lines.push(l) });
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

  beforeAll(async () => {
    emu = await e2eEmulators();
    const env = {
      ...emu.env,
      E2E_USERNAME_A: "platform@acme-policy.com",
      E2E_AUTH_URL_A: emu.newOrg("platform@acme-policy.com", ["uat"]).sfdxAuthUrl,
    };
    authUrlA = env.E2E_AUTH_URL_A;
    good = await programStack("policy-compliant", compliant, env);
    bad = await programStack("policy-violations", nonCompliant, {
      ...emu.env,
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
    expect(text).toContain("orgplane@v0.1.0");
    expect(text).not.toMatch(/\[(mandatory|advisory)\]/);
    const up = await good.stack.up({ policyPacks: [PACK], onOutput: good.onOutput });
    expect(up.summary.resourceChanges?.create).toBe(3);
    // The remediation hook only observes: the registered credential is still a secret in state.
    expect(emu.sfp.orgs.has("platform@acme-policy.com")).toBe(true);
    expect(good.stateText()).not.toContain(authUrlA);
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

  test("a non-compliant program fails on the mandatory violations and reports the advisory ones, as documented", async () => {
    const { failed, text } = await previewWithPack(bad);
    expect(failed).toBe(true);
    for (const name of [
      "sfp-no-skip-validation",
      "sfp-single-default-registration",
      "orgplane-secret-credentials",
    ]) {
      expect(text).toContain(`[mandatory] ${name}`);
      expect(text).toContain(docs[name]);
    }
    for (const name of ["sfp-required-metadata", "sfp-production-has-commvault-backup"]) {
      expect(text).toContain(`[advisory] ${name}`);
      expect(text).toContain(docs[name]);
    }
    // Only the transformed input is plain text: orgplane's class made the others secret.
    expect(text.match(/passes sfdxAuthUrl as plain text/g)).toHaveLength(1);
    expect(text).not.toMatch(/"(prod|second)" passes/);
    // A preview registers nothing.
    for (const user of ["ops", "qa", "leaky"])
      expect(emu.sfp.orgs.has(`${user}@acme-policy.com`)).toBe(false);
  });

  test("disabling the mandatory policies lets the same program through, with the advisories still shown", async () => {
    const config = {
      "sfp-no-skip-validation": "disabled",
      "sfp-single-default-registration": "advisory",
      "orgplane-secret-credentials": "disabled",
    };
    const { failed, text } = await previewWithPack(bad, [config]);
    expect(failed).toBe(false);
    expect(text).not.toContain("[mandatory]");
    expect(text).toContain("[advisory] sfp-single-default-registration");
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
