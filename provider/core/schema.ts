import { z } from "zod";
import type { Rule } from "./rules";

/** What a schema field means to the provider beyond its type: the single source for check, diff, state and docs. */
export interface FieldMeta {
  /** A change replaces the resource instead of updating it. */
  replaceOnChange?: boolean;
  /** A credential: a Pulumi secret in state, never logged. */
  secret?: boolean;
  /** Keep the secret itself in state (encrypted). Others are write-only: state keeps only a hash. */
  storedSecret?: boolean;
  /** Optional input the API fills in when omitted: no diff while the input stays unset. */
  computed?: boolean;
  /** Compare on this form of the value (case, trailing slash, order). */
  normalize?: (value: unknown) => unknown;
  /** Only orgplane reads it (adopt, deletion policy): a change updates state without an API call. */
  localOnly?: boolean;
  /** Part of the natural key: the name the API knows the object by, unique among its objects. */
  naturalKey?: boolean;
  /**
   * Create-only: the API takes it only at create, and a replace would delete what the object holds. A change is
   * refused (at preview and at update, never a silent replace) unless the resource is replaced anyway.
   */
  createOnly?: { what: string; why: string };
  /** Why a change is refused or replaces, for the docs. */
  note?: string;
  /**
   * On a `connection` field: each connection field's environment variable, which also names its stack config
   * key (core/connection.ts: SFP_SERVER_TOKEN and `orgplane:sfpServerToken`).
   */
  connectionEnv?: Record<string, string>;
  /** On a field of a connection: the environment variable it falls back to (core/connection.ts fromEnv). */
  envVariable?: string;
  /** Cross-field rules of an object schema (core check evaluates them; the docs list them). */
  rules?: Rule[];
}

export const fieldMeta = z.registry<FieldMeta>();

/** Attaches provider metadata to a schema field. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  const previous = fieldMeta.get(schema) ?? {};
  fieldMeta.remove(schema);
  fieldMeta.add(schema, { ...previous, ...meta });
  return schema;
}

export const secret = <T extends z.ZodType>(schema: T, meta: FieldMeta = {}): T =>
  field(schema, { ...meta, secret: true });
export const localOnly = <T extends z.ZodType>(schema: T): T => field(schema, { localOnly: true });
export const naturalKey = <T extends z.ZodType>(schema: T, meta: FieldMeta = {}): T =>
  field(schema, { ...meta, naturalKey: true });
export const replaceOnChange = <T extends z.ZodType>(schema: T, meta: FieldMeta = {}): T =>
  field(schema, { ...meta, replaceOnChange: true });

/** Create-only (FieldMeta.createOnly): `what` names the field in the refusal, `why` explains it. */
export const createOnly = <T extends z.ZodType>(schema: T, what: string, why: string): T =>
  field(schema, { createOnly: { what, why } });

/**
 * The inputs of a kind: its own fields, then the two every kind has, `adopt` and `connection` (a secret kept in
 * state, read only by orgplane). One per backend: `const kindInputs = kindInputsWith(connectionSchema, "...")`.
 */
export function kindInputsWith<C extends z.ZodType>(
  connectionSchema: C,
  connectionEnv: Record<string, string>,
  connectionHelp: string,
) {
  const connection = field(connectionSchema.optional(), {
    secret: true,
    storedSecret: true,
    localOnly: true,
    connectionEnv,
  }).describe(connectionHelp);
  return <S extends z.ZodRawShape>(shape: S, adoptHelp: string) =>
    z.strictObject({
      ...shape,
      adopt: localOnly(z.boolean().default(false)).describe(adoptHelp),
      connection,
    });
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The metadata of a field, merged across its wrappers (optional, default, nullable, pipe). */
export function metaOf(schema: z.ZodType): { meta: FieldMeta & { description?: string }; core: z.ZodType } {
  let meta: FieldMeta & { description?: string } = {};
  let current = schema;
  for (;;) {
    const description = z.globalRegistry.get(current)?.description;
    meta = { ...(fieldMeta.get(current) ?? {}), ...(description ? { description } : {}), ...meta };
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) return { meta, core: current };
    current = inner;
  }
}

/** Every field path of an object schema (nested objects included) with its metadata. */
export function describeFields(schema: z.ZodType, prefix: string[] = []): Map<string, FieldMeta> {
  const out = new Map<string, FieldMeta>();
  const { core } = metaOf(schema);
  const shape = defOf(core).shape;
  if (!shape) return out;
  for (const [key, child] of Object.entries(shape)) {
    const path = [...prefix, key];
    out.set(path.join("."), metaOf(child).meta);
    for (const [p, m] of describeFields(child, path)) out.set(p, m);
  }
  return out;
}

export function topLevelKeys(schema: z.ZodType): string[] {
  return Object.keys(defOf(metaOf(schema).core).shape ?? {});
}

/** Top-level keys an object schema lets the user leave out (optional, or with a default). */
export function optionalKeys(schema: z.ZodType): string[] {
  const shape = defOf(metaOf(schema).core).shape ?? {};
  return Object.keys(shape).filter((key) => {
    const def = defOf(shape[key]);
    return def.type === "optional" || def.type === "default";
  });
}

export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
