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

/** Resource i of a kind, in variant v (1 is an in-place update). */
export interface KindItem {
  fixture: KindFixture;
  i: number;
  variant?: number;
}

/** The environment a program of these items needs (credentials each fixture makes in the emulators). */
export const itemsEnv = (emus: RunningEmulators, items: KindItem[]): Record<string, string> =>
  Object.assign({}, ...items.map((x) => x.fixture.prepare(emus, x.i)));

/** A JS program declaring the given resources of the given fixtures. */
export function programSource(items: KindItem[]): string {
  return [
    `const pulumi = require("@pulumi/pulumi");`,
    `const { sfp, commvault, salesforce, biot, iics } = require("orgplane");`,
    declarations(items),
  ].join("\n");
}

/** The items' statements (and the preludes they rely on), without the requires. */
export function declarations(items: KindItem[]): string {
  const preludes = [...new Set(items.map((x) => x.fixture.prelude).filter(Boolean))];
  return [...preludes, ...items.map((x) => x.fixture.declare(x.i, x.variant))].join("\n");
}
