import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { REPO } from "../test/e2e/workspace";
import { kindFixtures } from "../test/kinds";
import { measureKinds } from "./calls";
import { renderResults, RunFacts } from "./report";
import { saveMeasurements, updateReadme } from "./render";
import { BENCH_WORK, setUpBench, settings } from "./setup";
import { SizeTimes, timeSize } from "./walltime";

const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

function commit(): string {
  const dirty = git("status", "--porcelain", "--", ".", ":!bench/results.md") !== "";
  return `commit ${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes" : ""}`;
}

/**
 * npm run bench. A full run writes bench/results.md and the README's Performance section. BENCH_SIZES=10,100
 * limits the sizes for a quick look; such a partial run writes only bench/.work/results.md.
 */
export async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = load();
  // The commit measured is the one checked out when the run starts (it packs orgplane then).
  const measured = commit();
  const partial = process.env.BENCH_SIZES;
  const sizes = partial ? partial.split(",").map(Number) : settings.sizes;
  const bench = await setUpBench();
  const calls = await (async () => {
    try {
      console.log(`bench: API calls per operation for ${kindFixtures.map((f) => f.kind).join(", ")}`);
      const calls = await measureKinds(bench, kindFixtures);
      const times: SizeTimes[] = [];
      for (const n of sizes) times.push(await timeSize(bench, n, n === Math.max(...sizes)));
      return { calls, times };
    } finally {
      await bench.emus.stop();
    }
  })();
  const facts: RunFacts = {
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    commit: measured,
    node: process.version,
    pulumi: execFileSync(path.join(process.env.ORGPLANE_PULUMI_BIN!, "pulumi"), ["version"], {
      encoding: "utf8",
    }).trim(),
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}`,
    loadBefore,
    loadAfter: load(),
    minutes: Math.round((performance.now() - started) / 60_000),
    latencyMs: settings.latencyMs,
    parallel: settings.parallel,
    kinds: kindFixtures.map((f) => f.kind),
  };
  const target = partial ? path.join(BENCH_WORK, "results.md") : path.join(REPO, "bench/results.md");
  saveMeasurements(target, { calls: calls.calls, times: calls.times, facts });
  fs.writeFileSync(target, renderResults(calls.calls, calls.times, facts));
  if (!partial) updateReadme({ calls: calls.calls, times: calls.times, facts });
  console.log(`bench: wrote ${path.relative(REPO, target)}`);
}
