import * as fs from "node:fs";
import * as path from "node:path";
import { kindFixtures } from "../test/kinds";
import { itemsEnv, programSource } from "../test/kinds";
import { mixedItems } from "./programs";
import { setUpBench } from "./setup";
import { BenchStack, Operation } from "./stacks";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per script (package or orgplane file), largest first: where a provider process spends its CPU. */
function selfTimeByScript(profile: CpuProfile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const url = byId.get(id)?.callFrame.url || `(${byId.get(id)?.callFrame.functionName || "native"})`;
    const key = url.replace(/^.*node_modules\//, "").replace(/^file:\/\//, "");
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/**
 * `node bench/load-ts.js bench/profile.ts` (BENCH_PROFILE_N, default 300): one stack of N mixed resources,
 * up / refresh / destroy with every node process profiled (cpu-profile-preload.js); prints the provider process's CPU by script.
 */
export async function main(): Promise<void> {
  const n = Number(process.env.BENCH_PROFILE_N ?? 300);
  const bench = await setUpBench();
  try {
    const items = mixedItems(n, kindFixtures);
    const dir = path.join(bench.work, "profiles");
    const stack = await BenchStack.create(
      `profile-${n}`,
      programSource(items),
      {
        ...bench.emus.env,
        ...itemsEnv(bench.emus, items),
      },
      bench.work,
    );
    for (const op of ["up", "refresh", "destroy"] as Operation[]) {
      const opDir = path.join(dir, op);
      fs.rmSync(opDir, { recursive: true, force: true });
      const preload = path.join(__dirname, "cpu-profile-preload.js");
      stack.setProgram(programSource(items), {
        NODE_OPTIONS: `--require ${preload}`,
        ORGPLANE_PROFILE_DIR: opDir,
      });
      const cpuBefore = process.cpuUsage();
      const ms = await stack.timed(op);
      const cpu = process.cpuUsage(cpuBefore);
      const emulatorMs = (cpu.user + cpu.system) / 1000;
      const profiles = fs
        .readdirSync(opDir)
        .map((f) => JSON.parse(fs.readFileSync(path.join(opDir, f), "utf8")));
      const provider = profiles.find((p: CpuProfile) =>
        p.nodes.some((node) => node.callFrame.url.includes("cmd/dynamic-provider")),
      ) as CpuProfile | undefined;
      console.log(
        `\n${op}: ${(ms / 1000).toFixed(1)} s; the emulators (this process) used ${emulatorMs.toFixed(0)} ms CPU; ` +
          `${profiles.length} node processes profiled`,
      );
      if (!provider) continue;
      const top = selfTimeByScript(provider).slice(0, 15);
      for (const [script, msSelf] of top) console.log(`  ${msSelf.toFixed(0).padStart(6)} ms  ${script}`);
    }
  } finally {
    await bench.emus.stop();
  }
}
