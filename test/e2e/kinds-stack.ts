import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import type { RunningEmulators } from "../../emulators";
import { itemsEnv, KindFixture, KindItem, ProgramItem, programSource } from "../kinds";
import { convergenceProblems, holdsKey } from "../reliability/convergence";
import { programStack, ProgramStack, storedDeployment } from "./stack";

export type { KindItem };

/**
 * A stack over fixture-declared resources: each item prepared in the emulators, credentials in the env. HTTP calls
 * time out after `timeoutMs` (short where responses are made to hang).
 */
export async function kindStack(
  name: string,
  emus: RunningEmulators,
  items: ProgramItem[],
  timeoutMs = 2000,
  env: Record<string, string> = {},
) {
  const timeout = { ORGPLANE_HTTP_TIMEOUT_MS: String(timeoutMs) };
  return programStack(name, programSource(items), {
    ...emus.env,
    ...timeout,
    ...itemsEnv(emus, items),
    ...env,
  });
}

export function setProgram(ps: ProgramStack, source: string): void {
  fs.writeFileSync(ps.main, source);
}

/** Environment changes for the provider processes of later runs (renewed credentials). */
export function setStackEnv(ps: ProgramStack, env: Record<string, string>): void {
  Object.assign((ps.stack.workspace as LocalWorkspace).envVars, env);
}

/** Runs a CLI operation; returns its error text (kept in the transcript too), or undefined when it worked. */
export async function attempt(ps: ProgramStack, run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (e) {
    const text = String((e as Error).message ?? e);
    ps.onError(text);
    return text;
  }
}

export const fixturesOf = (items: KindItem[]) => [...new Set(items.map((x) => x.fixture))];

/** The emulators serving the items' kinds, each once (kinds of one backend share an emulator). */
export const emulatorsOf = (items: KindItem[], emus: RunningEmulators) => [
  ...new Set(fixturesOf(items).map((f) => f.emulator(emus))),
];

type StateResource = { urn: string; type: string; outputs?: unknown; initErrors?: string[] };

/**
 * The stack's state, read by kind: each kind's resources with their outputs, as the checkpoint file stores them
 * (secrets as ciphertext; natural keys are plain).
 */
export async function stateByKind(ps: ProgramStack) {
  const resources = ((await storedDeployment(ps.stack, ps.backendDir))?.resources ?? []) as StateResource[];
  return (fixture: KindFixture) => resources.filter((r) => r.type === fixture.typeToken);
}

/** No duplicate, no orphan, no ghost for every item, judged from the stack's state and the emulators. */
export async function convergenceOf(ps: ProgramStack, emus: RunningEmulators, items: KindItem[]) {
  const problems: string[] = [];
  const state = await stateByKind(ps);
  for (const fixture of fixturesOf(items)) {
    const keys = items.filter((x) => x.fixture === fixture).map((x) => fixture.naturalKey(x.i));
    const resources = state(fixture);
    const stateKeys = keys.flatMap((key) => resources.filter((r) => holdsKey(r.outputs, key)).map(() => key));
    problems.push(
      ...convergenceProblems(keys, fixture.objects(emus), stateKeys).map((p) => `${fixture.kind}: ${p}`),
    );
  }
  return problems;
}

/** Every resource of the program gets `adopt: true`. */
export const withAdopt = (source: string) =>
  source.replace(
    `require("orgplane");`,
    `require("orgplane");\npulumi.runtime.registerStackTransformation((a) => ({ props: { ...a.props, adopt: true }, opts: a.opts }));`,
  );
