import { z } from "zod";

/** zod 4 internals the walker reads: a schema's definition and its checks. */
export type Def = { type: string; [key: string]: unknown };
export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

type CheckDef = { check: string; [key: string]: unknown };
export const checksOf = (def: Def): CheckDef[] =>
  ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def);

/** A field with its wrappers (optional, default, nullable, pipe...) taken off. */
export interface Field {
  core: z.ZodType;
  def: Def;
  optional: boolean;
  nullable: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  /** `.catch()`: every value is accepted, so nothing is invalid. */
  lenient: boolean;
}

export function unwrap(schema: z.ZodType): Field {
  const field: Omit<Field, "core" | "def"> = {
    optional: false,
    nullable: false,
    hasDefault: false,
    lenient: false,
  };
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === "optional") field.optional = true;
    else if (def.type === "nullable") field.nullable = true;
    else if (def.type === "catch") field.lenient = true;
    else if (def.type === "default" || def.type === "prefault") {
      field.optional = true;
      if (!field.hasDefault) field.defaultValue = def.defaultValue;
      field.hasDefault = true;
    } else if (def.type !== "readonly" && def.type !== "nonoptional" && def.type !== "pipe") {
      return { ...field, core: current, def };
    }
    current = (def.type === "pipe" ? def.in : def.innerType) as z.ZodType;
  }
}

export type ValueKind = "string" | "number" | "boolean" | "object" | "array" | "null";
export const ALL_KINDS: ValueKind[] = ["string", "number", "boolean", "object", "array", "null"];

const kindOf = (value: unknown): ValueKind =>
  value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as ValueKind);

/** The JSON kinds a field accepts, or "any" when the walker cannot tell (json, lazy, custom types). */
export function acceptedKinds(field: Field): Set<ValueKind> | "any" {
  const { def } = field;
  let kinds: ValueKind[] | "any";
  switch (def.type) {
    case "string":
      kinds = ["string"];
      break;
    case "number":
      kinds = ["number"];
      break;
    case "boolean":
      kinds = ["boolean"];
      break;
    case "object":
    case "record":
      kinds = ["object"];
      break;
    case "array":
    case "tuple":
      kinds = ["array"];
      break;
    case "enum":
      kinds = Object.values(def.entries as Record<string, unknown>).map(kindOf);
      break;
    case "literal":
      kinds = (def.values as unknown[]).map(kindOf);
      break;
    case "null":
      kinds = ["null"];
      break;
    case "union": {
      const parts = (def.options as z.ZodType[]).map((o) => acceptedKinds(unwrap(o)));
      if (parts.includes("any")) return "any";
      kinds = parts.flatMap((p) => [...(p as Set<ValueKind>)]);
      break;
    }
    default:
      return "any";
  }
  return new Set([...kinds, ...(field.nullable ? (["null"] as ValueKind[]) : [])]);
}

/** Whether the field (not its children) runs custom code (`.refine`), which the walker cannot read. */
export const hasCustomCheck = (field: Field) => checksOf(field.def).some((c) => c.check === "custom");

export const isStrictObject = (field: Field) =>
  field.def.type === "object" && defOf(field.def.catchall as z.ZodType)?.type === "never";

export const shapeOf = (field: Field) => (field.def.shape ?? {}) as Record<string, z.ZodType>;

/** Length, size or value bounds of a field: inclusive min/max and whether they are exclusive. */
export function boundsOf(field: Field) {
  const out: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } = {};
  for (const c of checksOf(field.def)) {
    if (c.check === "min_length" || c.check === "min_size") out.min = c.minimum as number;
    if (c.check === "max_length" || c.check === "max_size") out.max = c.maximum as number;
    if (c.check === "length_equals" || c.check === "size_equals") out.min = out.max = c.length as number;
    if (c.check === "greater_than") [out.min, out.minExclusive] = [c.value as number, !c.inclusive];
    if (c.check === "less_than") [out.max, out.maxExclusive] = [c.value as number, !c.inclusive];
  }
  return out;
}

/** Regular expressions a string must match: its format's pattern and its .regex() checks. */
export function patternsOf(field: Field): RegExp[] {
  const own = field.def.pattern instanceof RegExp ? [field.def.pattern] : [];
  const checks = checksOf(field.def)
    .filter((c) => c.check === "string_format" && c.pattern instanceof RegExp)
    .map((c) => c.pattern as RegExp);
  return [...own, ...checks];
}

/** String checks the walker does not model (includes, starts_with, lowercase...). */
export const hasUnmodelledStringCheck = (field: Field) =>
  checksOf(field.def).some((c) => c.check === "string_format" && !(c.pattern instanceof RegExp)) ||
  (field.def.format !== undefined && field.def.format !== "url" && !(field.def.pattern instanceof RegExp));

/** z.int() (a format of its own) or z.number().int() (a number_format check). */
export const isInteger = (field: Field) =>
  (typeof field.def.format === "string" && /int/.test(field.def.format as string)) ||
  checksOf(field.def).some((c) => c.check === "number_format" && /int/.test(String(c.format)));
