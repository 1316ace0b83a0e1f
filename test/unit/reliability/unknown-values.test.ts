import fc from "fast-check";
import { RunningEmulators, startEmulators } from "../../../emulators";
import { UNKNOWN } from "../../../provider/core";
import { containsUnknown } from "../../../provider/core/unknown";
import { diffWithSchema } from "../../../provider/core/diff";
import { getPath } from "../../../provider/core/schema";
import { kindFixtures } from "../../kinds";
import { providerOf, specOf } from "../../reliability/kinds";

type Obj = Record<string, unknown>;

/** Every leaf path of an input (`a.b`, array items as `a.0`), and every object on the way. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return prefix.length > 0 ? [prefix] : [];
  const own = prefix.length > 0 ? [prefix] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function withUnknown(inputs: Obj, paths: string[][]): Obj {
  const copy = structuredClone(inputs);
  for (const path of paths) {
    const holder = getPath(copy, path.slice(0, -1).join("."));
    // A path inside a value already made unknown stays inside it.
    if (path.length === 1) copy[path[0]] = UNKNOWN;
    else if (holder !== null && typeof holder === "object") (holder as Obj)[path[path.length - 1]] = UNKNOWN;
  }
  return copy;
}

/** Preview with unknown values: check and diff succeed, and only what is unknown shows as changed. */
describe("inputs unknown during preview", () => {
  let emus: RunningEmulators;

  beforeAll(async () => {
    emus = await startEmulators();
  });
  afterAll(async () => emus?.stop());

  for (const fixture of kindFixtures) {
    test(`${fixture.kind}: check and diff succeed, no false change on known fields`, async () => {
      const provider = providerOf(fixture);
      const spec = specOf(fixture, emus);
      const raw = fixture.inputs(emus, 7);
      const known = await provider.check!({}, raw);
      expect(known.failures).toBeUndefined();
      const created = await provider.create!(known.inputs);
      const state = created.outs as Obj;
      expect((await provider.diff!(created.id, state, known.inputs)).changes).toBe(false);

      /** Check and diff with the inputs at `paths` unknown. */
      const preview = async (paths: string[][]) => {
        const checked = await provider.check!(state, withUnknown(raw, paths));
        expect([paths.join(" "), checked.failures]).toEqual([paths.join(" "), undefined]);
        const inputs = checked.inputs as Obj;
        const diff = await provider.diff!(created.id, state, inputs);
        const roots = new Set(paths.map((p) => p[0]));
        const unknownKeys = spec.keys.filter((k) => containsUnknown(inputs[k]));
        // Unknown: what was replaced, or a value derived from it that the input did not give.
        for (const key of unknownKeys)
          expect([key, roots.has(key) || raw[key] === undefined]).toEqual([key, true]);
        // Known fields keep their checked value (defaults and transforms applied) and show no change.
        for (const key of spec.keys.filter((k) => !unknownKeys.includes(k)))
          expect([key, inputs[key]]).toEqual([key, (known.inputs as Obj)[key]]);
        expect(diffWithSchema(spec, state, inputs).changedKeys.sort()).toEqual(unknownKeys.sort());
        expect(diff.changes).toBe(unknownKeys.length > 0);
        for (const path of diff.replaces ?? []) {
          const unknown = containsUnknown(getPath(inputs, path)) || inputs[path.split(".")[0]] === UNKNOWN;
          expect([path, unknown]).toEqual([path, true]);
        }
      };

      const leaves = pathsOf(raw);
      for (const path of leaves) await preview([path]);
      await fc.assert(fc.asyncProperty(fc.subarray(leaves, { minLength: 2, maxLength: 5 }), preview), {
        numRuns: 40,
        seed: 13,
      });
    });
  }
});
