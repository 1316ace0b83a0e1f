import * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkWithSchema, failureTouchesUnknown, withoutSecretValues } from "./check";
import { STACK_CONFIG, withRecordedConfig } from "./connection";
import { diffWithSchema, InputSpec, keepsNaturalKey, plainState, toState } from "./diff";
import { OrgplaneError, sanitizeError } from "./errors";
import { containsUnknown } from "./unknown";
import { registerSecrets } from "./redact";
import { getPath } from "./schema";
import { upgradeState, withSchemaVersion } from "./state";

export type State = Record<string, unknown>;

/** The API side of one resource kind; check, diff, state shaping and error hygiene come from core. */
export interface ResourceOperations<I> {
  /** Extra checks that need more than one field (after the schema passed). */
  validate?(inputs: I): dynamic.CheckFailure[];
  create(inputs: I): Promise<{ id: string; outputs: State }>;
  /** Current outputs, or undefined when the object is gone. */
  read(id: string, state: State): Promise<State | undefined>;
  /** Absent when every in-place change is local (the rest replace). */
  update?(id: string, olds: State, news: I, changedKeys: string[]): Promise<State>;
  delete(id: string, state: State): Promise<void>;
  /** Refuses or adjusts a planned change (for example a field the API cannot change). */
  reviewDiff?(olds: State, news: I, diff: dynamic.DiffResult & { changedKeys: string[] }): dynamic.DiffResult;
}

/**
 * A create that made the object but could not finish: the engine records the id so nothing is orphaned. The
 * state is the inputs around `properties` (the API's outputs), less the `pending` inputs whose step did not run,
 * so that the next `up` sees them as changed and finishes them.
 */
export class PartialCreateError extends Error {
  constructor(
    readonly id: string,
    readonly properties: State,
    cause: unknown,
    readonly pending: readonly string[] = [],
  ) {
    super(sanitizeError(cause).message);
    this.name = "PartialCreateError";
  }
}

function registerInputSecrets(spec: InputSpec, values: State | undefined): void {
  if (!values) return;
  for (const [path, meta] of spec.fields) if (meta.secret) registerSecrets(getPath(values, path));
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PartialCreateError) {
      throw Object.assign(new Error(e.message), { id: e.id, properties: e.properties, reasons: [e.message] });
    }
    throw sanitizeError(e);
  }
}

/**
 * Whether a replace keeps the natural key, so the old object must go first: created first, the replacement would
 * meet its own old object under the same key. Refused when the kind's delete may not free the key.
 */
function replacesUnderSameKey(spec: InputSpec, olds: State, news: State, diff: dynamic.DiffResult): boolean {
  const replaced = diff.replaces ?? [];
  if (replaced.length === 0 || spec.naturalKey.length === 0) return false;
  const keeps = keepsNaturalKey(spec, olds, news);
  if (keeps === false) return false;
  if (spec.sameKeyReplace === "deleteFirst") return true;
  // Refused once the values are known (the engine diffs again when it applies the change).
  if (keeps === undefined || replaced.some((path) => containsUnknown(getPath(news, path)))) return false;
  throw new OrgplaneError(spec.sameKeyReplace.refuse(replaced, news));
}

/**
 * A change of a create-only field (FieldMeta.createOnly) is refused, never a silent replace; it rides along only
 * when the resource is replaced anyway. Refused once the value is known.
 */
function refuseCreateOnlyChange(
  spec: InputSpec,
  news: State,
  changedKeys: string[],
  replaced: boolean,
): void {
  if (replaced) return;
  const key = spec.createOnlyKeys.find((k) => changedKeys.includes(k) && !containsUnknown(news[k]));
  if (!key) return;
  const { what, why } = spec.fields.get(key)!.createOnly!;
  const object = spec.objectName(news);
  throw new OrgplaneError(
    `${spec.backend}: ${what} of ${object} cannot be changed: ${why} Restore the declared ${key}, or add ` +
      `"${key}" to the resource's ignoreChanges; to really start over, remove the resource and run ` +
      `\`pulumi up\` (this deletes ${object} with all it holds), then declare it again.`,
  );
}

/**
 * A replace with `adopt: true` is refused: its create would take over whatever holds the new key, which may be
 * another owner's, long after the adoption the user meant. Refused once the replaced values are known.
 */
function refuseAdoptingReplace(spec: InputSpec, news: State, replaced: string[]): void {
  if (news.adopt !== true || replaced.length === 0) return;
  if (replaced.some((path) => containsUnknown(getPath(news, path)))) return;
  throw new OrgplaneError(
    `${spec.backend}: changing ${replaced.join(", ")} replaces ${spec.objectName(news)}, and with adopt: true ` +
      "its replacement would take over any object that already holds the new key, which may be another " +
      "owner's. This resource is in the state already and needs adopt no more: remove adopt: true, then run " +
      "`pulumi up` again.",
  );
}

/**
 * The objects creates with `adopt: true` took in this provider process (one `pulumi` run), by kind. A replace the
 * engine forces (`pulumi up --replace`) creates before it deletes, and the diff that refuses an adopting replace
 * never runs: the replacement may adopt the very object it replaces, which then must not be deleted.
 */
let adoptedThisRun = new WeakMap<InputSpec, Set<string>>();

/** What a new provider process starts with (tests that model several `pulumi` runs in one process). */
export const AdoptedThisRun = { clearAll: () => void (adoptedThisRun = new WeakMap()) };

