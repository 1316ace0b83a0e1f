import { z } from "zod";
import { InputSpec } from "./diff";
import type { Rule } from "./rules";
import { ruleText } from "./rules";
import { metaOf } from "./schema";

type Def = {
  type: string;
  format?: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A short human name for a zod type: `string (email)`, `1..1440`, `"a" | "b"`, `list of string`. */
export function typeName(schema: z.ZodType): string {
  const { core } = metaOf(schema);
  const def = defOf(core);
  const bounds = (min?: number | null, max?: number | null, unit = "") =>
    min != null && max != null && Number.isFinite(min) && Number.isFinite(max)
      ? ` ${min}..${max}${unit}`
      : max != null && Number.isFinite(max)
        ? ` ≤ ${max}${unit}`
        : min != null && Number.isFinite(min) && min > 0
          ? ` ≥ ${min}${unit}`
          : "";
  switch (def.type) {
    case "string": {
      const s = core as unknown as { minLength?: number | null; maxLength?: number | null };
      return `string${def.format ? ` (${def.format})` : ""}${bounds(s.minLength, s.maxLength, " chars")}`;
    }
    case "number": {
      const n = core as unknown as { minValue?: number | null; maxValue?: number | null; isInt?: boolean };
      return `${n.isInt ? "integer" : "number"}${bounds(n.minValue, n.maxValue)}`;
    }
    case "enum":
      return Object.values(def.entries ?? {})
        .map((v) => JSON.stringify(v))
        .join(" | ");
    case "literal":
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    case "array":
      return `list of ${typeName(def.element!)}`;
    case "record":
      return `map of ${typeName(def.valueType!)}`;
    case "union":
      return (def.options ?? []).map(typeName).join(" or ");
    case "object":
      return `{${Object.keys(def.shape ?? {}).join(", ")}}`;
    default:
      return def.type;
  }
}

function defaultOf(schema: z.ZodType): string | undefined {
  for (let current: z.ZodType | undefined = schema; current; current = defOf(current).innerType) {
    const def = defOf(current);
    if (def.type === "default") {
      const value =
        typeof def.defaultValue === "function" ? (def.defaultValue as () => unknown)() : def.defaultValue;
      return JSON.stringify(value);
    }
  }
  return undefined;
}

function isOptional(schema: z.ZodType): boolean {
  return (schema as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success;
}

const escape = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The inputs of a kind as a markdown table, generated from its schema (nested object fields included). */
export function inputsTable(spec: InputSpec): string {
  const rows = ["| input | type | required / default | behaviour | description |", "|---|---|---|---|---|"];
  const shapes = (schema: z.ZodType, prefix: string, depth: number) => {
    const shape = defOf(metaOf(schema).core).shape ?? {};
    for (const [key, child] of Object.entries(shape)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const { meta } = metaOf(child);
      const behaviour = [
        meta.naturalKey && "natural key",
        meta.replaceOnChange && "replaces on change",
        meta.secret &&
          (meta.storedSecret ? "secret (kept encrypted)" : "secret, write-only (state keeps a hash)"),
        meta.computed && "computed when unset",
        meta.localOnly && "no API call on change",
        meta.createOnly && "create-only: a change is refused",
      ].filter(Boolean);
      const requirement = defaultOf(child) ?? (isOptional(child) ? "optional" : "**required**");
      rows.push(
        `| \`${path}\` | ${escape(typeName(child))} | ${escape(requirement)} | ${behaviour.join(", ")} | ${escape(meta.description ?? meta.note ?? "")} |`,
      );
      if (depth < 2 && !meta.storedSecret) shapes(child, path, depth + 1);
    }
  };
  const rules: string[] = [];
  const collect = (schema: z.ZodType, prefix: string, depth: number) => {
    const { meta, core } = metaOf(schema);
    const at = (text: string) => (prefix ? `${text} (in \`${prefix}\`)` : text);
    for (const rule of (meta.rules ?? []) as Rule[]) rules.push(`- ${at(ruleText(rule))}`);
    // The rules of list items and of the connection too (whose fields the table leaves out).
    const element = defOf(core).element;
    if (element) return collect(element, `${prefix}[]`, depth);
    if (depth < 2)
      for (const [key, child] of Object.entries(defOf(core).shape ?? {}))
        collect(child, prefix ? `${prefix}.${key}` : key, depth + 1);
  };
  shapes(spec.schema, "", 0);
  collect(spec.schema, "", 0);
  return rules.length > 0
    ? [...rows, "", "Rules (check enforces them):", "", ...rules].join("\n")
    : rows.join("\n");
}
