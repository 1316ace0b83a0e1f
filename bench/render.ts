import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../test/e2e/workspace";
import { kindFixtures } from "../test/kinds";
import type { KindCalls } from "./calls";
import { renderResults, RunFacts } from "./report";
import { BENCH_WORK } from "./setup";
import type { SizeTimes } from "./walltime";

export interface Measurements {
  calls: KindCalls[];
  times: SizeTimes[];
  facts: RunFacts;
}

const RAW = path.join(BENCH_WORK, "measurements.json");

/** Keeps a run's raw figures (fixtures by kind name) so that the report can be written again without a rerun. */
export function saveMeasurements(target: string, m: Measurements): void {
  const calls = m.calls.map((c) => ({ ...c, fixture: c.fixture.kind }));
  fs.mkdirSync(BENCH_WORK, { recursive: true });
  fs.writeFileSync(RAW, JSON.stringify({ target, ...m, calls }, null, 1));
}

/** `node bench/load-ts.js bench/render.ts`: rewrites the last run's results file from its raw figures. */
export async function main(): Promise<void> {
  const raw = JSON.parse(fs.readFileSync(RAW, "utf8"));
  const calls = raw.calls.map((c: { fixture: string }) => ({
    ...c,
    fixture: kindFixtures.find((f) => f.kind === c.fixture),
  }));
  fs.writeFileSync(raw.target, renderResults(calls, raw.times, raw.facts));
  console.log(`bench: rewrote ${path.relative(REPO, raw.target)} from ${path.relative(REPO, RAW)}`);
}
