import type { Arbitrary } from "fast-check";
import type { Emulator, RunningEmulators } from "../../emulators";
import type { InputSpec } from "../../provider/core/diff";

/** Generators for one field whose format the schema checks with custom code (an ISO country, a locale...). */
export interface FieldFormat {
  /** Values that satisfy the format (absent: the valid input's own value is kept). */
  valid?: Arbitrary<unknown>;
  /** Values that break it. */
  invalid: Arbitrary<unknown>;
}

/** A rule spanning fields (a one-of, conflicting fields) that check() enforces. */
export interface CrossFieldRule {
  rule: string;
  /** Whether inputs keep the rule (generated valid inputs that do not are set aside). */
  holds(inputs: Record<string, unknown>): boolean;
  /** Valid inputs changed to break the rule, and the path check() must name. */
  broken(valid: Record<string, unknown>): { inputs: Record<string, unknown>; path: string };
}

/**
 * How cross-kind suites (fault matrix, generated input, load, benchmark) drive one resource kind. Each backend
 * adds one file here; suites iterate over `kindFixtures` (index.ts) and never special-case a kind.
 */
export interface KindFixture {
  /** `sfp.SalesforceOrgRegistration` */
  kind: string;
  backend: string;
  typeToken: string;
  /** The emulator that serves this kind (its request log counts API calls). */
  emulator(emus: RunningEmulators): Emulator;
  /**
   * Makes what resource `i` needs in the emulators (a Salesforce org, a plan...) and returns extra environment
   * variables for the program (credentials are passed this way, never as plain config).
   */
  prepare(emus: RunningEmulators, i: number): Record<string, string>;
  /** JS statements declaring resource `i` (orgplane's namespaces are in scope); `variant` 1 is an in-place update. */
  declare(i: number, variant?: number): string;
  /** JS statements the declarations rely on, emitted once per program. */
  prelude?: string;
  /** Named forms of resource i beside its variants, for suites that need a particular shape (policy, refusals). */
  forms?: Record<string, Form>;
  /** Inputs for calling the provider directly (provider-method tests), as check() receives them. */
  inputs(emus: RunningEmulators, i: number, variant?: number): Record<string, unknown>;
  /** The natural keys of this kind's objects that exist in the emulator now. */
  objects(emus: RunningEmulators): string[];
  /** The natural key resource `i` gets. */
  naturalKey(i: number): string;
  /** Every secret value resource `i` uses (for secret scans). */
  secrets(emus: RunningEmulators, i: number): string[];

  // Optional: what the reliability suites (test/reliability) use when present.

  /** The kind's input spec. Absent: the spec exported by provider/<backend>/schema that accepts inputs(). */
  spec?: InputSpec;
  /**
   * Kind-specific formats by field path (`headquarters.countryCode`): fields checked by custom code, or where a
   * sharper invalid value than the schema-derived ones is worth having (E.164, ISO country, sfdxAuthUrl...).
   */
  formats?: Record<string, FieldFormat>;
  /** Rules spanning fields (one-ofs, conflicts) that check() enforces. */
  rules?: CrossFieldRule[];
  /**
   * For a credential the client cannot renew (a bearer token): issue a fresh one after the emulator expired
   * every session, update `emus.env`, and return the changed variables. Absent: the client logs in again.
   */
  renewCredentials?(emus: RunningEmulators): Record<string, string>;
  /** Paths of this API's login requests, which the benchmark counts; default: bench/calls.ts LOGIN_PATH. */
  loginPath?: RegExp;
}

/**
 * A named shape of a resource: a policy broken or kept, a malformed secret. `ref` is the program variable of the
 * resource it refers to (a binding's organization, a sandbox's production registration).
 */
export interface Form {
  declare(i: number, ref?: string): string;
  /** The program's environment for it, when it differs from the fixture's `prepare`. */
  prepare?(emus: RunningEmulators, i: number): Record<string, string>;
  /** Its secret values, when they differ from the fixture's `secrets`. */
  secrets?(emus: RunningEmulators, i: number): string[];
}

