import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { RequestLogEntry } from "../emulators";
import { naiveEnv } from "./naive/env";
import { itemsEnv, KindFixture, KindItem, programSource } from "../test/kinds";
import { expectObjects, freshIndices, hasNaive, naiveProgram } from "./programs";
import { Bench, settings } from "./setup";
import { BenchStack, Operation } from "./stacks";

/** Login endpoints of the APIs orgplane speaks, unless a fixture names its own. */
export const LOGIN_PATH = /(\/login|\/oauth2\/token|\/Soap\/u\/[\d.]+|\/services\/accessToken)$/i;

export type Flavor = "orgplane" | "naive";
export type Step = "create" | "preview" | "update" | "refresh" | "delete";

const STEPS: [Step, Operation][] = [
  ["create", "up"],
  ["preview", "preview"],
  ["update", "up"],
  ["refresh", "refresh"],
  ["delete", "destroy"],
];

export interface StepCount {
  /** API requests other than logins per resource (the no-op preview: in total). */
  calls: number;
  /** Login requests during the whole operation (one provider process). */
  logins: number;
}

export interface KindCalls {
  fixture: KindFixture;
  flavor: Flavor;
  resources: number;
  steps: Record<Step, StepCount>;
  providerBytes?: number;
  /** orgplane only: one create with `adopt: true`. */
  adoptingCreate?: number;
}

const loginPathOf = (fixture: KindFixture) => fixture.loginPath ?? LOGIN_PATH;

function countOf(log: RequestLogEntry[], loginPath: RegExp, resources: number, step: Step): StepCount {
  const logins = log.filter((e) => loginPath.test(e.path)).length;
  const per = step === "preview" ? 1 : resources;
  return { calls: (log.length - logins) / per, logins };
}

/**
 * Counts one kind's API requests per resource for create, no-op preview, update, refresh and delete, from its
 * emulator's request log, on a stack of `settings.callSample` resources; logins are counted per operation.
 */
export async function measureKind(bench: Bench, fixture: KindFixture, flavor: Flavor): Promise<KindCalls> {
  const n = settings.callSample;
  const items = (variant: number): KindItem[] =>
    Array.from({ length: n }, (_, i) => ({ fixture, i, variant }));
  const program = flavor === "orgplane" ? programSource : naiveProgram;
  const env = { ...bench.emus.env, ...naiveEnv(bench.emus), ...itemsEnv(bench.emus, items(0)) };
  const slug = fixture.kind.replace(/\W+/g, "-").toLowerCase();
  const stack = await BenchStack.create(`calls-${flavor}-${slug}`, program(items(0)), env, bench.work, {
    naive: flavor === "naive",
  });
  const emulator = fixture.emulator(bench.emus);
  const loginPath = loginPathOf(fixture);
  const steps = {} as Record<Step, StepCount>;
  let providerBytes: number | undefined;
  for (const [step, operation] of STEPS) {
    if (step === "update") stack.setProgram(program(items(1)));
    emulator.clearLog();
    await stack.run(operation);
    steps[step] = countOf([...emulator.log], loginPath, n, step);
    if (step === "create") {
      expectObjects(bench.emus, items(0), true);
      const type = flavor === "orgplane" ? fixture.typeToken : "pulumi-nodejs:dynamic:Resource";
      const text = await stack.serializedProvider(type);
      providerBytes = text === undefined ? undefined : Buffer.byteLength(text);
    }
  }
  expectObjects(bench.emus, items(0), false);
  return { fixture, flavor, resources: n, steps, providerBytes };
}

/** The installed orgplane provider of a kind, loaded in this process as the provider host loads it. */
function installedProvider(bench: Bench, fixture: KindFixture): dynamic.ResourceProvider {
  const [backend, kind] = fixture.kind.split(".");
  const file = require.resolve(`orgplane/provider/${backend}/provider`, { paths: [bench.work] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { providers: Record<string, dynamic.ResourceProvider> }).providers[kind];
}

/**
 * API requests (logins aside) of a create with `adopt: true` (every kind has it), called on the installed
 * provider directly: where a create guards against taking over an existing object, this one skips the guard.
 * Two creates run one after the other and the second is counted, so lookups are warm as within a `pulumi up`.
 */
export async function measureAdoptingCreate(bench: Bench, fixture: KindFixture): Promise<number> {
  const provider = installedProvider(bench, fixture);
  const emulator = fixture.emulator(bench.emus);
  let calls = 0;
  for (const i of freshIndices(2)) {
    const checked = await provider.check!({}, { ...fixture.inputs(bench.emus, i), adopt: true });
    if (checked.failures?.length) throw new Error(`${fixture.kind}: ${JSON.stringify(checked.failures)}`);
    emulator.clearLog();
    const created = await provider.create(checked.inputs);
    calls = emulator.log.filter((e) => !loginPathOf(fixture).test(e.path)).length;
    await provider.delete!(created.id, created.outs);
    expectObjects(bench.emus, [{ fixture, i }], false);
  }
  return calls;
}

/** Every kind on orgplane, and on the naive provider where bench/naive has one. */
export async function measureKinds(bench: Bench, fixtures: KindFixture[]): Promise<KindCalls[]> {
  const out: KindCalls[] = [];
  for (const fixture of fixtures) {
    const orgplane = await measureKind(bench, fixture, "orgplane");
    orgplane.adoptingCreate = await measureAdoptingCreate(bench, fixture);
    out.push(orgplane);
    if (hasNaive(fixture)) out.push(await measureKind(bench, fixture, "naive"));
  }
  return out;
}
