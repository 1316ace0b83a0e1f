import type * as dynamic from "@pulumi/pulumi/dynamic";
import { createHash } from "node:crypto";
import { z } from "zod";
import { containsUnknown } from "./unknown";
import { describeFields, FieldMeta, getPath, optionalKeys, topLevelKeys } from "./schema";

/** State key that holds the hashes of write-only secrets, so they can be compared without being stored. */
export const SECRET_HASHES = "secretHashes";

/** What the provider knows about a resource's inputs, derived once from its zod schema. */
export interface InputSpec<T = unknown> {
  schema: z.ZodType<T>;
  keys: string[];
  fields: Map<string, FieldMeta>;
  writeOnlySecrets: string[];
  replacePaths: string[];
  /** Output keys the Resource class marks secret. */
  secretOutputs: string[];
  /** The natural key's paths (FieldMeta.naturalKey). */
  naturalKey: string[];
  /**
   * What a replace that keeps the natural key does: the replacement would meet the old object under the same
   * key, so either the old one goes first (its delete frees the key) or the change is refused with this reason.
   */
  sameKeyReplace: "deleteFirst" | { refuse(replaced: string[], news: Record<string, unknown>): string };
  /** What the API reports beside the inputs: the source of the kind's output types and docs. */
  outputs?: z.ZodType;
  /** Steps that bring older state up to date: step n turns schema version n into n + 1 (see core/state.ts). */
  upgrades: StateUpgrade[];
  /** The backend and how its errors name one object (`organization "Acme"`), for refusals core makes. */
  backend: string;
  objectName: (values: Record<string, unknown>) => string;
  /** Top-level input keys an update can change through the API: neither replace-on-change nor local only. */
  updatableKeys: string[];
  /** Top-level keys that are create-only (FieldMeta.createOnly). */
  createOnlyKeys: string[];
  /** Optional top-level inputs the API does not fill in (not computed, not local): unset means empty. */
  unsetMeansEmpty: string[];
}

/** One step of a kind's state upgrade, as Terraform's UpgradeState: version n's state in, n + 1's out. */
export type StateUpgrade = (state: Record<string, unknown>) => Record<string, unknown>;

export function inputSpec<T>(
  schema: z.ZodType<T>,
  options: Partial<
    Pick<InputSpec, "sameKeyReplace" | "outputs" | "upgrades" | "backend" | "objectName">
  > = {},
): InputSpec<T> {
  const fields = describeFields(schema);
  const paths = [...fields.keys()];
  const writeOnlySecrets = paths.filter((p) => fields.get(p)?.secret && !fields.get(p)?.storedSecret);
  const storedSecretRoots = paths.filter((p) => fields.get(p)?.storedSecret).map((p) => p.split(".")[0]);
  return {
    schema,
    keys: topLevelKeys(schema),
    fields,
    writeOnlySecrets,
    replacePaths: paths.filter((p) => fields.get(p)?.replaceOnChange),
    secretOutputs: [...new Set([...storedSecretRoots, SECRET_HASHES])],
    naturalKey: paths.filter((p) => fields.get(p)?.naturalKey),
    sameKeyReplace: options.sameKeyReplace ?? "deleteFirst",
    outputs: options.outputs,
    upgrades: options.upgrades ?? [],
    backend: options.backend ?? "orgplane",
    objectName: options.objectName ?? (() => "this resource"),
    updatableKeys: topLevelKeys(schema).filter(
      (k) => !fields.get(k)?.replaceOnChange && !fields.get(k)?.localOnly && !fields.get(k)?.createOnly,
    ),
    createOnlyKeys: topLevelKeys(schema).filter((k) => fields.get(k)?.createOnly),
    unsetMeansEmpty: optionalKeys(schema).filter(
      (k) => !fields.get(k)?.computed && !fields.get(k)?.localOnly,
    ),
  };
}

