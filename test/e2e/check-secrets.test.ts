import { e2eEmulators } from "./emulators";
import { SecretScan } from "./secret-scan";
import { programStack } from "./stack";

// Malformed credentials from the environment, as the GitOps example reads them: check refuses each.
const LEAKS = ["ClientSecretLeak0042", "RefreshTokenLeak0042", "SalesforcePasswordLeak0042"];
const env = {
  BAD_AUTH_URL: `force://PlatformCLI:${LEAKS[0]}:${LEAKS[1]}`, // no @host
  BAD_ACCOUNT: `backup@acme.test:${LEAKS[2]}`, // a string, not an object
};

/** One program per case: the engine stops at the first resource whose check fails. */
const cases = [
  {
    name: "sfdxAuthUrl",
    reason: /sfdxAuthUrl: must be an SFDX auth URL/,
    declare: `new sfp.SalesforceOrgRegistration("bad-auth-url", { sfdxAuthUrl: process.env.BAD_AUTH_URL });`,
  },
  {
    name: "salesforceAccount",
    reason: /salesforceAccount: /,
    declare:
      `new commvault.Organization("bad-account", { organizationName: "acme-check", ` +
      `plan: { planName: "Salesforce Gold" }, salesforceAccount: process.env.BAD_ACCOUNT, ` +
      `downloadCachePath: "/var/cache/sf" });`,
  },
];

/** A check failure on a secret input: the engine prints the path and the reason, never the value (issue 13 §2). */
describe("check failures on secret inputs through the real engine", () => {
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  // The sweep over every state file after the e2e run looks for these too.
  const scan = new SecretScan("check-secrets");

  beforeAll(async () => {
    emu = await e2eEmulators();
    scan.add(...Object.values(env), ...LEAKS);
  });
  afterAll(async () => emu?.running.stop());

  for (const { name, reason, declare } of cases) {
    test(`${name}: preview fails naming the field, prints no secret, calls no API`, async () => {
      const source = `const { sfp, commvault } = require("orgplane");\n${declare}\n`;
      const ps = await programStack(`check-secrets-${name}`, source, { ...emu.env, ...env });
      const failed = await ps.stack
        .preview({ onOutput: ps.onOutput, onError: ps.onError })
        .then(() => false)
        .catch((e: Error) => (ps.onError(e.message), true));
      expect(failed).toBe(true);
      const text = ps.output.join("\n");
      expect(text).toMatch(reason);
      for (const leak of LEAKS) expect(text).not.toContain(leak);
      const calls = Object.values(emu.running.byName).reduce((n, s) => n + s.emulator.log.length, 0);
      expect(calls).toBe(0);
    });
  }
});
