import { z } from "zod";
import { field } from "./schema";
import { containsUnknown } from "./unknown";

/** A sign-in flow: the field that chooses it, the fields it then needs, and why (for the message). */
export interface SignInFlow {
  by: string;
  needs?: string[];
  why?: string;
}

type Value = Record<string, unknown>;

/** A cross-field rule, declared beside the fields (as Terraform's ExactlyOneOf and ConflictsWith). */
export type Rule =
  /** `blame`: the failure names the object when none is given, the second field given when several
   * (`extra`), or always the object (`object`); by default the first field given, or the first field. */
  | { kind: "exactlyOneOf"; fields: string[]; blame?: "extra" | "object" }
  | { kind: "conflictsWith"; field: string; other: string }
  | { kind: "requiredWith"; field: string; other: string }
  | { kind: "requiredWhen"; field: string; other: string; value: unknown }
  | { kind: "onlyWhen"; field: string; other: string; value: unknown }
  | { kind: "uniqueItems"; ignoreCase?: boolean }
  | { kind: "signInWith"; sets: string[][] }
  | { kind: "signInFlows"; flows: SignInFlow[] }
  | {
      kind: "check";
      field: string;
      text: string;
      holds: (value: Value) => boolean;
      reason: (value: Value) => string;
    };

/** Exactly one of the fields is given. */
export const exactlyOneOf = (...fields: string[]): Rule => ({ kind: "exactlyOneOf", fields });
/** Exactly one of the fields is given; a failure names the object or the field given too many (see Rule). */
export const exactlyOneOfBlaming = (blame: "extra" | "object", ...fields: string[]): Rule => ({
  kind: "exactlyOneOf",
  fields,
  blame,
});
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
/** `field` may be given only when `other` has this value. */
export const onlyWhen = (field: string, other: string, value: unknown): Rule => ({
  kind: "onlyWhen",
  field,
  other,
  value,
});
/** One of these sets of fields is given in full (the first complete set signs in). */
export const signInWith = (...sets: string[][]): Rule => ({ kind: "signInWith", sets });
/** The first flow whose `by` field is given is the one used: its other fields are then required. */
export const signInFlows = (...flows: SignInFlow[]): Rule => ({ kind: "signInFlows", flows });
/** A rule no other kind states: `text` for the docs, `holds` for check, `reason` at `field` when it fails. */
export const ruleThat = (rule: Omit<Extract<Rule, { kind: "check" }>, "kind">): Rule => ({
  kind: "check",
  ...rule,
});

const words = (fields: string[]) => fields.slice(0, -1).join(", ") + " and " + fields[fields.length - 1];
const code = (f: string) => `\`${f}\``;
const alternatives = (choices: string[]) =>
  choices.length > 1 ? `${choices.slice(0, -1).join(", ")}, or ${choices[choices.length - 1]}` : choices[0];
const flowName = (flow: SignInFlow, mark = (f: string) => f) =>
  [flow.by, ...(flow.needs ?? [])].map(mark).join(" + ");

/** A rule as the docs state it. */
export function ruleText(rule: Rule): string {
  switch (rule.kind) {
    case "exactlyOneOf":
      return `exactly one of ${rule.fields.map(code).join(", ")}`;
    case "conflictsWith":
      return `${code(rule.field)} conflicts with ${code(rule.other)}`;
    case "requiredWith":
      return `${code(rule.field)} is required with ${code(rule.other)}`;
    case "requiredWhen":
      return `${code(rule.field)} is required when ${code(rule.other)} is ${JSON.stringify(rule.value)}`;
    case "onlyWhen":
      return `${code(rule.field)} is allowed only when ${code(rule.other)} is ${JSON.stringify(rule.value)}`;
    case "uniqueItems":
      return `no item is listed twice${rule.ignoreCase ? " (names compared ignoring case)" : ""}`;
    case "signInWith":
      return `sign in with ${alternatives(rule.sets.map((set) => set.map(code).join(" + ")))}`;
    case "signInFlows":
      return (
        `the first of ${rule.flows.map((flow) => code(flow.by)).join(", ")} that is given chooses the sign-in: ` +
        rule.flows.map((flow) => flowName(flow, code)).join("; ")
      );
    case "check":
      return rule.text;
  }
}

type Failure = { path: (string | number)[]; reason: string };
/** The fields a rule relates, when a value still unknown (preview) may well satisfy it once known. */
const related = (rule: Rule): string[] =>
  rule.kind === "exactlyOneOf"
    ? rule.fields
    : rule.kind === "conflictsWith" ||
        rule.kind === "requiredWith" ||
        rule.kind === "requiredWhen" ||
        rule.kind === "onlyWhen"
      ? [rule.field, rule.other]
      : [];

