import { RunningEmulators, startEmulators } from "../../emulators";
import { kindFixtures } from "../kinds";
import { markdownTable, checkDocSection } from "../reliability/report";
import { convergenceOf, emulatorsOf, fixturesOf, KindItem, kindStack } from "./kinds-stack";
import { expectNoSecrets, SecretScan } from "./secret-scan";
import { ProgramStack } from "./stack";
import { step } from "./step";

const RESOURCES = 60;
const PARALLEL = 20;
/** What the kinds' emulators do to every request during the run. */
const LOAD_FAULTS = [{ latencyMs: 50 }, { status: 503, rate: 0.05, message: "injected overload" }];

/** 60 resources of mixed kinds in one `pulumi up --parallel 20` against emulators that are slow and flaky. */
describe(`load: ${RESOURCES} resources, --parallel ${PARALLEL}, 5% 503s and 50 ms latency`, () => {
  let emus: RunningEmulators;
  let ps: ProgramStack;
  // Round robin over the kinds, each kind numbering its own resources.
  const items: KindItem[] = Array.from({ length: RESOURCES }, (_, n) => ({
    fixture: kindFixtures[n % kindFixtures.length],
    i: 100 + Math.floor(n / kindFixtures.length),
  }));
  const scan = new SecretScan("load");
  const log = { onOutput: (l: string) => ps.onOutput(l), onError: (l: string) => ps.onError(l) };
  const faulted = () =>
    emulatorsOf(items, emus).reduce(
      (n, emulator) => n + emulator.log.filter((e) => e.fault?.includes("status 503")).length,
      0,
    );

  beforeAll(async () => {
    emus = await startEmulators();
    ps = await kindStack("load", emus, items, 10_000); // nothing hangs here: a busy machine is no fault
    scan.watch({ stack: ps, emulators: emus });
    for (const { fixture, i } of items) scan.add(...fixture.secrets(emus, i));
    for (const emulator of emulatorsOf(items, emus))
      for (const rule of LOAD_FAULTS) emulator.faults.add(rule);
  });
  afterAll(() => emus?.stop());

  test("up converges, a re-run preview shows no changes, destroy leaves nothing behind", async () => {
    await step("up converges: every resource created once, in state", async () => {
      const started = Date.now();
      const up = await ps.stack.up({ ...log, parallel: PARALLEL });
      const seconds = Math.round((Date.now() - started) / 1000);
      const calls = emulatorsOf(items, emus).reduce((n, emulator) => n + emulator.log.length, 0);
      console.log(
        `load: up of ${RESOURCES} resources took ${seconds} s, ${calls} API calls, ${faulted()} answered 503`,
      );
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges?.create).toBe(RESOURCES + 1);
      expect(faulted()).toBeGreaterThan(0); // the faults really were there
      expect(await convergenceOf(ps, emus, items)).toEqual([]);
    });
    await step("a re-run preview shows no changes", async () => {
      const preview = await ps.stack.preview({ ...log, parallel: PARALLEL, expectNoChanges: true });
      expect(preview.changeSummary).toEqual({ same: RESOURCES + 1 });
    });
    await step("destroy under the same faults leaves nothing behind", async () => {
      await ps.stack.destroy({ ...log, parallel: PARALLEL });
      for (const { fixture, i } of items) expect(fixture.objects(emus)).not.toContain(fixture.naturalKey(i));
      const kinds = fixturesOf(items).map(
        (f) => `${f.kind} × ${items.filter((x) => x.fixture === f).length}`,
      );
      checkDocSection(
        "load",
        markdownTable(
          ["resources", "kinds", "parallel", "faults", "up", "re-run preview", "destroy"],
          [
            [
              String(RESOURCES),
              kinds.join(", "),
              String(PARALLEL),
              "5% HTTP 503, 50 ms latency",
              "✓ converged",
              "✓ no changes",
              "✓ nothing left",
            ],
          ],
        ),
      );
    });
    expectNoSecrets(scan);
  });
});
