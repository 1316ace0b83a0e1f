import * as fs from "node:fs";

/** The dynamic provider host's script (run by pulumi-resource-pulumi-nodejs). */
const PROVIDER_SCRIPT = "cmd/dynamic-provider";

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** true/false, or undefined while the process may still become one (a pulumi wrapper about to exec node). */
function isProviderOf(pid: string, programDir: string): boolean | undefined {
  const cmdline = read(`/proc/${pid}/cmdline`) ?? "";
  if (!cmdline.includes(PROVIDER_SCRIPT)) return cmdline.includes("pulumi") ? undefined : false;
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`) === programDir;
  } catch {
    return false;
  }
}

/** The process's peak resident set (VmHWM), in bytes. */
function peakRss(pid: number): number | undefined {
  const match = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) * 1024 : undefined;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** The CPU time (user + system) the process has used so far, in milliseconds. */
function cpuMs(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (!fields) return undefined;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Samples the peak RSS and CPU time of the provider processes of one program while `run` goes on. The kernel
 * keeps each process's high-water mark, so a sample shortly before it exits sees its peak; the CPU time of
 * the last sample misses at most one interval.
 */
export async function withProviderPeakRss<T>(
  programDir: string,
  run: () => Promise<T>,
  everyMs = 100,
): Promise<{ result: T; peakBytes: number; processes: number; cpuMs: number }> {
  const peaks = new Map<number, number>();
  const cpu = new Map<number, number>();
  const judged = new Map<string, boolean | undefined>();
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      if (judged.get(pid) === undefined) judged.set(pid, isProviderOf(pid, programDir));
      const rss = judged.get(pid) ? peakRss(Number(pid)) : undefined;
      if (rss !== undefined) peaks.set(Number(pid), Math.max(peaks.get(Number(pid)) ?? 0, rss));
      const used = judged.get(pid) ? cpuMs(Number(pid)) : undefined;
      if (used !== undefined) cpu.set(Number(pid), Math.max(cpu.get(Number(pid)) ?? 0, used));
    }
  };
  const timer = setInterval(sample, everyMs);
  try {
    const result = await run();
    const cpuMs = [...cpu.values()].reduce((a, b) => a + b, 0);
    return { result, peakBytes: Math.max(0, ...peaks.values()), processes: peaks.size, cpuMs };
  } finally {
    clearInterval(timer);
  }
}