/** The failures of one rule on an object value (a sign-in field still unknown counts as given). */
function failuresOf(rule: Rule, value: Value): Failure[] {
  const given = (f: string) => value[f] !== undefined && value[f] !== null && value[f] !== "";
  const at = (field: string, reason: string): Failure[] => [{ path: [field], reason }];
  switch (rule.kind) {
    case "exactlyOneOf": {
      const present = rule.fields.filter(given);
      if (present.length === 1) return [];
      const where = (first: string, extra: string | undefined) =>
        rule.blame === "object" || (rule.blame === "extra" && !extra) ? [] : [rule.blame ? extra! : first];
      if (present.length === 0)
        return [
          { path: where(rule.fields[0], undefined), reason: `give exactly one of ${words(rule.fields)}` },
        ];
      const reason =
        present.length === 2
          ? `give ${present[0]} or ${present[1]}, not both`
          : `give only one of ${words(present)}`;
      return [{ path: where(present[0], present[1]), reason }];
    }
    case "conflictsWith":
      return given(rule.field) && given(rule.other)
        ? at(rule.field, `give ${rule.field} or ${rule.other}, not both`)
        : [];
    case "requiredWith":
      return given(rule.other) && !given(rule.field) ? at(rule.field, `is required with ${rule.other}`) : [];
    case "requiredWhen":
      return value[rule.other] === rule.value && !given(rule.field)
        ? at(rule.field, `is required when ${rule.other} is ${JSON.stringify(rule.value)}`)
        : [];
    case "onlyWhen":
      return given(rule.field) && value[rule.other] !== rule.value
        ? at(rule.field, `is only for ${rule.other} ${String(rule.value)}`)
        : [];
    case "uniqueItems": {
      const folded = (v: unknown) => (rule.ignoreCase && typeof v === "string" ? v.toLowerCase() : v);
      const keys = (Array.isArray(value) ? (value as object[]) : []).map((item) =>
        JSON.stringify(
          Object.entries(item)
            .map(([k, v]) => [k, folded(v)])
            .sort(),
        ),
      );
      return keys.flatMap((key, i) =>
        keys.indexOf(key) !== i ? [{ path: [i], reason: "is listed twice" }] : [],
      );
    }
    case "signInWith":
      return rule.sets.some((set) => set.every(given))
        ? []
        : [{ path: [], reason: `give ${alternatives(rule.sets.map((set) => set.join(" and ")))}` }];
    case "signInFlows": {
      const flow = rule.flows.find((f) => given(f.by));
      if (!flow)
        return [{ path: [], reason: `give one of ${alternatives(rule.flows.map((f) => flowName(f)))}` }];
      return (flow.needs ?? [])
        .filter((need) => !given(need))
        .flatMap((need) => at(need, `is required ${flow.why ?? `with ${flow.by}`}`));
    }
    case "check":
      return rule.holds(value) ? [] : at(rule.field, rule.reason(value));
  }
}

/** The rules a value (an object, or a list for uniqueItems) breaks: each failure's path within it, and why. */
export function ruleFailures(rules: Rule[], value: unknown): Failure[] {
  const object = (value ?? {}) as Value;
  // A value still unknown (preview) may well satisfy a rule between fields once known.
  return rules.flatMap((rule) =>
    related(rule).some((f) => containsUnknown(object[f])) ? [] : failuresOf(rule, object),
  );
}

/** The schema checked by its rules (check reports each failure at its path) and carrying them for the docs. */
function enforced<T extends z.ZodType>(schema: T, rules: Rule[]): T {
  const checked = schema.superRefine((value, ctx) => {
    for (const failure of ruleFailures(rules, value))
      ctx.addIssue({ code: "custom", path: failure.path, message: failure.reason });
  }) as T;
  return field(checked, { rules });
}

/** The object schema with its cross-field rules. */
export const withRules = <T extends z.ZodObject>(schema: T, rules: Rule[]): T => enforced(schema, rules);

/**
 * A list schema whose items are unique (compared with their keys in order; with ignoreCase, their text values
 * lowercased): check names each repeat.
 */
export const uniqueItems = <T extends z.ZodArray>(schema: T, options: { ignoreCase?: boolean } = {}): T =>
  enforced(schema, [{ kind: "uniqueItems", ...options }]);
