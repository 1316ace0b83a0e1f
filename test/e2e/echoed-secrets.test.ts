import { RunningEmulators, startEmulators } from "../../emulators";
import { KindFixture, kindFixtures } from "../kinds";
import { KindMatrix } from "../reliability/matrix";
import { hits, partsOf } from "../reliability/secrets";
import { attempt, KindItem, kindStack, stateByKind } from "./kinds-stack";
import { ProgramStack } from "./stack";

/**
 * Issue 13 §2: an API error that echoes any part of a secret (the refresh token inside an auth URL, a Base64
 * password...) reaches neither the CLI output nor the state, history and backups included (`initErrors`). One
 * stack holds a resource of every kind; each kind's create fails on its last call with its secrets' parts echoed.
 */
describe("API errors echoing parts of secrets, every kind through the real engine", () => {
  let emus: RunningEmulators;
  let ps: ProgramStack;
  let error: string | undefined;
  const saved = { ...process.env };
  /** Kinds whose failed create the engine keeps, with the error as initErrors (state files and history). */
  const keptWithInitErrors = ["commvault.Organization", "iics.Organization"];
  const items: KindItem[] = kindFixtures.map((fixture, k) => ({ fixture, i: 80 + k }));
  const echoed = new Map<KindFixture, { parts: string[]; fired: () => number }>();
  const allParts = () => [...echoed.values()].flatMap((e) => e.parts);

  beforeAll(async () => {
    emus = await startEmulators();
    Object.assign(process.env, emus.env);
    ps = await kindStack("echoed-secrets", emus, items);
    // Every plan before any fault: the plans run the kinds' creates in this process.
    const plans = [];
    for (const { fixture } of items) plans.push((await new KindMatrix(fixture, emus).plan("create")).cold);
    for (const [n, { fixture, i }] of items.entries()) {
      const cold = plans[n];
      // The secrets this resource sends (a fixture may list those of the objects it relies on).
      const inputs = JSON.stringify(fixture.inputs(emus, i));
      const secrets = fixture.secrets(emus, i).filter((s) => s.length >= 8 && inputs.includes(s));
      const parts = [...new Set(secrets.flatMap(partsOf))].filter((p) => p.length >= 8);
      expect([fixture.kind, parts.length > secrets.length]).toEqual([fixture.kind, true]);
      // The create's last call fails: where the object exists by then, the engine keeps it with its initErrors.
      const last = cold[cold.length - 1];
      const rule = fixture.emulator(emus).faults.add({
        method: last.method,
        path: last.path,
        status: 400,
        message: `refused ${fixture.kind}: ${parts.join(" ")}`,
        times: 1,
      });
      echoed.set(fixture, { parts, fired: () => rule.fired });
    }
    // Every kind's create runs, whichever fails first.
    error = await attempt(ps, () =>
      ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError, continueOnError: true }),
    );
    for (const { fixture } of items) fixture.emulator(emus).faults.clear();
  });
  afterAll(async () => {
    process.env = saved;
    await emus?.stop();
  });

  test("every kind's create failed on its echoing error", () => {
    expect(error).toBeDefined();
    expect(items.map(({ fixture }) => [fixture.kind, echoed.get(fixture)!.fired()])).toEqual(
      items.map(({ fixture }) => [fixture.kind, 1]),
    );
  });

  for (const fixture of kindFixtures) {
    test(`${fixture.kind}: no part of a secret in the output or any state file`, async () => {
      const output = ps.output.join("\n");
      expect(output).toContain(`refused ${fixture.kind}: [secret]`);
      const { parts } = echoed.get(fixture)!;
      expect(hits(output, parts)).toEqual([]);
      expect(hits(ps.stateText(), parts)).toEqual([]);
      // The state path is exercised: where the engine keeps a partial create, with its redacted error.
      if (keptWithInitErrors.includes(fixture.kind)) {
        const [kept] = (await stateByKind(ps))(fixture);
        expect(kept?.initErrors?.join("\n")).toContain(`refused ${fixture.kind}: [secret]`);
      }
    });
  }

  test("no kind's secret parts anywhere: every part of every echoed secret", () => {
    expect(allParts().length).toBeGreaterThan(kindFixtures.length);
    expect(hits(ps.output.join("\n") + ps.stateText(), allParts())).toEqual([]);
  });
});
