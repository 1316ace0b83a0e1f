import type { RunningEmulators } from "../../emulators";
import { httpClock } from "../../provider/core/http";

const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, "").split("?")[0];

/**
 * A request that an emulator holds without a response times out as soon as it is held, not after the timeout in
 * real time: the same outcome (ETIMEDOUT), sooner. The real deadline still bounds every request. Returns how many
 * requests it ended so, `whileNextHeld` (what happens, awaited, while the next held request waits: another owner
 * takes its key) and the way back to the real clock.
 */
export function timeOutWhenHeld(emus: RunningEmulators): {
  ended: () => number;
  whileNextHeld: (action: () => Promise<void>) => void;
  restore: () => void;
} {
  let ended = 0;
  let duringHold: (() => Promise<void>) | undefined;
  const realDeadline = httpClock.deadline;
  const inFlight: { method: string; path: string; abort(): void; busy: boolean }[] = [];
  httpClock.deadline = (ms, call) => {
    const real = realDeadline(ms, call);
    const controller = new AbortController();
    const entry = {
      method: call.method,
      path: pathOf(call.path),
      abort: () => controller.abort(),
      /** An action runs while it is held: only its end ends the request. */
      busy: false,
    };
    real.signal.addEventListener("abort", () => entry.busy || controller.abort());
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
      const action = duringHold;
      duringHold = undefined;
      if (!action) return void setImmediate(call.abort);
      call.busy = true;
      void action().finally(call.abort);
    };
  }
  const restore = () => {
    httpClock.deadline = realDeadline;
    for (const emulator of emulators) emulator.faults.onHold = undefined;
  };
  return { ended: () => ended, whileNextHeld: (action) => void (duringHold = action), restore };
}
