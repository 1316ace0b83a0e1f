import { withProviderPeakRss } from "./memory";
import { itemsEnv, kindFixtures, programSource } from "../test/kinds";
import { expectObjects, mixedItems, noopProgram } from "./programs";
import { StateResource, writeReplayProgram } from "./replay";
import { Bench, settings } from "./setup";
import { BenchStack } from "./stacks";

export type TimedOperation = "up" | "refresh" | "destroy";
export const TIMED: TimedOperation[] = ["up", "refresh", "destroy"];

/** The fewest API calls per resource each operation needs (the targets): create ≤ 2, refresh 1, delete 1. */
export const IDEAL_CALLS: Record<TimedOperation, number> = { up: 2, refresh: 1, destroy: 1 };

/**
 * engine: N no-op dynamic resources (the bound's engine time). replay: a no-op provider that re-creates
 * orgplane's recorded state (same inputs, outputs and secrets): what the engine spends on that state alone.
 */
export type Side = "engine" | "replay" | "orgplane";
export const SIDES: Side[] = ["engine", "orgplane", "replay"];

export interface SizeTimes {
  n: number;
  runs: number;
  /** Wall times in ms per side and operation, one per run. */
  times: Record<Side, Record<TimedOperation, number[]>>;
  /** Peak RSS (bytes) of the provider process per side and operation, largest over the runs, when sampled. */
  peakRss?: Record<Side, Record<TimedOperation, number>>;
  /** CPU ms of the provider processes per side and operation, one per run, when sampled. */
  providerCpu?: Record<Side, Record<TimedOperation, number[]>>;
  /** CPU ms of the bench process (the emulators) per side and operation, one per run, when sampled. */
  emulatorCpu?: Record<Side, Record<TimedOperation, number[]>>;
}

const perOperation = <T>(make: () => T) =>
  Object.fromEntries(TIMED.map((op) => [op, make()])) as Record<TimedOperation, T>;
const perSide = <T>(make: () => T) =>
  Object.fromEntries(SIDES.map((side) => [side, make()])) as Record<Side, T>;

const rotate = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length]);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Times up, refresh and destroy of N mixed-kind resources beside the two no-op baselines, one operation of
 * each side after the other so that all three see the same machine load. Samples provider memory when asked.
 */
export async function timeSize(bench: Bench, n: number, sampleMemory: boolean): Promise<SizeTimes> {
  const stacks: Partial<Record<Side, BenchStack>> = {
    engine: await BenchStack.create(`noop-${n}`, noopProgram(n), {}, bench.work),
    orgplane: await BenchStack.create(`mixed-${n}`, "", bench.emus.env, bench.work),
  };
  const runs = settings.runs[n] ?? 3;
  const result: SizeTimes = { n, runs, times: perSide(() => perOperation(() => [])) };
  const peaks = perSide(() => perOperation(() => 0));
  const providerCpu = perSide(() => perOperation((): number[] => []));
  const emulatorCpu = perSide(() => perOperation((): number[] => []));
  for (let run = 0; run < runs; run++) {
    // New objects every run: some kinds cannot create an object again under a deleted one's key.
    const items = mixedItems(n, kindFixtures);
    stacks.orgplane!.setProgram(programSource(items), itemsEnv(bench.emus, items));
    for (const op of TIMED) {
      // Run 0 keeps SIDES' order (replay needs orgplane's state); later runs rotate it so that no side always
      // follows the same one.
      for (const side of rotate(SIDES, run)) {
        if (side === "replay" && !stacks.replay)
          stacks.replay = await replayStack(bench, n, stacks.orgplane!);
        const stack = stacks[side]!;
        const cpuBefore = process.cpuUsage();
        const {
          result: ms,
          peakBytes,
          cpuMs,
        } = sampleMemory
          ? await withProviderPeakRss(stack.dir, () => stack.timed(op))
          : { result: await stack.timed(op), peakBytes: 0, cpuMs: 0 };
        const benchCpu = process.cpuUsage(cpuBefore);
        result.times[side][op].push(ms);
        peaks[side][op] = Math.max(peaks[side][op], peakBytes);
        providerCpu[side][op].push(cpuMs);
        emulatorCpu[side][op].push((benchCpu.user + benchCpu.system) / 1000);
        if (side === "orgplane") expectObjects(bench.emus, items, op !== "destroy");
      }
      for (const fixture of kindFixtures) fixture.emulator(bench.emus).clearLog();
    }
    const line = TIMED.map((op) => `${op} ${SIDES.map((s) => seconds(result.times[s][op][run])).join("/")}`);
    console.log(`bench: N=${n} run ${run + 1}/${runs} (${SIDES.join("/")}): ${line.join(", ")}`);
  }
  if (sampleMemory) Object.assign(result, { peakRss: peaks, providerCpu, emulatorCpu });
  return result;
}

/** The replay baseline, from the state orgplane's stack has right after its first `up`. */
async function replayStack(bench: Bench, n: number, orgplane: BenchStack): Promise<BenchStack> {
  const stack = await BenchStack.create(`replay-${n}`, "", {}, bench.work);
  stack.setProgram(writeReplayProgram(bench.work, stack.dir, await orgplane.resources<StateResource>()));
  return stack;
}
