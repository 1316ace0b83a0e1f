import type { RunningEmulators } from "../../emulators";
import { programSource } from "../kinds";
import { commvaultOrganization } from "../kinds/commvault";
import { e2eEmulators } from "./emulators";
import { kindStack, setProgram } from "./kinds-stack";
import { ProgramStack } from "./stack";

/** Issue 13 §4: in an object that also holds a secret, a changed plain field shows in the preview. */
describe("a preview shows the plain fields of an object that holds a secret", () => {
  let emus: RunningEmulators;
  let ps: ProgramStack;
  const items = [{ fixture: commvaultOrganization, i: 60 }];

  beforeAll(async () => {
    emus = (await e2eEmulators()).running;
    ps = await kindStack("mixed-secrets", emus, items);
    await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
  });
  afterAll(() => emus?.stop());

  test("commvault salesforceAccount.userName and consumerId: old and new values shown, the password masked", async () => {
    setProgram(ps, programSource([{ ...items[0], form: "account renamed" }]));
    const lines: string[] = [];
    await ps.stack.preview({ diff: true, onOutput: (l) => (lines.push(l), ps.onOutput(l)) });
    const text = lines.join("");
    expect(text).toMatch(/userName\s*:\s*"backup60@fixture-orgs\.test" => "restore60@fixture-orgs\.test"/);
    expect(text).toMatch(/consumerId\s*:\s*"3MVG9-fixture-60" => "3MVG9-renamed-60"/);
    expect(text).not.toMatch(/salesforceAccount\s*:\s*\[secret\]/);
    expect(text).not.toContain("Cv-fixture-pass-60");
  });
});
