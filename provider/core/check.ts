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

/** The failures one zod issue stands for, each at its path; `unknownKey` is the reason for a key not in the schema. */
export function issueFailures(
  issue: z.core.$ZodIssue,
  unknownKey = "is not a property of this resource (check the spelling)",
): dynamic.CheckFailure[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ property: formatPath([...issue.path, key]), reason: unknownKey }));
  }
  // A bad record key: what its key schema says of it.
  if (issue.code === "invalid_key" && issue.issues.length > 0)
    return [{ property: formatPath(issue.path), reason: issue.issues.map((i) => i.message).join("; ") }];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const first = issue.errors.flat()[0];
    if (first)
      return issueFailures(
        { ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue,
        unknownKey,
      );
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

// `__proto__` in inputs. Pulumi's serialization copies keys with `obj[key] = value`: a `__proto__` key is dropped,
// or makes its value the prototype, whose keys the Struct then merges in (`{ region, __proto__: { beds: 5 } }`
// reaches the provider as `{ region, beds: 5 }`). So the program marks them, and check refuses marks, keys and
// prototypes alike.

/** What the program sends in place of a `__proto__` key ("key") or of a replaced prototype ("prototype"). */
export const PROTOTYPE_MARK = "orgplane:__proto__";
type Mark = "key" | "prototype";

const PROTOTYPE_REASONS: Record<Mark, string> = {
  key: "__proto__ cannot be a key",
  prototype:
    "__proto__ cannot be set: the object's prototype was replaced, so its keys would be lost or merged",
};

/** Object.prototype or Array.prototype, of any realm (jest and vm contexts have their own), or null. */
function hasStandardPrototype(value: object): boolean {
  const proto: object | null = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const parent: object | null = Object.getPrototypeOf(proto);
  if (Array.isArray(value)) return Array.isArray(proto) && !Array.isArray(parent);
  return parent === null && Object.prototype.hasOwnProperty.call(proto, "isPrototypeOf");
}

/**
 * `value` with each `__proto__` key and each data prototype marked (PROTOTYPE_MARK), for check to refuse with its
 * path; `value` itself when there is none. Outputs, promises and other class instances are left as they are.
 */
export function markPrototypes<T>(value: T): T {
  if (!value || typeof value !== "object") return value;
  const standard = hasStandardPrototype(value);
  // Made of data (`{ __proto__: {...} }`, Object.setPrototypeOf), not a class's.
  const data =
    !standard && !Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(value), "constructor");
  if (!standard && !data) return value;
  if (Array.isArray(value) && !data) {
    const items = value.map(markPrototypes);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  const out: Record<string, unknown> = {};
  let marked = data;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (key === "__proto__") {
      out[PROTOTYPE_MARK] = "key" satisfies Mark;
      marked = true;
      continue;
    }
    out[key] = markPrototypes(item);
    if (out[key] !== item) marked = true;
  }
  if (data) out[PROTOTYPE_MARK] = "prototype" satisfies Mark;
  return marked ? (out as T) : value;
}

const isMark = (value: unknown): value is Mark => value === "key" || value === "prototype";

/** A failure at `<path>.__proto__` for each `__proto__` key, mark, or prototype other than the standard one. */
function prototypeFailures(value: unknown, path: PropertyKey[] = []): dynamic.CheckFailure[] {
  if (!value || typeof value !== "object") return [];
  const at = (mark: Mark) => ({
    property: formatPath([...path, "__proto__"]),
    reason: PROTOTYPE_REASONS[mark],
  });
  const failures = hasStandardPrototype(value) ? [] : [at("prototype")];
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (key === "__proto__") failures.push(at("key"));
    else if (key === PROTOTYPE_MARK && isMark(item)) failures.push(at(item));
    else failures.push(...prototypeFailures(item, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return failures;
}

/** One failure per property, its reasons joined. */
export function joinedByProperty(failures: dynamic.CheckFailure[]): dynamic.CheckFailure[] {
  const reasons = new Map<string, Set<string>>();
  for (const f of failures) reasons.set(f.property, (reasons.get(f.property) ?? new Set()).add(f.reason));
  return [...reasons].map(([property, set]) => ({ property, reason: [...set].join("; ") }));
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
  const prototypes = prototypeFailures(news);
  if (prototypes.length > 0) return { failures: joinedByProperty(prototypes) };
  const inputs = { ...news };
  delete inputs.__provider;
  const parsed = schema.safeParse(inputs);
  if (parsed.success && !containsUnknown(inputs)) return { inputs: parsed.data };
  const real = (parsed.error?.issues ?? []).filter((issue) => !touchesUnknown(inputs, issue.path));
  if (real.length === 0) return { inputs: parseAroundUnknowns(schema, inputs) as T };
  return { failures: joinedByProperty(real.flatMap((issue) => issueFailures(issue))) };
}
