import fc, { Arbitrary } from "fast-check";
import { z } from "zod";
import { formatPath } from "../../provider/core/check";
import type { CrossFieldRule, FieldFormat } from "../kinds/types";
import {
  acceptedKinds,
  ALL_KINDS,
  boundsOf,
  Field,
  hasCustomCheck,
  hasUnmodelledStringCheck,
  isInteger,
  isStrictObject,
  patternsOf,
  shapeOf,
  unwrap,
  ValueKind,
} from "./schema-walk";

/**
 * Input generators derived from a kind's zod schema: valid inputs (built around a known-valid input), and invalid
 * ones made by breaking one field of a valid input, each with the property path check() must name.
 */

export const CATEGORIES = [
  "wrong type",
  "out of range",
  "bad format",
  "missing required",
  "unknown field",
  "broken rule",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface InvalidInput {
  inputs: Record<string, unknown>;
  path: string;
  category: Category;
  /** What was done, for the failure message. */
  what: string;
}

type Path = (string | number)[];
type Obj = Record<string, unknown>;

export interface GeneratorOptions {
  formats?: Record<string, FieldFormat>;
  rules?: CrossFieldRule[];
}

/** `a.b` for format lookups: record keys and array indexes become `*`. */
const formatKey = (path: Path, recordDepth: Set<number>) =>
  path.map((p, i) => (typeof p === "number" || recordDepth.has(i) ? "*" : p)).join(".");

const ABSENT = Symbol("absent");

/** Strings that slip past a loose check: blank, control characters, dot segments, URLs with query or fragment. */
const CLASSIC_BAD_STRINGS = [
  "",
  " ",
  "\t \n",
  "a\u0000b",
  "a\r\nb",
  "a\u007fb",
  ".",
  "..",
  "https://api.example.test/x?y=1",
  "https://api.example.test/x#y",
];
const UNKNOWN_KEY = fc.stringMatching(/^[a-z]{3,8}$/).map((s) => `notAField_${s}`);

/** Strings for the URL format: https or http as the schema allows. */
function urlArbitrary(field: Field): Arbitrary<string> {
  const protocol = field.def.protocol as RegExp | undefined;
  const schemes = ["https", "http"].filter((s) => !protocol || protocol.test(s));
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
  return fc
    .tuple(fc.constantFrom(...schemes), label, fc.constantFrom("com", "org", "test"), fc.option(label))
    .map(([scheme, host, tld, path]) => `${scheme}://${host}.${tld}${path ? `/${path}` : ""}`);
}

function stringArbitrary(field: Field): Arbitrary<string> | undefined {
  if (hasUnmodelledStringCheck(field)) return undefined;
  const { min = 0, max } = boundsOf(field);
  const fits = (s: string) => s.length >= min && (max === undefined || s.length <= max);
  if (field.def.format === "url") return urlArbitrary(field).filter(fits);
  const patterns = patternsOf(field);
  if (patterns.length > 0) {
    return fc.stringMatching(patterns[0]).filter((s) => fits(s) && patterns.every((p) => p.test(s)));
  }
  return fc.string({ minLength: min, maxLength: max ?? min + 16 });
}

function numberArbitrary(field: Field): Arbitrary<number> {
  const { min, max, minExclusive, maxExclusive } = boundsOf(field);
  if (isInteger(field)) {
    return fc.integer({
      min: min === undefined ? -1e6 : minExclusive ? Math.floor(min) + 1 : Math.ceil(min),
      max: max === undefined ? 1e6 : maxExclusive ? Math.ceil(max) - 1 : Math.floor(max),
    });
  }
  return fc.double({
    min: min ?? -1e6,
    max: max ?? 1e6,
    minExcluded: minExclusive,
    maxExcluded: maxExclusive,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

class Walker {
  /** Arbitraries that depend on the field only, built once (building some, stringMatching, is slow). */
  private readonly built = new Map<string, Arbitrary<unknown> | undefined>();

  constructor(private readonly options: GeneratorOptions) {}

  private once(key: string, build: () => Arbitrary<unknown> | undefined): Arbitrary<unknown> | undefined {
    if (!this.built.has(key)) this.built.set(key, build());
    return this.built.get(key);
  }

  private format(path: Path, records: Set<number>): FieldFormat | undefined {
    return this.options.formats?.[formatKey(path, records)];
  }

  /** Valid values for a field: the base value, or values derived from the schema; undefined if neither. */
  valid(
    schema: z.ZodType,
    path: Path,
    base: unknown,
    records = new Set<number>(),
  ): Arbitrary<unknown> | undefined {
    const field = unwrap(schema);
    const own = this.format(path, records)?.valid;
    const derived = own ?? this.derive(field, path, base, records);
    if (!derived) return base === undefined ? undefined : fc.constant(base);
    const withNull = field.nullable ? fc.oneof(derived, fc.constant(null)) : derived;
    return base === undefined ? withNull : fc.oneof(fc.constant(base), withNull);
  }

  private derive(
    field: Field,
    path: Path,
    base: unknown,
    records: Set<number>,
  ): Arbitrary<unknown> | undefined {
    if (hasCustomCheck(field) || field.lenient) return undefined;
    const { def } = field;
    switch (def.type) {
      case "string":
        return stringArbitrary(field);
      case "number":
        return numberArbitrary(field);
      case "boolean":
        return fc.boolean();
      case "enum":
        return fc.constantFrom(...Object.values(def.entries as Obj));
      case "literal":
        return fc.constantFrom(...(def.values as unknown[]));
      case "object":
        return this.object(field, path, base as Obj | undefined, records);
      case "record": {
        const key = this.valid(def.keyType as z.ZodType, [...path, "*"], undefined, records);
        const value = this.valid(
          def.valueType as z.ZodType,
          [...path, "*"],
          undefined,
          new Set([...records, path.length]),
        );
        if (!key || !value) return undefined;
        return fc.dictionary(key as Arbitrary<string>, value, { maxKeys: 3 });
      }
      case "array": {
        const element = this.valid(def.element as z.ZodType, [...path, 0], undefined, records);
        const { min = 0, max } = boundsOf(field);
        return element && fc.array(element, { minLength: min, maxLength: max ?? min + 3 });
      }
      case "union": {
        const options = (def.options as z.ZodType[]).map((o) => this.valid(o, path, undefined, records));
        const usable = options.filter((o): o is Arbitrary<unknown> => o !== undefined);
        return usable.length > 0 ? fc.oneof(...usable) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Objects whose required fields all have values; optional fields come and go. */
  private object(
    field: Field,
    path: Path,
    base: Obj | undefined,
    records: Set<number>,
  ): Arbitrary<Obj> | undefined {
    const entries: [string, Arbitrary<unknown>][] = [];
    for (const [key, child] of Object.entries(shapeOf(field))) {
      const childField = unwrap(child);
      const value = this.valid(child, [...path, key], base?.[key], records);
      if (!value && !childField.optional) return undefined;
      // Optional fields are present three times out of four, so their own fields get broken too.
      const arb = !value
        ? fc.constant(ABSENT)
        : childField.optional
          ? fc.oneof({ arbitrary: value, weight: 3 }, { arbitrary: fc.constant(ABSENT), weight: 1 })
          : value;
      entries.push([key, arb]);
    }
    return fc
      .tuple(...entries.map(([, arb]) => arb))
      .map((values) =>
        Object.fromEntries(entries.map(([key], i) => [key, values[i]]).filter(([, v]) => v !== ABSENT)),
      );
  }

  /** Fields checked by custom code that no fixture format covers: their formats go untested. */
  uncovered(schema: z.ZodType, path: Path = [], records = new Set<number>()): string[] {
    const field = unwrap(schema);
    const own = hasCustomCheck(field) && !this.format(path, records) ? [formatKey(path, records)] : [];
    const { def } = field;
    const children: string[][] =
      def.type === "object"
        ? Object.entries(shapeOf(field)).map(([key, child]) => this.uncovered(child, [...path, key], records))
        : def.type === "record"
          ? [this.uncovered(def.valueType as z.ZodType, [...path, "*"], new Set([...records, path.length]))]
          : def.type === "array"
            ? [this.uncovered(def.element as z.ZodType, [...path, 0], records)]
            : [];
    return [...own, ...children.flat()];
  }

  /** The valid input with the schema's defaults filled in: what check() must return for it. */
  withDefaults(schema: z.ZodType, value: unknown): unknown {
    // A schema ending in .transform() (a value derived from others, such as an alias): defaults, then the transform.
    const def = (schema as unknown as { _zod: { def: { type: string; in?: z.ZodType; out?: z.ZodType } } })
      ._zod.def;
    const then =
      def.type === "pipe" ? (def.out as unknown as { _zod: { def: Record<string, unknown> } }) : undefined;
    if (def.in && then?._zod.def.type === "transform") {
      const transform = then._zod.def.transform as (v: unknown, ctx: unknown) => unknown;
      return transform(this.withDefaults(def.in, value), { issues: [], value });
    }
    const field = unwrap(schema);
    if (field.def.type !== "object" || !value || typeof value !== "object" || Array.isArray(value))
      return value;
    const out: Obj = { ...(value as Obj) };
    for (const [key, child] of Object.entries(shapeOf(field))) {
      const childField = unwrap(child);
      if (out[key] === undefined && childField.hasDefault)
        out[key] = structuredClone(childField.defaultValue);
      else if (out[key] !== undefined) out[key] = this.withDefaults(child, out[key]);
    }
    return out;
  }

  /** Every way to break one field of `value`, by category. */
  breakages(schema: z.ZodType, value: Obj): Map<Category, Arbitrary<InvalidInput>[]> {
    const found = new Map<Category, Arbitrary<InvalidInput>[]>();
    const add = (category: Category, arb: Arbitrary<InvalidInput>) =>
      found.set(category, [...(found.get(category) ?? []), arb]);
    this.visit(schema, [], value, value, new Set(), add);
    for (const rule of this.options.rules ?? []) {
      const broken = rule.broken(value);
      add("broken rule", fc.constant({ ...broken, category: "broken rule", what: rule.rule }));
    }
    return found;
  }

  private visit(
    schema: z.ZodType,
    path: Path,
    value: unknown,
    root: Obj,
    records: Set<number>,
    add: (category: Category, arb: Arbitrary<InvalidInput>) => void,
  ): void {
    const field = unwrap(schema);
    if (field.lenient) return;
    const at = (category: Category, what: string, values: Arbitrary<unknown>, where: Path = path) =>
      add(
        category,
        values.map((v) => ({ inputs: replaced(root, where, v), path: formatPath(where), category, what })),
      );
    if (path.length > 0) this.breakValue(field, path, value, records, at);
    const { def } = field;
    if (def.type === "object" && value && typeof value === "object") {
      if (isStrictObject(field)) {
        add(
          "unknown field",
          UNKNOWN_KEY.map((k) => ({
            inputs: replaced(root, [...path, k], true),
            path: formatPath([...path, k]),
            category: "unknown field",
            what: `added ${k}`,
          })),
        );
      }
      for (const [key, child] of Object.entries(shapeOf(field))) {
        const childValue = (value as Obj)[key];
        if (childValue === undefined) continue;
        this.visit(child, [...path, key], childValue, root, records, add);
        if (!unwrap(child).optional)
          at("missing required", `removed ${key}`, fc.constant(ABSENT), [...path, key]);
      }
    }
    if (def.type === "record" && value && typeof value === "object") {
      const keyField = unwrap(def.keyType as z.ZodType);
      const badKeys = this.badStrings(keyField, [...path, "*"], records);
      if (badKeys) {
        add(
          "bad format",
          badKeys.map((k) => ({
            inputs: replaced(
              root,
              [...path, k as string],
              (Object.values(value as Obj)[0] ?? "x") as unknown,
            ),
            path: formatPath([...path, k as string]),
            category: "bad format",
            what: `record key ${JSON.stringify(k)}`,
          })),
        );
      }
      // A __proto__ key, which parsing would drop silently.
      add(
        "bad format",
        fc.constant({
          inputs: replaced(root, [...path, "__proto__"], Object.values(value as Obj)[0] ?? "x"),
          path: formatPath([...path, "__proto__"]),
          category: "bad format",
          what: "record key __proto__",
        }),
      );
      const inner = new Set([...records, path.length]);
      for (const [key, child] of Object.entries(value as Obj)) {
        this.visit(def.valueType as z.ZodType, [...path, key], child, root, inner, add);
      }
    }
    if (def.type === "array" && Array.isArray(value)) {
      value.forEach((item, i) =>
        this.visit(def.element as z.ZodType, [...path, i], item, root, records, add),
      );
    }
  }

  /** Wrong types, out-of-range values and bad formats for one present field. */
  private breakValue(
    field: Field,
    path: Path,
    value: unknown,
    records: Set<number>,
    at: (category: Category, what: string, values: Arbitrary<unknown>) => void,
  ): void {
    const accepted = acceptedKinds(field);
    if (accepted !== "any") {
      const wrong = ALL_KINDS.filter((k) => !accepted.has(k));
      if (wrong.length > 0) at("wrong type", "a value of another type", valuesOfKinds(wrong));
    }
    const { def } = field;
    const bounds = boundsOf(field);
    const sized = def.type === "string" || (def.type === "array" && Array.isArray(value) && value.length > 0);
    if (sized) {
      const fill = (n: number): unknown =>
        def.type === "string" ? "x".repeat(n) : Array(n).fill((value as unknown[])[0]);
      if (bounds.min !== undefined && bounds.min > 0)
        at(
          "out of range",
          `shorter than ${bounds.min}`,
          fc.integer({ min: 0, max: bounds.min - 1 }).map(fill),
        );
      if (bounds.max !== undefined)
        at(
          "out of range",
          `longer than ${bounds.max}`,
          fc.integer({ min: bounds.max + 1, max: bounds.max + 40 }).map(fill),
        );
    }
    if (def.type === "number") {
      if (bounds.min !== undefined) {
        const below = bounds.minExclusive
          ? fc.constant(bounds.min)
          : fc.integer({ min: 1, max: 1000 }).map((d) => bounds.min! - d);
        at("out of range", `below ${bounds.min}`, below);
      }
      if (bounds.max !== undefined) {
        const above = bounds.maxExclusive
          ? fc.constant(bounds.max)
          : fc.integer({ min: 1, max: 1000 }).map((d) => bounds.max! + d);
        at("out of range", `above ${bounds.max}`, above);
      }
      if (isInteger(field))
        at(
          "out of range",
          "not an integer",
          fc.integer({ min: 0, max: 100 }).map((n) => n + 0.5),
        );
    }
    if (def.type === "enum" || def.type === "literal") {
      const allowed = def.type === "enum" ? Object.values(def.entries as Obj) : (def.values as unknown[]);
      if (allowed.every((v) => typeof v === "string")) {
        at(
          "out of range",
          "not one of the options",
          fc.string({ maxLength: 12 }).filter((s) => !allowed.includes(s)),
        );
      }
    }
    // Other fields break only by a fixture format (a record's key count, say).
    const bad =
      def.type === "string"
        ? this.badStrings(field, path, records, value)
        : this.format(path, records)?.invalid;
    if (bad) at("bad format", "a malformed value", bad);
  }

  /** Malformed strings for a string field: the fixture's, the pattern's complement, bad URLs. */
  private badStrings(
    field: Field,
    path: Path,
    records: Set<number>,
    valid?: unknown,
  ): Arbitrary<unknown> | undefined {
    const patterns = patternsOf(field);
    const misses = (s: string) => patterns.some((p) => !p.test(s));
    const general = this.once(`${formatKey(path, records)}|bad`, () =>
      this.generalBadStrings(field, path, records),
    );
    const sources = general ? [general] : [];
    if (patterns.length > 0) {
      if (typeof valid === "string") {
        const spoiled = [
          ` ${valid}`,
          `${valid} `,
          valid.slice(1),
          valid.slice(0, -1),
          valid.replace(/[@:./]/, ""),
        ];
        const usable = spoiled.filter(misses);
        if (usable.length > 0) sources.push(fc.constantFrom(...usable));
      }
    }
    return sources.length > 0 ? fc.oneof(...sources) : undefined;
  }

  /** Malformed strings that do not depend on the field's current value. */
  private generalBadStrings(field: Field, path: Path, records: Set<number>): Arbitrary<unknown> | undefined {
    const sources: Arbitrary<unknown>[] = [];
    const own = this.format(path, records)?.invalid;
    if (own) sources.push(own);
    const classic = CLASSIC_BAD_STRINGS.filter((s) => !field.core.safeParse(s).success);
    if (classic.length > 0) sources.push(fc.constantFrom(...classic));
    const patterns = patternsOf(field);
    if (patterns.length > 0) {
      sources.push(fc.string({ maxLength: 30 }).filter((s) => patterns.some((p) => !p.test(s))));
    }
    if (field.def.format === "url") {
      const protocol = field.def.protocol as RegExp | undefined;
      const schemes = ["ftp", "file", "mailto", "javascript"].filter((s) => protocol && !protocol.test(s));
      sources.push(fc.constantFrom("not a url", "example.com", "http//example.com", "//example.com", ""));
      if (schemes.length > 0) sources.push(fc.constantFrom(...schemes).map((s) => `${s}://example.com/x`));
    }
    return sources.length > 0 ? fc.oneof(...sources) : undefined;
  }
}

const wrongTypes = new Map<string, Arbitrary<unknown>>();
/** Values of the given JSON kinds (one arbitrary per set of kinds). */
function valuesOfKinds(kinds: ValueKind[]): Arbitrary<unknown> {
  const key = kinds.join(",");
  if (!wrongTypes.has(key)) wrongTypes.set(key, fc.oneof(...kinds.map(valueOfKind)));
  return wrongTypes.get(key)!;
}

function valueOfKind(kind: ValueKind): Arbitrary<unknown> {
  switch (kind) {
    case "string":
      return fc.string({ maxLength: 10 });
    case "number":
      return fc.integer({ min: -1000, max: 1000 });
    case "boolean":
      return fc.boolean();
    case "object":
      return fc.constant({ unexpected: true });
    case "array":
      return fc.array(fc.integer(), { maxLength: 2 });
    case "null":
      return fc.constant(null);
  }
}

/** A copy of `root` with the value at `path` replaced (ABSENT removes it). */
function replaced(root: Obj, path: Path, value: unknown): Obj {
  const copy = structuredClone(root);
  let holder: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  // defineProperty: a generated key such as "__proto__" must become a key, not a prototype.
  if (value === ABSENT) delete holder[last];
  else Object.defineProperty(holder, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The generators for one kind's schema, around one valid input. */
export function inputGenerators(schema: z.ZodType, valid: Obj, options: GeneratorOptions = {}) {
  const walker = new Walker(options);
  const rules = options.rules ?? [];
  const validInputs = (walker.valid(schema, [], valid) as Arbitrary<Obj>).filter((inputs) =>
    rules.every((rule) => rule.holds(inputs)),
  );
  const invalidInputs = validInputs.chain((value) => {
    const byCategory = walker.breakages(schema, value);
    return fc.oneof(...[...byCategory.values()].map((arbs) => fc.oneof(...arbs)));
  });
  return {
    validInputs,
    invalidInputs,
    withDefaults: (value: Obj) => walker.withDefaults(schema, value) as Obj,
    /** Categories the schema (and fixture) can produce, from the valid input as given. */
    categories: () => [...walker.breakages(schema, valid).keys()],
    /** Custom-checked fields without a fixture format (`formats` in the fixture covers them). */
    uncovered: () => walker.uncovered(schema).filter((path) => path !== ""),
  };
}
