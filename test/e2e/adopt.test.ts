import { RunningEmulators, startEmulators } from "../../emulators";
import { kindFixtures, programSource } from "../kinds";
import { providerOf } from "../reliability/kinds";
import { attempt, convergenceOf, KindItem, kindStack, setProgram, stateByKind } from "./kinds-stack";
import { expectNoSecrets, SecretScan } from "./secret-scan";
import { ProgramStack } from "./stack";
import { step } from "./step";

/** Every resource the program declares gets `adopt: true`, whatever its kind. */
const ADOPT_ALL = `pulumi.runtime.registerStackTransformation((a) => ({ props: { ...a.props, adopt: true }, opts: a.opts }));`;

function withAdoptAll(source: string): string {
  const lines = source.split("\n");
  const after = lines.findIndex((line) => line.includes(`require("orgplane")`));
  lines.splice(after + 1, 0, ADOPT_ALL);
  return lines.join("\n");
}

/**
 * `adopt: true`, the documented substitute for `pulumi import`, through the real engine for every kind: creating
 * over an existing object fails and names adopt; with adopt the program takes the object over.
 */
describe("adopt through the real engine", () => {
  let emus: RunningEmulators;
  let ps: ProgramStack;
  const items: KindItem[] = kindFixtures.map((fixture) => ({ fixture, i: 1 }));
  const scan = new SecretScan("adopt");

  beforeAll(async () => {
    emus = await startEmulators();
    ps = await kindStack("adopt", emus, items, 10_000);
    scan.watch({ stack: ps, emulators: emus });
    // The objects exist already, made outside the program and differing from it (variant 1).
    for (const { fixture, i } of items) {
      const provider = providerOf(fixture);
      const checked = await provider.check!({}, fixture.inputs(emus, i, 1));
      await provider.create(checked.inputs);
      scan.add(...fixture.secrets(emus, i));
    }
  });
  afterAll(() => emus?.stop());

  test("without adopt, up fails and touches nothing; with adopt: true it takes every object over; destroy removes them", async () => {
    await step("up without adopt fails for every kind, names adopt, and touches nothing", async () => {
      const before = items.map(({ fixture }) => fixture.objects(emus).sort());
      const error = await attempt(ps, () =>
        ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError, continueOnError: true }),
      );
      expect(error).toBeDefined();
      const state = await stateByKind(ps);
      for (const { fixture, i } of items) {
        const reported = ps.output.some(
          (line) => line.includes("adopt") && line.includes(fixture.naturalKey(i)),
        );
        expect([fixture.kind, reported]).toEqual([fixture.kind, true]);
        expect(state(fixture)).toHaveLength(0);
      }
      expect(items.map(({ fixture }) => fixture.objects(emus).sort())).toEqual(before);
    });
    await step(
      "with adopt: true, up takes every object over: one object each, in state, matching the program",
      async () => {
        setProgram(ps, withAdoptAll(programSource(items)));
        const up = await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
        expect(up.summary.resourceChanges?.create).toBe(items.length); // the stack itself exists since the first up
        expect(await convergenceOf(ps, emus, items)).toEqual([]);
        await ps.stack.refresh({ onOutput: ps.onOutput, onError: ps.onError });
        const preview = await ps.stack.preview({ onOutput: ps.onOutput, onError: ps.onError });
        expect(preview.changeSummary).toEqual({ same: items.length + 1 });
      },
    );
    await step("destroy removes the adopted objects", async () => {
      await ps.stack.destroy({ onOutput: ps.onOutput, onError: ps.onError });
      for (const { fixture, i } of items) expect(fixture.objects(emus)).not.toContain(fixture.naturalKey(i));
    });
    expectNoSecrets(scan);
  });
});
