import type * as dynamic from "@pulumi/pulumi/dynamic";
import { z } from "zod";
import { containsUnknown, parseAroundUnknowns, UNKNOWN } from "./unknown";

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

/** `a.b[2].c` back to its keys. */
export function parsePath(path: string): PropertyKey[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** Whether a failure names a value that is still unknown (it may well be valid once known). */
export function failureTouchesUnknown(inputs: unknown, failure: dynamic.CheckFailure): boolean {
  return touchesUnknown(inputs, parsePath(failure.property));
}

/**
 * Failures that cannot show a secret: the engine prints the value of a top-level property a failure names, so a
 * failure on a top-level input that is or holds a secret names its path in the reason instead.
 */
export function withoutSecretValues(
  failures: dynamic.CheckFailure[],
  secretRoots: ReadonlySet<string>,
): dynamic.CheckFailure[] {
  return failures.map((f) =>
    secretRoots.has(f.property) ? { property: "", reason: `${f.property}: ${f.reason}` } : f,
  );
}

/** The path a failure names, in `property` or (for secret inputs) at the start of its reason. */
export function failurePath(failure: dynamic.CheckFailure): string {
  return failure.property || (/^([^\s:]+): /.exec(failure.reason)?.[1] ?? "");
}

/** Paths of `__proto__` keys, which parsing would drop silently (or turn into a prototype). */
function prototypeKeyPaths(value: unknown, path: PropertyKey[] = []): string[] {
  if (!value || typeof value !== "object") return [];
  return Object.keys(value).flatMap((key) =>
    key === "__proto__"
      ? [formatPath([...path, key])]
      : prototypeKeyPaths((value as Record<string, unknown>)[key], [
          ...path,
          Array.isArray(value) ? Number(key) : key,
        ]),
  );
}

/**
 * Validates inputs against the schema and returns them with defaults applied, or the failures with their
 * property paths. Values still unknown during preview pass: only what is known is judged, and defaults and
 * transforms apply around them.
 */
export function checkWithSchema<T>(
  schema: z.ZodType<T>,
  news: Record<string, unknown>,
): dynamic.CheckResult<T> {
  const inputs = { ...news };
  delete inputs.__provider;
  const prototypeKeys = prototypeKeyPaths(inputs);
  if (prototypeKeys.length > 0)
    return { failures: prototypeKeys.map((property) => ({ property, reason: "__proto__ cannot be a key" })) };
  const parsed = schema.safeParse(inputs);
  if (parsed.success && !containsUnknown(inputs)) return { inputs: parsed.data };
  const real = (parsed.error?.issues ?? []).filter((issue) => !touchesUnknown(inputs, issue.path));
  if (real.length === 0) return { inputs: parseAroundUnknowns(schema, inputs) as T };
  // One failure per property, its reasons joined.
  const reasons = new Map<string, Set<string>>();
  for (const f of real.flatMap(failuresOf))
    reasons.set(f.property, (reasons.get(f.property) ?? new Set()).add(f.reason));
  return { failures: [...reasons].map(([property, set]) => ({ property, reason: [...set].join("; ") })) };
}
