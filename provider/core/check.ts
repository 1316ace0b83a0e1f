import type * as dynamic from "@pulumi/pulumi/dynamic";
import { z } from "zod";

/** The value the engine sends during preview for an input that is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** `a.b[2].c`, the property path form the engine shows beside a check failure. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === UNKNOWN) return UNKNOWN;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function touchesUnknown(value: unknown, path: readonly PropertyKey[]): boolean {
  for (let i = 0; i <= path.length; i++) if (valueAt(value, path.slice(0, i)) === UNKNOWN) return true;
  return containsUnknown(valueAt(value, path));
}

function failuresOf(issue: z.core.$ZodIssue): dynamic.CheckFailure[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      property: formatPath([...issue.path, key]),
      reason: "is not a property of this resource (check the spelling)",
    }));
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const first = issue.errors.flat()[0];
    if (first) return failuresOf({ ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue);
  }
  const property = formatPath(issue.path);
  return [{ property, reason: issue.message }];
}

/**
 * Validates inputs against the schema and returns them with defaults applied, or the failures with their
 * property paths. Values still unknown during preview pass: only what is known is judged.
 */
export function checkWithSchema<T>(
  schema: z.ZodType<T>,
  news: Record<string, unknown>,
): dynamic.CheckResult<T> {
  const inputs = { ...news };
  delete inputs.__provider;
  const parsed = schema.safeParse(inputs);
  if (parsed.success) return { inputs: parsed.data };
  const real = parsed.error.issues.filter((issue) => !touchesUnknown(inputs, issue.path));
  if (real.length === 0) return { inputs: inputs as T };
  const failures = real.flatMap(failuresOf);
  const seen = new Set<string>();
  return {
    failures: failures.filter((f) => !seen.has(f.property + f.reason) && seen.add(f.property + f.reason)),
  };
}
