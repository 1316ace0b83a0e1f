import * as fs from "node:fs";
import * as path from "node:path";
import { FieldUse } from "./contract";

/** One endpoint a client used, with the fields it sent and got, for the contract coverage report. */
export interface Observation {
  backend: string;
  method: string;
  /** The contract's path template, or the emulator's route when no contract has it. */
  template: string;
  document?: string;
  apart?: boolean;
  sourced: boolean;
  request: FieldUse[];
  response: FieldUse[];
}

const seen = new Set<string>();

/**
 * Appends an observation to `$ORGPLANE_CONTRACT_OBSERVATIONS/<pid>.jsonl` when that directory is set
 * (scripts/test sets it for the suites that drive orgplane); each distinct one once per process.
 */
export function observe(observation: Observation): void {
  const dir = process.env.ORGPLANE_CONTRACT_OBSERVATIONS;
  if (!dir) return;
  const line = JSON.stringify(observation);
  if (seen.has(line)) return;
  seen.add(line);
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, `${process.pid}.jsonl`), line + "\n");
}