/** The API outputs kept in a state: everything but plain inputs (computed inputs are the API's too). */
export function outputsOf(spec: InputSpec, state: State): State {
  const isPlainInput = (key: string) => spec.keys.includes(key) && !spec.fields.get(key)?.computed;
  return Object.fromEntries(
    Object.entries(state).filter(
      ([key]) => !isPlainInput(key) && key !== "secretHashes" && key !== STACK_CONFIG,
    ),
  );
}

/** The inputs without the stack config the program recorded (core/connection.ts), and that config. */
function splitRecordedConfig(news: State): { inputs: State; recordedConfig: State } {
  const { [STACK_CONFIG]: config, ...inputs } = news;
  return { inputs, recordedConfig: config === undefined ? {} : { [STACK_CONFIG]: config } };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The input spec behind a provider made by schemaProvider (for docs and tests). */
export function specOf(provider: dynamic.ResourceProvider): InputSpec | undefined {
  return (provider as { spec?: InputSpec }).spec;
}

/** A complete dynamic ResourceProvider for one kind, driven by its schema. */
export function schemaProvider<I extends State>(
  spec: InputSpec<I>,
  ops: ResourceOperations<I>,
): dynamic.ResourceProvider {
  const secretRoots = new Set(
    [...spec.fields].filter(([, m]) => m.secret).map(([path]) => path.split(".")[0]),
  );
  const provider: dynamic.ResourceProvider = {
    async check(_olds, news) {
      const { inputs, recordedConfig } = splitRecordedConfig(news);
      registerInputSecrets(spec, inputs);
      const result = checkWithSchema(spec.schema, inputs);
      if (result.failures) return { failures: withoutSecretValues(result.failures, secretRoots) };
      if (!result.inputs) return result;
      const failures = (ops.validate?.(result.inputs) ?? []).filter(
        (failure) => !failureTouchesUnknown(result.inputs, failure),
      );
      if (failures.length > 0) return { failures: withoutSecretValues(failures, secretRoots) };
      return { inputs: { ...result.inputs, ...recordedConfig } };
    },
    async diff(_id, written, news) {
      registerInputSecrets(spec, news);
      const olds = upgradeState(spec, written);
      const diff = diffWithSchema(spec, olds, news);
      const reviewed = ops.reviewDiff && diff.changes ? ops.reviewDiff(olds, news, diff) : diff;
      // A new stack config is recorded by an update that calls no API (like any local-only input).
      const configChanged = !sameJson(olds[STACK_CONFIG], news[STACK_CONFIG]);
      refuseCreateOnlyChange(spec, news, diff.changedKeys, (reviewed.replaces ?? []).length > 0);
      const deleteFirst = replacesUnderSameKey(spec, olds, news, reviewed);
      refuseAdoptingReplace(spec, news, reviewed.replaces ?? []);
      return {
        changes: reviewed.changes || configChanged,
        replaces: reviewed.replaces,
        deleteBeforeReplace: reviewed.deleteBeforeReplace || deleteFirst,
      };
    },
    create: (inputs) =>
      guarded(async () => {
        registerInputSecrets(spec, inputs);
        try {
          const { id, outputs } = await withRecordedConfig(inputs, () => ops.create(inputs));
          if (inputs.adopt === true)
            adoptedThisRun.set(spec, (adoptedThisRun.get(spec) ?? new Set()).add(id));
          return { id, outs: withSchemaVersion(spec, toState(spec, inputs, outputs)) };
        } catch (e) {
          // The engine keeps a partial create's properties as the state: the inputs go around the outputs (or a
          // missing replace-on-change field would plan a replace), less the steps still to do.
          if (!(e instanceof PartialCreateError)) throw e;
          const done = Object.fromEntries(Object.entries(inputs).filter(([key]) => !e.pending.includes(key)));
          throw new PartialCreateError(e.id, withSchemaVersion(spec, toState(spec, done, e.properties)), e);
        }
      }),
    read: (id, written) =>
      guarded(async () => {
        registerInputSecrets(spec, written);
        // An import reads with no state at all: nothing to upgrade.
        const props = written ? upgradeState(spec, written) : {};
        const current = await withRecordedConfig(props, () => ops.read(id, props));
        return current === undefined
          ? {}
          : { id, props: plainState(withSchemaVersion(spec, { ...props, ...current })) };
      }),
    update: (id, written, news) =>
      guarded(async () => {
        registerInputSecrets(spec, written);
        registerInputSecrets(spec, news);
        const olds = upgradeState(spec, written);
        const { changedKeys } = diffWithSchema(spec, olds, news);
        refuseCreateOnlyChange(spec, news, changedKeys, false);
        const apiChange = changedKeys.some((key) => !spec.fields.get(key)?.localOnly);
        if (apiChange && !ops.update) throw new Error(`no in-place update for ${changedKeys.join(", ")}`);
        const update = ops.update;
        const outputs =
          apiChange && update
            ? await withRecordedConfig(news, () => update(id, olds, news, changedKeys))
            : outputsOf(spec, olds);
        return { outs: withSchemaVersion(spec, toState(spec, news, outputs)) };
      }),
    delete: (id, written) =>
      guarded(async () => {
        registerInputSecrets(spec, written);
        const props = upgradeState(spec, written);
        if (adoptedThisRun.get(spec)?.has(id)) {
          const object = spec.objectName(props);
          await pulumi.log.warn(
            `${spec.backend}: ${object} (${id}) was just taken over by a resource with adopt: true (this one's ` +
              "replacement): it is not deleted.",
          );
          return;
        }
        await withRecordedConfig(props, () => ops.delete(id, props));
      }),
  };
  Object.defineProperty(provider, "spec", { value: spec, enumerable: false });
  return provider;
}
