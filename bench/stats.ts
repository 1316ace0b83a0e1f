/** Pure helpers of the benchmark: medians, the bound, ratios. No I/O here (unit-tested). */

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The least API time N resources can take: every call waits `latencyMs`, `parallel` at a time. */
export function idealApiMs(n: number, callsPerResource: number, latencyMs: number, parallel: number): number {
  return (n * callsPerResource * latencyMs) / parallel;
}

/** The bound for an operation: the engine's own time for N no-op resources plus the ideal API time. */
export function boundMs(
  engineMs: number,
  n: number,
  callsPerResource: number,
  latencyMs: number,
  parallel: number,
): number {
  return engineMs + idealApiMs(n, callsPerResource, latencyMs, parallel);
}

/** `1.07×` */
export const formatRatio = (r: number) => `${r.toFixed(2)}×`;

/** Calls per resource with at most two decimals: `3`, `0.5`, `1.33`. */
export const formatCount = (n: number) => String(Math.round(n * 100) / 100);

export const formatBytes = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;

export const formatMiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
