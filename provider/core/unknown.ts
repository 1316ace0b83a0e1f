import { z } from "zod";

// Values not known yet during preview: what the engine sends for them, and the schema applied around them.

/** The value the engine sends during preview for an input that is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  transform?: (value: unknown, payload: unknown) => unknown;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/** A stand-in for UNKNOWN that tells which parts of a transform's output depend on an unknown value. */
const OTHER_UNKNOWN = "unknown-probe-" + UNKNOWN;

function replaceUnknowns(value: unknown): unknown {
  if (value === UNKNOWN) return OTHER_UNKNOWN;
  if (Array.isArray(value)) return value.map(replaceUnknowns);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknowns(v)]));
  return value;
}

/** `a` where it agrees with `b`, UNKNOWN where it does not (the part that depends on an unknown input). */
function agreement(a: unknown, b: unknown): unknown {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (isPlainObject(a) && isPlainObject(b))
    return Object.fromEntries(Object.keys(a).map((k) => [k, agreement(a[k], b[k])]));
  return UNKNOWN;
}

function transformAroundUnknowns(transform: Def["transform"], value: unknown): unknown {
  if (!transform) return value;
  const run = (v: unknown) => transform(v, { value: v, issues: [] });
  return agreement(run(value), run(replaceUnknowns(value)));
}

/**
 * The value as the schema makes it (defaults, transforms) around the parts still unknown during preview, which
 * stay unknown. A known part the schema refuses is kept as given (its failures were reported or touch an unknown).
 */
export function parseAroundUnknowns(schema: z.ZodType, value: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (!containsUnknown(value)) {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : value;
  }
  const def = defOf(schema);
  if (def.innerType) return parseAroundUnknowns(def.innerType, value);
  if (def.type === "pipe" && def.in) {
    const input = parseAroundUnknowns(def.in, value);
    return def.out && defOf(def.out).type === "transform"
      ? transformAroundUnknowns(defOf(def.out).transform, input)
      : input;
  }
  if (def.type === "object" && def.shape && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [key, child] of Object.entries(def.shape)) {
      const parsed = parseAroundUnknowns(child, value[key]);
      if (parsed === undefined) delete out[key];
      else out[key] = parsed;
    }
    return out;
  }
  if (def.type === "array" && def.element && Array.isArray(value))
    return value.map((item) => parseAroundUnknowns(def.element!, item));
  if (def.type === "record" && def.valueType && isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, parseAroundUnknowns(def.valueType!, v)]),
    );
  return value;
}
