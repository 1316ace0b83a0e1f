import { z } from "zod";
import { containsUnknown } from "./unknown";

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

/** A cross-field rule, declared beside the fields (as Terraform's ExactlyOneOf and ConflictsWith). */
export type Rule =
  | { kind: "exactlyOneOf"; fields: string[] }
  | { kind: "conflictsWith"; field: string; other: string }
  | { kind: "requiredWith"; field: string; other: string }
  | { kind: "requiredWhen"; field: string; other: string; value: unknown };

/** Exactly one of the fields is given. */
export const exactlyOneOf = (...fields: string[]): Rule => ({ kind: "exactlyOneOf", fields });
/** `field` and `other` are not both given. */
export const conflictsWith = (field: string, other: string): Rule => ({
  kind: "conflictsWith",
  field,
  other,
});
/** `field` is required whenever `other` is given. */
export const requiredWith = (field: string, other: string): Rule => ({ kind: "requiredWith", field, other });
/** `field` is required when `other` has this value. */
export const requiredWhen = (field: string, other: string, value: unknown): Rule => ({
  kind: "requiredWhen",
  field,
  other,
  value,
});

const words = (fields: string[]) => fields.slice(0, -1).join(", ") + " and " + fields[fields.length - 1];

/** A rule as the docs state it. */
export function ruleText(rule: Rule): string {
  const code = (f: string) => `\`${f}\``;
  switch (rule.kind) {
    case "exactlyOneOf":
      return `exactly one of ${rule.fields.map(code).join(", ")}`;
    case "conflictsWith":
      return `${code(rule.field)} conflicts with ${code(rule.other)}`;
    case "requiredWith":
      return `${code(rule.field)} is required with ${code(rule.other)}`;
    case "requiredWhen":
      return `${code(rule.field)} is required when ${code(rule.other)} is ${JSON.stringify(rule.value)}`;
  }
}

/** The rules a value breaks: the field each failure names and why. */
export function ruleFailures(
  rules: Rule[],
  value: Record<string, unknown>,
): { field: string; reason: string }[] {
  const given = (f: string) => value[f] !== undefined && value[f] !== null && value[f] !== "";
  return rules.flatMap((rule) => {
    // A value still unknown (preview) may well satisfy the rule once known.
    const involved = rule.kind === "exactlyOneOf" ? rule.fields : [rule.field, rule.other];
    if (involved.some((f) => containsUnknown(value[f]))) return [];
    if (rule.kind === "exactlyOneOf") {
      const present = rule.fields.filter(given);
      if (present.length === 0)
        return [{ field: rule.fields[0], reason: `give exactly one of ${words(rule.fields)}` }];
      if (present.length === 1) return [];
      const reason =
        present.length === 2
          ? `give ${present[0]} or ${present[1]}, not both`
          : `give only one of ${words(present)}`;
      return [{ field: present[0], reason }];
    }
    if (rule.kind === "conflictsWith")
      return given(rule.field) && given(rule.other)
        ? [{ field: rule.field, reason: `give ${rule.field} or ${rule.other}, not both` }]
        : [];
    if (rule.kind === "requiredWith")
      return given(rule.other) && !given(rule.field)
        ? [{ field: rule.field, reason: `is required with ${rule.other}` }]
        : [];
    return value[rule.other] === rule.value && !given(rule.field)
      ? [{ field: rule.field, reason: `is required when ${rule.other} is ${JSON.stringify(rule.value)}` }]
      : [];
  });
}

/** The object schema with its cross-field rules: check reports each broken rule at its field. */
export function withRules<T extends z.ZodObject>(schema: T, rules: Rule[]): T {
  const checked = schema.superRefine((value, ctx) => {
    for (const failure of ruleFailures(rules, value as Record<string, unknown>))
      ctx.addIssue({ code: "custom", path: [failure.field], message: failure.reason });
  }) as T;
  return field(checked, { rules });
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
