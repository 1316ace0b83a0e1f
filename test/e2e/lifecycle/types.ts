import type { DestroyResult, PreviewResult, RefreshResult, UpResult } from "@pulumi/pulumi/automation";
import type { RunningEmulators } from "../../../emulators";
import type { KindItem, ProgramItem } from "../../kinds";
import type { ProgramRuntime, ProgramStack } from "../stack";

/** What a kind-specific block works with: the kind's emulators, its stack, and the fixture items in it. */
export interface LifecycleContext {
  emus: RunningEmulators;
  ps: ProgramStack;
  items: KindItem[];
  /** Sets stack config; strings as they are, anything else as JSON. */
  config(values: Record<string, unknown>): Promise<void>;
  /** Rewrites the program: the fixture items in `variant`, then the block's own declarations. */
  setProgram(variant: number): void;
}

/** Resource changes a step expects from the block's own resources (the fixture items add theirs). */
export type Changes = Partial<Record<"create" | "update" | "replace" | "delete" | "same", number>>;

/** A step of the block's own: one or more CLI runs with their assertions. */
export interface ExtraStep {
  name: string;
  run(ctx: LifecycleContext): Promise<void>;
}

/**
 * The kind-specific part of one backend's lifecycle (test/e2e/lifecycle.test.ts): a program of its own beside
 * the fixture items of test/kinds, and assertions at each step that only this backend has.
 */
export interface KindLifecycle {
  backend: string;
  /** Emulators to start (default: all). */
  emulators?: string[];
  runtime?: ProgramRuntime;
  /**
   * The block's resources, after the fixture items: forms of test/kinds fixtures, which read stack config
   * through `cfg`. `variant` is the program's: 0, then 1 from the update on.
   */
  declares(variant: number): ProgramItem[];
  /** Stack outputs: each an expression over the resources' variables (resource "sf-backup" is sf_backup). */
  outputs: Record<string, string>;
  /** The program's imports when `runtime.typescript` (default: the requires of a JS program). */
  prelude?: string;
  /** Environment and config the scenario needs beyond what its fixtures prepare. */
  prepare(emus: RunningEmulators): { env?: Record<string, string>; config?: Record<string, unknown> };
  /** Secrets beyond the fixtures' own (their Base64 forms, credentials the scenario made). */
  secrets(emus: RunningEmulators): string[];
  /** The block's resources (the stack itself not counted). */
  resources: number;
  created(ctx: LifecycleContext, up: UpResult): Promise<void> | void;
  /** Config for the update step (the fixture items move to variant 1 in the same run), and its checks. */
  update: {
    config: Record<string, unknown>;
    changes: Changes;
    check(ctx: LifecycleContext, up: UpResult): Promise<void> | void;
  };
  /** Steps after the update: replaces, refusals, out-of-band changes. */
  steps: ExtraStep[];
  /** Before destroy (objects to hand over, an object already gone), and what destroy must have done. */
  destroy: {
    before?(ctx: LifecycleContext): Promise<void> | void;
    changes: Changes;
    check(ctx: LifecycleContext, destroy: DestroyResult): Promise<void> | void;
  };
  /**
   * Secret checks beyond "none of `secrets` in plaintext" (ciphertext present, no token, no session id seen
   * during the run), on the stack's state files and its CLI output.
   */
  checkSecrets?(ctx: LifecycleContext, state: string, output: string): void;
}

export type { DestroyResult, PreviewResult, RefreshResult, UpResult };
