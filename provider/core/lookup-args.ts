import { z } from "zod";
import { issueFailures, joinedByProperty } from "./check";
import { OrgplaneError } from "./errors";
import { exactlyOneOfBlaming, withRules } from "./rules";
import { defined } from "./values";

// Kept apart from invoke.ts, whose types the published declarations use: these need zod, and they must not.

/**
 * A lookup's arguments parsed with its schema (an argument set to undefined counts as not given), or an
 * OrgplaneError naming the lookup, each bad argument's path and why: `commvault.getPlan: planName: must not be
 * blank`. Reasons never quote the values given.
 */
export function lookupArgs<S extends z.ZodType>(name: string, schema: S, args: unknown): z.output<S> {
  const given =
    args && typeof args === "object" && !Array.isArray(args)
      ? defined(args as Record<string, unknown>)
      : args;
  const parsed = schema.safeParse(given ?? {});
  if (parsed.success) return parsed.data;
  const unknownKey = `is not known to ${name} (check the spelling)`;
  const failures = joinedByProperty(parsed.error.issues.flatMap((issue) => issueFailures(issue, unknownKey)));
  const reasons = failures.map((f) => (f.property ? `${f.property}: ${f.reason}` : f.reason));
  throw new OrgplaneError(`${name}: ${reasons.join("; ")}`);
}

/**
 * A backend's lookups, each checked against its schema in `schemas` before it makes any call: `checked("getPlan",
 * run)` is `run` (same signature) whose arguments are parsed first (lookupArgs); bad ones reject its promise.
 */
export function lookupsOf<K extends string>(backend: string, schemas: Record<K, z.ZodType>) {
  return <F extends (args: never) => Promise<unknown>>(name: K, run: F): F =>
    (async (args?: unknown) =>
      run(lookupArgs(`${backend}.${name}`, schemas[name], args) as never)) as unknown as F;
}

/** Builders of a backend's lookup argument schemas: strict objects that take its optional `connection`. */
export function lookupArgsWith(connectionSchema: z.ZodType) {
  const argsOf = <S extends z.ZodRawShape>(shape: S) =>
    z.strictObject({ ...shape, connection: connectionSchema.optional() });
  /** Exactly one of `choices` (an id or a name): the failure names them all. */
  const oneOf = <S extends z.ZodRawShape>(choices: S) =>
    withRules(argsOf(choices), [exactlyOneOfBlaming("object", ...Object.keys(choices))]);
  return { argsOf, oneOf };
}
