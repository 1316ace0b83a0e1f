import type { RunningEmulators } from "../../emulators";
import { LookupCache, SessionPool } from "../../provider/core";
import type { KindFixture } from "../kinds/types";
import { convergenceProblems, holdsKey } from "./convergence";
import { describeCall, FaultCase, FAULTS, LOGIN_PATH, PlannedCall, planOf, ruleFor, writeOf } from "./faults";
import { inputsOf, providerOf } from "./kinds";
import { MiniEngine } from "./mini-engine";
import { markdownTable } from "./report";

/** A new provider process has no cached session and no cached lookup. */
const startLikeNewProcess = () => {
  SessionPool.clearAll();
  LookupCache.clearAll();
};

export const OPERATIONS = ["create", "update", "refresh", "delete"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** How one faulted run ended: the operation passed anyway, or failed cleanly and the next run converged. */
export type Outcome = "ok" | "re-run" | "re-run with new credentials" | "re-run with adopt" | "failed";

export interface FaultRun {
  call?: string;
  /** The run started without a cached session (faults on the login call). */
  cold?: boolean;
  outcome: Outcome;
  /** Broken invariants (empty when the run converged). */
  problems: string[];
}

export interface MatrixCell {
  kind: string;
  operation: Operation;
  fault: string;
  /** The operation's API calls, each faulted in turn by "each call" faults. */
  calls: string[];
  runs: FaultRun[];
}

type Plan = { cold: PlannedCall[]; recurring: PlannedCall[]; login: PlannedCall[] };
const plans = new WeakMap<RunningEmulators, Map<string, Promise<Plan>>>();

const isAuthFailure = (e: unknown) => /HTTP 40[13]\b/.test(String((e as Error)?.message));
/** A create whose reply was lost found an object under its key, and left it to the user (core createOwned). */
const isLostCreate = (e: unknown) =>
  /Whether this create reached the server is unknown/.test(String((e as Error)?.message));

/**
 * The fault matrix for one kind, through its provider methods: each operation under each fault, on each of its
 * API calls in turn, then the convergence checks.
 */
export class KindMatrix {
  /** Resource numbers are never reused, so a leftover of one run cannot pass for another's. */
  private static nextIndex = 1000;
  readonly engine: MiniEngine;
  /** Resources the user has told to adopt (after a lost create reply, as its error says). */
  private readonly adopting = new Set<number>();

  constructor(
    readonly fixture: KindFixture,
    private readonly emus: RunningEmulators,
  ) {
    this.engine = new MiniEngine(providerOf(fixture), (i, variant) => ({
      ...inputsOf(fixture, emus, i, variant),
      ...(this.adopting.has(i) ? { adopt: true } : {}),
    }));
  }

  private get emulator() {
    return this.fixture.emulator(this.emus);
  }

  private perform(operation: Operation, i: number): Promise<void> {
    if (operation === "create") return this.engine.up(i, 0);
    if (operation === "update") return this.engine.up(i, 1);
    if (operation === "refresh") return this.engine.refresh(i);
    return this.engine.destroy(i);
  }

  /** A fresh resource, existing already unless the operation is create. */
  private async arrange(operation: Operation): Promise<number> {
    const i = KindMatrix.nextIndex++;
    Object.assign(process.env, this.fixture.prepare(this.emus, i));
    if (operation !== "create") await this.engine.up(i, 0);
    return i;
  }

  /** The API calls the operation makes when nothing goes wrong, starting with or without cached sessions. */
  private async profile(operation: Operation, cold: boolean): Promise<PlannedCall[]> {
    const i = await this.arrange(operation);
    if (cold) startLikeNewProcess();
    this.emulator.clearLog();
    await this.perform(operation, i);
    const plan = planOf(this.emulator.log);
    await this.engine.destroy(i);
    return plan;
  }

  /**
   * The API calls the operation makes when nothing goes wrong. Sessions are reused per process, so a run with
   * sessions cached (after a warm-up) makes the calls that recur; the calls only a run without a cached session
   * makes (the login) are faulted in runs that start without one.
   */
  plan(operation: Operation): Promise<Plan> {
    // The same on every run against these emulators: made once per kind and operation.
    const known = plans.get(this.emus) ?? new Map<string, Promise<Plan>>();
    plans.set(this.emus, known);
    const key = `${this.fixture.kind} ${operation}`;
    if (!known.has(key)) known.set(key, this.measurePlan(operation));
    return known.get(key)!;
  }

  private async measurePlan(operation: Operation): Promise<Plan> {
    const cold = await this.profile(operation, true);
    const recurring = await this.profile(operation, false);
    const recurs = (c: PlannedCall) => recurring.some((r) => r.method === c.method && r.path === c.path);
    return { cold, recurring, login: cold.filter((c) => !recurs(c)) };
  }

  async run(operation: Operation, fault: FaultCase, call?: PlannedCall, cold = false): Promise<FaultRun> {
    const i = await this.arrange(operation);
    if (cold) startLikeNewProcess();
    const variant = operation === "update" ? 1 : 0;
    const rule = this.emulator.faults.add(ruleFor(fault, call));
    const errors: unknown[] = [];
    let outcome: Outcome = "ok";
    const logFrom = this.emulator.log.length;
    try {
      await this.perform(operation, i);
    } catch (e) {
      errors.push(e);
    } finally {
      this.emulator.faults.clear();
    }
    const logins = this.emulator.log
      .slice(logFrom)
      .filter((e) => (this.fixture.loginPath ?? LOGIN_PATH).test(e.path)).length;
    if (errors.length > 0) {
      outcome = "re-run";
      if (this.fixture.renewCredentials && isAuthFailure(errors[0])) {
        Object.assign(process.env, this.fixture.renewCredentials(this.emus));
        outcome = "re-run with new credentials";
      }
      if (operation === "create" && isLostCreate(errors[0])) {
        this.adopting.add(i);
        outcome = "re-run with adopt";
      }
      const again = await this.perform(operation, i).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (again) [outcome, errors[1]] = ["failed", again];
    }
    const problems = rule.fired === 0 ? ["the fault never fired"] : [];
    // "401, then one re-login": a session that expires mid-run costs exactly one login, then the run goes on.
    if (fault.rule.expireSessions && !cold && outcome === "ok" && logins !== 1)
      problems.push(`${logins} logins after the session expired (one expected)`);
    if (errors[1]) problems.push(`did not converge: ${(errors[1] as Error).message}`);
    problems.push(...(await this.verify(operation, i, variant)));
    problems.push(...this.leakedSecrets(errors, i));
    await this.engine.destroy(i).catch(() => undefined);
    return {
      call: call && describeCall(call) + (cold ? " (no cached session)" : ""),
      cold,
      outcome,
      problems,
    };
  }

  /** After a final refresh: no duplicate, no orphan, and the state matches both the API and the program. */
  private async verify(operation: Operation, i: number, variant: number): Promise<string[]> {
    const problems: string[] = [];
    await this.engine.refresh(i).catch((e) => problems.push(`final refresh failed: ${e.message}`));
    const key = this.fixture.naturalKey(i);
    const entry = this.engine.state.get(i);
    if (entry && !holdsKey(entry.outs, key))
      problems.push(`the state of ${key} does not hold its natural key`);
    const stateKeys = entry ? [key] : [];
    problems.push(...convergenceProblems([key], this.fixture.objects(this.emus), stateKeys));
    if (operation === "delete" && entry) problems.push("still in state after delete");
    if (operation !== "delete" && !entry) problems.push("missing from state");
    if (entry && !(await this.engine.inSync(i, variant))) problems.push("state differs from the program");
    return problems;
  }

  private leakedSecrets(errors: unknown[], i: number): string[] {
    const secrets = this.fixture.secrets(this.emus, i);
    return errors
      .map((e) => String((e as Error)?.message ?? e))
      .filter((message) => secrets.some((s) => message.includes(s)))
      .map((message) => `an error message carries a secret: ${message.slice(0, 80)}...`);
  }

  /**
   * A create whose natural key another owner holds already, under one fault: it must be refused on the faulted
   * run and on the clean re-run, keep nothing in state, and leave the other owner's object as it was.
   */
  async otherOwnerRun(fault: FaultCase, call?: PlannedCall): Promise<FaultRun> {
    const i = KindMatrix.nextIndex++;
    Object.assign(process.env, this.fixture.prepare(this.emus, i));
    const other = new MiniEngine(providerOf(this.fixture), (n, v) => inputsOf(this.fixture, this.emus, n, v));
    await other.up(i, 1);
    const theirs = async () => {
      await other.refresh(i);
      return JSON.stringify(other.state.get(i));
    };
    const before = await theirs();
    const rule = this.emulator.faults.add(ruleFor(fault, call));
    const first = await this.perform("create", i).then(
      () => undefined,
      (e: unknown) => e,
    );
    this.emulator.faults.clear();
    const again = await this.perform("create", i).then(
      () => undefined,
      (e: unknown) => e,
    );
    const problems: string[] = [];
    for (const [run, error] of [
      ["faulted", first],
      ["clean", again],
    ] as const) {
      if (!error) problems.push(`the ${run} run took over another owner's object`);
      else if (!/does not own it/.test(String((error as Error).message)) && run === "clean")
        problems.push(`the ${run} run failed without naming the owner: ${(error as Error).message}`);
    }
    if (this.engine.state.has(i)) problems.push("another owner's object is in this state");
    if ((await theirs()) !== before) problems.push("another owner's object changed");
    const key = this.fixture.naturalKey(i);
    const held = this.fixture.objects(this.emus).filter((k) => k.toLowerCase() === key.toLowerCase());
    if (held.length !== 1) problems.push(`${held.length} objects hold ${key}`);
    problems.push(...this.leakedSecrets([first, again], i));
    await other.destroy(i).catch(() => undefined);
    this.engine.state.delete(i);
    const fired = rule.fired > 0 ? "" : " (never reached)";
    return { call: call && describeCall(call) + fired, outcome: "failed", problems };
  }

  /**
   * Another owner takes the key while this create's write is held (`whileHeld`, test/reliability/held.ts), then
   * the write times out: the object found is not this write's, so the create must be refused as above.
   */
  async racedOwnerCell(whileHeld: (action: () => Promise<void>) => void): Promise<MatrixCell> {
    const { recurring } = await this.plan("create");
    const write = writeOf(recurring);
    const i = KindMatrix.nextIndex++;
    Object.assign(process.env, this.fixture.prepare(this.emus, i));
    const other = new MiniEngine(providerOf(this.fixture), (n, v) => inputsOf(this.fixture, this.emus, n, v));
    let before = "";
    whileHeld(async () => {
      await other.up(i, 1);
      await other.refresh(i);
      before = JSON.stringify(other.state.get(i));
    });
    const rule = this.emulator.faults.add({ hang: true, ...write, times: 1 });
    const error = await this.perform("create", i).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    this.emulator.faults.clear();
    const problems: string[] = [];
    if (rule.fired === 0 || !before) problems.push("the write was never held");
    if (!error) problems.push("took over the object another owner made meanwhile");
    else if (!/does not own it/.test(error.message)) problems.push(`failed otherwise: ${error.message}`);
    if (this.engine.state.has(i)) problems.push("another owner's object is in this state");
    await other.refresh(i);
    if (JSON.stringify(other.state.get(i)) !== before) problems.push("another owner's object changed");
    problems.push(...this.leakedSecrets([error], i));
    await other.destroy(i).catch(() => undefined);
    this.engine.state.delete(i);
    const runs = [{ call: describeCall(write), outcome: "failed" as const, problems }];
    const fault = "another owner takes the key while the write hangs";
    return { kind: this.fixture.kind, operation: "create", fault, calls: [describeCall(write)], runs };
  }

  /** The create of a key another owner holds, under each ambiguous fault on each of its calls. */
  async otherOwnerCells(faults: FaultCase[]): Promise<MatrixCell[]> {
    const { recurring } = await this.plan("create");
    const cells: MatrixCell[] = [];
    for (const fault of faults) {
      const runs: FaultRun[] = [];
      for (const call of recurring) runs.push(await this.otherOwnerRun(fault, call));
      const calls = recurring.map(describeCall);
      cells.push({ kind: this.fixture.kind, operation: "create", fault: fault.name, calls, runs });
    }
    return cells;
  }

  /** Every fault of the matrix against one operation. */
  async cells(operation: Operation, faults: FaultCase[] = FAULTS): Promise<MatrixCell[]> {
    const { recurring, login } = await this.plan(operation);
    const described = [
      ...recurring.map(describeCall),
      ...login.map((c) => `${describeCall(c)} (no cached session)`),
    ];
    const cells: MatrixCell[] = [];
    for (const fault of faults) {
      // An operation without API calls (an update of local fields only) has nothing to fault.
      const runs: FaultRun[] = [];
      if (recurring.length + login.length > 0 && fault.scope === "every call") {
        runs.push(await this.run(operation, fault));
      } else if (fault.scope === "each call") {
        for (const call of recurring) runs.push(await this.run(operation, fault, call));
        for (const call of login) runs.push(await this.run(operation, fault, call, true));
      }
      cells.push({
        kind: this.fixture.kind,
        operation,
        fault: fault.name,
        calls: described,
        runs,
      });
    }
    return cells;
  }
}

export const converged = (run: FaultRun) => run.outcome !== "failed" && run.problems.length === 0;

function cellText(runs: FaultRun[]): string {
  if (runs.length === 0) return "n/a (no API call)";
  const good = runs.filter(converged).length;
  const count = (outcome: Outcome) => runs.filter((r) => r.outcome === outcome).length;
  const notes = [
    count("re-run") && `${count("re-run")} re-run`,
    count("re-run with new credentials") && `${count("re-run with new credentials")} new credentials`,
    count("re-run with adopt") && `${count("re-run with adopt")} adopt`,
  ].filter(Boolean);
  return `${good === runs.length ? "✓" : "✗"} ${good}/${runs.length}${notes.length ? ` (${notes.join(", ")})` : ""}`;
}

/** Rows kind × fault: how creates over another owner's object ended (every run must be refused). */
export function otherOwnerTable(cells: MatrixCell[]): string {
  const text = (runs: FaultRun[]) => {
    const good = runs.filter((r) => r.problems.length === 0).length;
    return `${good === runs.length ? "✓" : "✗"} refused ${good}/${runs.length}`;
  };
  return markdownTable(
    ["kind", "fault", "create over another owner's object"],
    cells.map((c) => [c.kind, c.fault, text(c.runs)]),
  );
}

/** Rows kind × fault, a column per operation. */
export function matrixTable(cells: MatrixCell[]): string {
  const rows = new Map<string, string[]>();
  for (const cell of cells) {
    const key = `${cell.kind}\u0000${cell.fault}`;
    const row = rows.get(key) ?? [cell.kind, cell.fault, ...OPERATIONS.map(() => "")];
    row[2 + OPERATIONS.indexOf(cell.operation)] = cellText(cell.runs);
    rows.set(key, row);
  }
  return markdownTable(["kind", "fault", ...OPERATIONS], [...rows.values()]);
}

/** The API calls of each operation per kind: what "n/m" counts. */
export function callsTable(cells: MatrixCell[]): string {
  const rows = new Map<string, string[]>();
  for (const cell of cells) {
    const row = rows.get(cell.kind) ?? [cell.kind, ...OPERATIONS.map(() => "")];
    row[1 + OPERATIONS.indexOf(cell.operation)] = cell.calls.join("<br>") || "none";
    rows.set(cell.kind, row);
  }
  return markdownTable(["kind", ...OPERATIONS], [...rows.values()]);
}

export const matrixSize = (cells: MatrixCell[]) => ({
  cells: cells.length,
  runs: cells.reduce((n, c) => n + c.runs.length, 0),
  converged: cells.reduce((n, c) => n + c.runs.filter(converged).length, 0),
});
