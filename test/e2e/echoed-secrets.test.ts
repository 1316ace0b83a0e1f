import { RunningEmulators, startEmulators } from "../../emulators";
import { kindFixtures } from "../kinds";
import { KindMatrix } from "../reliability/matrix";
import { hits, partsOf } from "../reliability/secrets";
import { attempt, kindStack } from "./kinds-stack";

/**
 * Issue 13 §2: an API error that echoes any part of a secret (the refresh token inside an auth URL, a Base64
 * password...) reaches neither the CLI output nor the state, history and backups included (`initErrors`).
 */
describe("API errors echoing parts of secrets, every kind through the real engine", () => {
  let emus: RunningEmulators;
  const saved = { ...process.env };
  /** Kinds whose failed create the engine keeps, with the error as initErrors (state files and history). */
  const keptWithInitErrors = ["commvault.Organization", "iics.Organization"];

  beforeAll(async () => {
    emus = await startEmulators();
    Object.assign(process.env, emus.env);
  });
  afterAll(async () => {
    process.env = saved;
    await emus?.stop();
  });

  for (const [k, fixture] of kindFixtures.entries()) {
    test(`${fixture.kind}: no part of a secret in the output or any state file`, async () => {
      const i = 80 + k;
      const { cold } = await new KindMatrix(fixture, emus).plan("create");
      // The secrets this resource sends (a fixture may list those of the objects it relies on).
      const inputs = JSON.stringify(fixture.inputs(emus, i));
      const secrets = fixture.secrets(emus, i).filter((s) => s.length >= 8 && inputs.includes(s));
      const parts = [...new Set(secrets.flatMap(partsOf))].filter((p) => p.length >= 8);
      expect(parts.length).toBeGreaterThan(secrets.length);
      const ps = await kindStack(`echoed-secrets-${k}`, emus, [{ fixture, i }]);
      // The create's last call fails: where the object exists by then, the engine keeps it with its initErrors.
      const last = cold[cold.length - 1];
      const message = `refused: ${parts.join(" ")}`;
      const rule = fixture
        .emulator(emus)
        .faults.add({ method: last.method, path: last.path, status: 400, message });
      const error = await attempt(ps, () => ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError }));
      fixture.emulator(emus).faults.clear();
      expect(rule.fired).toBeGreaterThan(0);
      expect(error).toBeDefined();
      const output = ps.output.join("\n");
      expect(output).toMatch(/refused: \[secret\]/);
      expect(hits(output, parts)).toEqual([]);
      const state = ps.stateText();
      expect(hits(state, parts)).toEqual([]);
      // The state path is exercised: where the engine keeps a partial create, with its redacted error.
      if (keptWithInitErrors.includes(fixture.kind)) expect(state).toMatch(/"initErrors"/);
      await ps.stack.destroy({ onOutput: ps.onOutput, onError: ps.onError });
    });
  }
});
