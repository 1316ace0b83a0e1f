import { itemsSecrets, ProgramItem } from "../kinds";
import { commvaultOrganization } from "../kinds/commvault";
import { sfpRegistration } from "../kinds/sfp";
import { e2eEmulators } from "./emulators";
import { kindStack } from "./kinds-stack";
import { SecretScan } from "./secret-scan";

// Malformed credentials from the environment, as the GitOps example reads them: check refuses each.
/** One program per case: the engine stops at the first resource whose check fails. */
const cases: { name: string; reason: RegExp; item: ProgramItem }[] = [
  {
    name: "sfdxAuthUrl",
    reason: /sfdxAuthUrl: must be an SFDX auth URL/,
    item: { fixture: sfpRegistration, i: 1, form: "malformed auth URL" }, // no @host
  },
  {
    name: "salesforceAccount",
    reason: /salesforceAccount: /,
    item: { fixture: commvaultOrganization, i: 1, form: "account as a string" }, // a string, not an object
  },
];

/** A check failure on a secret input: the engine prints the path and the reason, never the value (issue 13 §2). */
describe("check failures on secret inputs through the real engine", () => {
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  // The sweep over every state file after the e2e run looks for these too.
  const scan = new SecretScan("check-secrets");

  beforeAll(async () => {
    emu = await e2eEmulators();
  });
  afterAll(async () => emu?.running.stop());

  for (const { name, reason, item } of cases) {
    test(`${name}: preview fails naming the field, prints no secret, calls no API`, async () => {
      const leaks = itemsSecrets(emu.running, [item]);
      scan.add(...leaks);
      const ps = await kindStack(`check-secrets-${name}`, emu.running, [item]);
      const failed = await ps.stack
        .preview({ onOutput: ps.onOutput, onError: ps.onError })
        .then(() => false)
        .catch((e: Error) => (ps.onError(e.message), true));
      expect(failed).toBe(true);
      const text = ps.output.join("\n");
      expect(text).toMatch(reason);
      for (const leak of leaks) expect(text).not.toContain(leak);
      const calls = Object.values(emu.running.byName).reduce((n, s) => n + s.emulator.log.length, 0);
      expect(calls).toBe(0);
    });
  }
});
