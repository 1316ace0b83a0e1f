import type { RunningEmulators } from "../../emulators";
import { httpClock } from "../../provider/core/http";

const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, "").split("?")[0];

/**
 * A request that an emulator holds without a response times out as soon as it is held, not after the timeout in
 * real time: the same outcome (ETIMEDOUT), sooner. The real deadline still bounds every request. Returns how many
 * requests it ended so, and the way back to the real clock.
 */
export function timeOutWhenHeld(emus: RunningEmulators): { ended: () => number; restore: () => void } {
  let ended = 0;
  const realDeadline = httpClock.deadline;
  const inFlight: { method: string; path: string; abort(): void }[] = [];
  httpClock.deadline = (ms, call) => {
    const real = realDeadline(ms, call);
    const controller = new AbortController();
    real.signal.addEventListener("abort", () => controller.abort());
    const entry = { method: call.method, path: pathOf(call.path), abort: () => controller.abort() };
    inFlight.push(entry);
    const clear = () => {
      real.clear();
      if (inFlight.includes(entry)) inFlight.splice(inFlight.indexOf(entry), 1);
    };
    return { signal: controller.signal, clear };
  };
  const emulators = Object.values(emus.byName).map((served) => served.emulator);
  for (const emulator of emulators) {
    emulator.faults.onHold = ({ method, url }) => {
      const held = pathOf(url);
      const call = inFlight.find((c) => c.method === method.toUpperCase() && held.endsWith(c.path));
      if (!call) return;
      ended++;
      setImmediate(call.abort);
    };
  }
  const restore = () => {
    httpClock.deadline = realDeadline;
    for (const emulator of emulators) emulator.faults.onHold = undefined;
  };
  return { ended: () => ended, restore };
}