export function hashSecret(value: unknown): string {
  return "sha256:" + createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

function cloneDeep<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function deletePath(target: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  const parent = getPath(target, keys.slice(0, -1).join(".")) as Record<string, unknown> | undefined;
  const holder = keys.length === 1 ? target : parent;
  if (holder && typeof holder === "object") delete holder[keys[keys.length - 1]];
}

/** The state for inputs plus API outputs: write-only secrets are replaced by their hashes. */
export function toState(
  spec: InputSpec,
  inputs: Record<string, unknown>,
  outputs: Record<string, unknown> = {},
): Record<string, unknown> {
  const state = cloneDeep(inputs);
  const hashes: Record<string, string> = {};
  for (const path of spec.writeOnlySecrets) {
    const value = getPath(state, path);
    if (value === undefined) continue;
    hashes[path] = hashSecret(value);
    deletePath(state, path);
  }
  return plainState({ ...state, ...outputs, [SECRET_HASHES]: hashes });
}

/** State as the engine can marshal it: plain JSON, no undefined values (they fail as "Unexpected struct type"). */
export function plainState(state: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

/** A stable form for comparison: keys sorted, empty values dropped. */
export function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, canonical(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries);
  }
  return value;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let holder = target;
  for (const key of path.slice(0, -1)) {
    if (holder[key] === null || typeof holder[key] !== "object") holder[key] = {};
    holder = holder[key] as Record<string, unknown>;
  }
  holder[path[path.length - 1]] = value;
}

/** The form of one input path that diff compares: normalised, with write-only secrets as their hashes. */
function comparable(
  spec: InputSpec,
  values: Record<string, unknown>,
  hashes: Record<string, string>,
  path: string,
) {
  const secretForm = (p: string) => {
    const value = getPath(values, p);
    return value !== undefined ? hashSecret(value) : hashes[p];
  };
  if (spec.writeOnlySecrets.includes(path)) return secretForm(path);
  const meta = spec.fields.get(path) ?? {};
  const raw = cloneDeep(getPath(values, path));
  const form = meta.normalize && raw !== undefined ? meta.normalize(raw) : raw;
  if (form === null || typeof form !== "object" || Array.isArray(form)) return canonical(form);
  const holder = { value: form } as Record<string, unknown>;
  for (const [nested, nestedMeta] of spec.fields) {
    if (!nested.startsWith(path + ".")) continue;
    const rel = ["value", ...nested.slice(path.length + 1).split(".")];
    if (spec.writeOnlySecrets.includes(nested)) {
      const hash = secretForm(nested);
      if (hash !== undefined) setPath(holder, rel, hash);
    } else if (nestedMeta.normalize) {
      const leaf = getPath(holder, rel.join("."));
      if (leaf !== undefined) setPath(holder, rel, nestedMeta.normalize(leaf));
    }
  }
  return canonical(holder.value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the inputs keep the state's natural key; undefined while a part of it is unknown. */
export function keepsNaturalKey(
  spec: InputSpec,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): boolean | undefined {
  if (spec.naturalKey.some((path) => containsUnknown(getPath(news, path)))) return undefined;
  return spec.naturalKey.every((path) =>
    same(comparable(spec, olds, {}, path), comparable(spec, news, {}, path)),
  );
}

/**
 * Compares checked inputs with the state: normalised values, write-only secrets by hash, computed inputs only
 * when set, and replace-on-change paths from the schema.
 */
export function diffWithSchema(
  spec: InputSpec,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): dynamic.DiffResult & { changedKeys: string[] } {
  const oldHashes = (olds[SECRET_HASHES] ?? {}) as Record<string, string>;
  const changedKeys: string[] = [];
  for (const key of spec.keys) {
    const meta = spec.fields.get(key) ?? {};
    if (meta.computed && news[key] === undefined) continue;
    if (containsUnknown(news[key])) {
      changedKeys.push(key);
      continue;
    }
    if (!same(comparable(spec, olds, oldHashes, key), comparable(spec, news, {}, key))) changedKeys.push(key);
  }
  const replaces = spec.replacePaths.filter((path) => {
    const root = path.split(".")[0];
    if (!changedKeys.includes(root)) return false;
    if (spec.fields.get(path)?.computed && getPath(news, path) === undefined) return false;
    if (containsUnknown(getPath(news, path))) return true;
    return !same(comparable(spec, olds, oldHashes, path), comparable(spec, news, {}, path));
  });
  return { changes: changedKeys.length > 0, replaces, changedKeys, deleteBeforeReplace: false };
}
