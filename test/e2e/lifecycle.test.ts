import * as fs from "node:fs";
import { startEmulators } from "../../emulators";
import { declarations, itemsEnv, itemsSecrets, KindItem, kindFixtures, programSource } from "../kinds";
import { biotLifecycle } from "./lifecycle/biot";
import { commvaultLifecycle } from "./lifecycle/commvault";
import { iicsLifecycle } from "./lifecycle/iics";
import { salesforceLifecycle } from "./lifecycle/salesforce";
import { sfpLifecycle } from "./lifecycle/sfp";
import { Changes, KindLifecycle, LifecycleContext } from "./lifecycle/types";
import { SecretScan } from "./secret-scan";
import { programStack } from "./stack";
import { step } from "./step";

const LIFECYCLES: KindLifecycle[] = [
  sfpLifecycle,
  commvaultLifecycle,
  biotLifecycle,
  iicsLifecycle,
  salesforceLifecycle,
];

const count = (changes: Changes, key: keyof Changes) => changes[key] ?? 0;

/** The program's stack outputs: exports in TypeScript, module.exports in JS. */
const outputsOf = ({ outputs, runtime }: KindLifecycle) =>
  runtime?.typescript
    ? Object.entries(outputs)
        .map(([name, value]) => `export const ${name} = ${value};`)
        .join("\n")
    : `module.exports = { ${Object.entries(outputs)
        .map(([name, value]) => `${name}: ${value}`)
        .join(", ")} };`;

/**
 * Every backend's lifecycle on one stack of its own, through the real CLI: the fixture items of its kinds
 * (test/kinds, one each) beside a scenario of the backend's own (test/e2e/lifecycle/<backend>.ts: more of its
 * fixtures' forms, which read stack config, and its own steps). The same
 * steps for all: create, a no-op preview with 0 API calls, an in-place update, the backend's own steps
 * (replace, refusals, out-of-band changes), destroy, and no secret in state or CLI output. Backends run
 * concurrently, each in one test: no test depends on another.
 */
describe("every kind's lifecycle through the real engine", () => {
  test.concurrent.each(LIFECYCLES.map((l) => [l.backend, l] as const))(
    "%s: create, no-op preview, update, its own steps, destroy, no secret in plaintext",
    async (backend, spec) => {
      const emus = await startEmulators(spec.emulators ? { only: spec.emulators } : {});
      const calls: Record<string, number> = {};
      try {
        const items: KindItem[] = kindFixtures
          .filter((fixture) => fixture.backend === backend)
          .map((fixture) => ({ fixture, i: 1 }));
        const prepared = spec.prepare(emus);
        const all = [...items, ...spec.declares(0), ...spec.declares(1)];
        const source = (variant: number) =>
          [
            spec.prelude ?? programSource([]),
            "const cfg = new pulumi.Config();",
            declarations([...items.map((x) => ({ ...x, variant })), ...spec.declares(variant)]),
            outputsOf(spec),
          ].join("\n");
        const env = { ...emus.env, ...itemsEnv(emus, all), ...prepared.env };
        const ps = await programStack(`lifecycle-${backend}`, source(0), env, undefined, spec.runtime);
        const ctx: LifecycleContext = {
          emus,
          ps,
          items,
          config: (values) =>
            ps.stack.setAllConfig(
              Object.fromEntries(
                Object.entries(values).map(([k, v]) => [
                  k,
                  { value: typeof v === "string" ? v : JSON.stringify(v) },
                ]),
              ),
            ),
          setProgram: (variant) => fs.writeFileSync(ps.main, source(variant)),
        };
        const scan = new SecretScan(`lifecycle-${backend}`);
        scan.watch({ stack: ps, emulators: emus });
        const secrets = [...new Set([...itemsSecrets(emus, all), ...spec.secrets(emus)])];
        scan.add(...secrets);
        if (prepared.config) await ctx.config(prepared.config);
        const emulators = Object.values(emus.byName).map((s) => s.emulator);
        const measure = async <T>(label: string, run: () => Promise<T>) => {
          emulators.forEach((e) => e.clearLog());
          const result = await run();
          calls[label] = emulators.reduce((n, e) => n + e.log.length, 0);
          return result;
        };
        const log = { onOutput: ps.onOutput, onError: ps.onError };
        const total = items.length + spec.resources + 1; // and the stack
        const keysExist = () =>
          items.map(({ fixture, i }) => [
            fixture.kind,
            fixture.objects(emus).includes(fixture.naturalKey(i)),
          ]);

        await step("up creates every resource", async () => {
          const up = await measure("up (create)", () => ps.stack.up(log));
          expect(up.summary.resourceChanges?.create).toBe(total);
          expect(keysExist()).toEqual(items.map(({ fixture }) => [fixture.kind, true]));
          await spec.created(ctx, up);
        });

        await step("a second preview shows no change and makes 0 API calls", async () => {
          const preview = await measure("preview (no-op)", () => ps.stack.preview(log));
          expect(preview.changeSummary.same).toBe(total);
          expect(preview.changeSummary.update ?? 0).toBe(0);
          expect(calls["preview (no-op)"]).toBe(0);
        });

        await step("an update changes in place", async () => {
          // Fixture items whose variant 1 differs update too (every field of a sandbox replaces: none).
          const moved = items.filter(({ fixture, i }) => fixture.declare(i, 1) !== fixture.declare(i, 0));
          ctx.setProgram(1);
          await ctx.config(spec.update.config);
          const up = await measure("up (update)", () => ps.stack.up(log));
          const { changes } = spec.update;
          expect(up.summary.resourceChanges).toMatchObject({
            ...changes,
            update: count(changes, "update") + moved.length,
          });
          expect(up.summary.resourceChanges?.replace ?? 0).toBe(count(changes, "replace"));
          await spec.update.check(ctx, up);
        });

        for (const extra of spec.steps) await step(extra.name, () => extra.run(ctx));

        await step("destroy leaves nothing behind", async () => {
          await spec.destroy.before?.(ctx);
          const destroy = await measure("destroy", () => ps.stack.destroy(log));
          expect(destroy.summary.resourceChanges?.delete).toBe(
            count(spec.destroy.changes, "delete") + items.length + 1,
          );
          expect(keysExist()).toEqual(items.map(({ fixture }) => [fixture.kind, false]));
          await spec.destroy.check(ctx, destroy);
        });

        await step("state and CLI output hold no secret in plaintext", async () => {
          const state = ps.stateText();
          const output = ps.output.join("\n");
          expect(state.length).toBeGreaterThan(1000);
          for (const secret of secrets) {
            expect(state).not.toContain(secret);
            expect(output).not.toContain(secret);
          }
          spec.checkSecrets?.(ctx, state, output);
          const result = scan.run();
          expect(result.found).toEqual([]);
          // The scan had something to look for: requests to the APIs carried the secrets.
          expect(result.requestHits).toBeGreaterThan(0);
        });
      } finally {
        console.log(`${backend} API calls per operation: ${JSON.stringify(calls)}`);
        await emus.stop();
      }
    },
  );
});
