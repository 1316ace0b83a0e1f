import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../test/e2e/workspace";
import { kindFixtures } from "../test/kinds";
import type { KindCalls } from "./calls";
import { readmeExcerpt, renderResults, RunFacts } from "./report";
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

const README = path.join(REPO, "README.md");
const MARKS = ["<!-- bench:start -->", "<!-- bench:end -->"];

/** Puts the run's figures into the README's Performance section, between its bench markers. */
export function updateReadme(m: Measurements): void {
  const text = fs.readFileSync(README, "utf8");
  const [start, end] = MARKS.map((mark) => text.indexOf(mark));
  if (start < 0 || end < start) throw new Error(`README.md has no ${MARKS.join(" … ")} block`);
  const block = [MARKS[0], ...readmeExcerpt(m.calls, m.times, m.facts), MARKS[1]].join("\n");
  fs.writeFileSync(README, text.slice(0, start) + block + text.slice(end + MARKS[1].length));
}

/** `node bench/load-ts.js bench/render.ts`: rewrites the last run's results file from its raw figures. */
export async function main(): Promise<void> {
  const raw = JSON.parse(fs.readFileSync(RAW, "utf8"));
  const calls = raw.calls.map((c: { fixture: string }) => ({
    ...c,
    fixture: kindFixtures.find((f) => f.kind === c.fixture),
  }));
  fs.writeFileSync(raw.target, renderResults(calls, raw.times, raw.facts));
  if (raw.target === path.join(REPO, "bench/results.md"))
    updateReadme({ calls, times: raw.times, facts: raw.facts });
  console.log(`bench: rewrote ${path.relative(REPO, raw.target)} from ${path.relative(REPO, RAW)}`);
}
