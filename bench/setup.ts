import * as path from "node:path";
import { RunningEmulators, startEmulators } from "../emulators";
import type { Emulator } from "../emulators";
import { installPackedOrgplane, pulumiBin, REPO } from "../test/e2e/workspace";
import { KindFixture, kindFixtures } from "../test/kinds";

/** Everything the benchmark fixes up front. */
export const settings = {
  latencyMs: 20,
  parallel: 16,
  sizes: [10, 100, 300],
  /** Resources per kind in the per-operation call counts. */
  callSample: 10,
  /** Timed runs per size (median reported); more for small N where runs are short. */
  runs: { 10: 5, 100: 3, 300: 3 } as Record<number, number>,
  /** Wall time at the largest N, as a multiple of the bound, that meets the target. */
  wallTimeTarget: 1.25,
};

export const BENCH_WORK = path.join(REPO, "bench/.work");

/** The emulators that serve a kind: each of their requests waits the injected latency. */
export function kindEmulators(emus: RunningEmulators, fixtures: KindFixture[] = kindFixtures): Emulator[] {
  return [...new Set(fixtures.map((f) => f.emulator(emus)))];
}

export interface Bench {
  emus: RunningEmulators;
  work: string;
}

/**
 * Installs orgplane into bench/.work from its packed tarball (as the e2e suite does), makes sure the Pulumi CLI
 * is there, and starts the emulators in this process with a fixed latency on every request to a kind's API.
 */
export async function setUpBench(): Promise<Bench> {
  process.env.ORGPLANE_PULUMI_BIN = pulumiBin();
  installPackedOrgplane(BENCH_WORK);
  const emus = await startEmulators();
  for (const emulator of kindEmulators(emus)) emulator.faults.add({ latencyMs: settings.latencyMs });
  return { emus, work: BENCH_WORK };
}