/** What a program needs of a kind to declare it (kinds outside the cross-kind suites, a binding, have only this). */
export type Declarable = Pick<KindFixture, "kind" | "prepare" | "declare" | "prelude" | "forms" | "secrets">;

/** Resource i of a kind in a program, in variant v or a named form. */
export interface ProgramItem {
  fixture: Declarable;
  i: number;
  variant?: number;
  form?: string;
  /** For a form: the resource it refers to. */
  on?: ProgramItem;
}

/** Resource i of a kind, in variant v (1 is an in-place update). */
export interface KindItem extends ProgramItem {
  fixture: KindFixture;
}

/** Code written as is among a declaration's inputs: an environment variable, another resource's output. */
export class Code {
  constructor(readonly js: string) {}
}
export const code = (js: string) => new Code(js);

/** A value as a JS expression: Code as written, the rest as literals. */
export function jsOf(value: unknown): string {
  if (value instanceof Code) return value.js;
  if (Array.isArray(value)) return `[${value.map(jsOf).join(", ")}]`;
  if (value && typeof value === "object") {
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${fields.map(([k, v]) => `${key(k)}: ${jsOf(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** `new <cls>("<name>", <inputs>);` */
export const newResource = (cls: string, name: string, inputs: object) =>
  `new ${cls}(${JSON.stringify(name)}, ${jsOf(inputs)});`;

/**
 * A transform that sets `inputs` of resource `name` again from plain values, so they are no longer secrets:
 * what orgplane's classes cannot prevent, and the policy pack reports.
 */
export const madePlain = (name: string, inputs: object) =>
  `pulumi.runtime.registerResourceTransform((args) => args.name === ${JSON.stringify(name)} ? ` +
  `{ props: { ...args.props, ...${jsOf(inputs)} }, opts: args.opts } : undefined);`;

const DECLARED = /(^|\n)new [\w.]+\("([^"]+)"/;
const varOf = (name: string) => name.replace(/\W/g, "_");

function formOf(x: ProgramItem): Form {
  const form = x.fixture.forms?.[x.form!];
  if (!form) throw new Error(`${x.fixture.kind} has no form "${x.form}"`);
  return form;
}

/** The item's statements: its form, or its variant. */
const statementsOf = (x: ProgramItem) =>
  x.form ? formOf(x).declare(x.i, x.on && resourceVar(x.on)) : x.fixture.declare(x.i, x.variant);

/** The variable that holds the item's resource in a program (resource "reg-1": reg_1), for references to it. */
export function resourceVar(x: ProgramItem): string {
  const declared = DECLARED.exec(statementsOf(x));
  if (!declared) throw new Error(`${x.fixture.kind} ${x.i}: no declaration`);
  return varOf(declared[2]);
}

/** The environment a program of these items needs (credentials each fixture makes in the emulators). */
export const itemsEnv = (emus: RunningEmulators, items: ProgramItem[]): Record<string, string> =>
  Object.assign(
    {},
    ...items.map((x) => (x.form && formOf(x).prepare ? formOf(x).prepare! : x.fixture.prepare)(emus, x.i)),
  );

/** Every secret value the items use (for secret scans). */
export const itemsSecrets = (emus: RunningEmulators, items: ProgramItem[]): string[] =>
  items.flatMap((x) => (x.form && formOf(x).secrets ? formOf(x).secrets! : x.fixture.secrets)(emus, x.i));

/** A JS program declaring the given resources of the given fixtures. */
export function programSource(items: ProgramItem[]): string {
  return [
    `const pulumi = require("@pulumi/pulumi");`,
    `const { sfp, commvault, salesforce, biot, iics } = require("orgplane");`,
    declarations(items),
  ].join("\n");
}

/** The items' statements (and the preludes they rely on), without the requires; each resource in a variable. */
export function declarations(items: ProgramItem[]): string {
  const preludes = [...new Set(items.map((x) => x.fixture.prelude).filter(Boolean))];
  const bound = (x: ProgramItem) =>
    statementsOf(x).replace(
      DECLARED,
      (all, start: string, name: string) => `${start}const ${varOf(name)} = ${all.slice(start.length)}`,
    );
  return [...preludes, ...items.map(bound)].join("\n");
}
