import fc from "fast-check";
import { RunningEmulators, startEmulators } from "../../../emulators";
import { failurePath } from "../../../provider/core";
import { kindFixtures } from "../../kinds";
import { Category, CATEGORIES, inputGenerators } from "../../reliability/generators";
import { providerOf, specOf } from "../../reliability/kinds";
import { markdownTable, checkDocSection } from "../../reliability/report";
import { hits, secretValues } from "../../reliability/secrets";

/** Property-based bad input: generated from each kind's zod schema, plus the fixture's formats and rules. */
const INVALID_RUNS = 300;
const VALID_RUNS = 100;

/** A fixed seed per kind keeps CI (and the generated doc) reproducible; FC_SEED explores other inputs. */
const seedOf = (kind: string) =>
  Number(process.env.FC_SEED) || [...kind].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

const apiCalls = (emus: RunningEmulators) =>
  Object.values(emus.byName).reduce((n, started) => n + started.emulator.log.length, 0);

describe("generated bad input fails in check(), with the field path, before any API call", () => {
  let emus: RunningEmulators;
  const rows: string[][] = [];

  beforeAll(async () => {
    emus = await startEmulators();
  });
  afterAll(async () => {
    await emus?.stop();
    const header = [
      "kind",
      "invalid inputs",
      ...CATEGORIES,
      "valid inputs",
      "API calls",
      "custom checks without a format",
    ];
    const table = markdownTable(header, rows);
    console.log(`Generated input per kind (fast-check, fixed seeds)\n${table}`);
    if (rows.length === kindFixtures.length) checkDocSection("bad-input", table);
  });

  for (const fixture of kindFixtures) {
    describe(fixture.kind, () => {
      const counts = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
      let generators: ReturnType<typeof inputGenerators>;
      let validRuns = 0;

      beforeAll(() => {
        const spec = specOf(fixture, emus);
        generators = inputGenerators(spec.schema, fixture.inputs(emus, 0), fixture);
        for (const started of Object.values(emus.byName)) started.emulator.clearLog();
      });

      test(`${INVALID_RUNS} invalid inputs each fail with the broken field's path`, async () => {
        const provider = providerOf(fixture);
        await fc.assert(
          fc.asyncProperty(generators.invalidInputs, async (bad) => {
            const result = await provider.check!({}, bad.inputs);
            const paths = (result.failures ?? []).map(failurePath);
            if (!paths.includes(bad.path)) {
              throw new Error(
                `${bad.category} (${bad.what}) at ${bad.path}: check said ${JSON.stringify(paths)}`,
              );
            }
            // Failures name fields, never the secret values in them (long values: short ones are just noise).
            const secrets = secretValues(specOf(fixture, emus), bad.inputs, 12);
            expect(hits(JSON.stringify(result.failures), secrets)).toEqual([]);
            counts.set(bad.category, counts.get(bad.category)! + 1);
          }),
          { numRuns: INVALID_RUNS, seed: seedOf(fixture.kind) },
        );
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        expect(total).toBe(INVALID_RUNS);
        // Every way the schema can be broken was tried.
        for (const category of generators.categories())
          expect([category, counts.get(category)]).not.toEqual([category, 0]);
      });

      test(`${VALID_RUNS} valid inputs pass, returned unchanged but for defaults`, async () => {
        const provider = providerOf(fixture);
        await fc.assert(
          fc.asyncProperty(generators.validInputs, async (inputs) => {
            const result = await provider.check!({}, structuredClone(inputs));
            expect(result.failures).toBeUndefined();
            expect(result.inputs).toEqual(generators.withDefaults(inputs));
            validRuns++;
          }),
          { numRuns: VALID_RUNS, seed: seedOf(fixture.kind) + 1 },
        );
        expect(validRuns).toBe(VALID_RUNS);
      });

      test("no emulator saw a single API call", () => {
        const calls = apiCalls(emus);
        rows.push([
          fixture.kind,
          String([...counts.values()].reduce((a, b) => a + b, 0)),
          ...CATEGORIES.map((c) => String(counts.get(c))),
          String(validRuns),
          String(calls),
          generators.uncovered().join(", ") || "none",
        ]);
        if (generators.uncovered().length > 0) {
          console.warn(
            `${fixture.kind}: no bad formats for ${generators.uncovered().join(", ")}: add fixture formats`,
          );
        }
        expect(calls).toBe(0);
      });
    });
  }
});
