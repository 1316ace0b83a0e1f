import type { Emulator, RunningEmulators } from "../../emulators";

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
  /** Paths of this API's login requests, which the benchmark counts; default: bench/calls.ts LOGIN_PATH. */
  loginPath?: RegExp;
}

/** A JS program declaring the given resources of the given fixtures. */
export function programSource(items: { fixture: KindFixture; i: number; variant?: number }[]): string {
  const preludes = [...new Set(items.map((x) => x.fixture.prelude).filter(Boolean))];
  return [
    `const pulumi = require("@pulumi/pulumi");`,
    `const { sfp, commvault, salesforce, biot, iics } = require("orgplane");`,
    ...preludes,
    ...items.map((x) => x.fixture.declare(x.i, x.variant)),
  ].join("\n");
}
