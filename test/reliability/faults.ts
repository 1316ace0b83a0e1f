import type { FaultRule, RequestLogEntry } from "../../emulators";

/** One fault of the matrix: injected on each API call of an operation in turn, or on every call. */
export interface FaultCase {
  name: string;
  scope: "each call" | "every call";
  rule: FaultRule;
}

export const FAULTS: FaultCase[] = [
  { name: "latency 50 ms", scope: "every call", rule: { latencyMs: 50 } },
  { name: "HTTP 500", scope: "each call", rule: { status: 500, message: "injected fault" } },
  { name: "HTTP 502", scope: "each call", rule: { status: 502, message: "injected fault" } },
  { name: "HTTP 503", scope: "each call", rule: { status: 503, message: "injected fault" } },
  { name: "HTTP 503 outage", scope: "every call", rule: { status: 503, message: "injected outage" } },
  { name: "429 + Retry-After 1", scope: "each call", rule: { status: 429, retryAfter: 1 } },
  { name: "connection reset", scope: "each call", rule: { reset: true } },
  { name: "no response (timeout)", scope: "each call", rule: { hang: true } },
  { name: "commit then drop", scope: "each call", rule: { commitThenDrop: true } },
  { name: "session expiry", scope: "each call", rule: { expireSessions: true } },
];

/** Login endpoints of the APIs orgplane speaks, unless a fixture names its own (`loginPath`). */
export const LOGIN_PATH = /(\/login|\/oauth2\/token|\/Soap\/u\/[\d.]+|\/services\/accessToken)$/i;

/** The call of a create that writes: neither a read (GET, Salesforce's query batch) nor a login. */
export const writeOf = (plan: PlannedCall[]) =>
  plan.find(
    (c) =>
      c.method !== "GET" &&
      !LOGIN_PATH.test(c.path.replace(/\$$/, "")) &&
      !/composite\\?\/batch/.test(c.path),
  )!;

/** One API call of an operation: the Nth request with this method and path pattern. */
export interface PlannedCall {
  method: string;
  path: string;
  nth: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const idLike = (segment: string) =>
  /^\d+$/.test(segment) ||
  (/\d/.test(segment) && segment.length >= 8) ||
  // IICS-style ids: long, letters of both cases, no digit
  (/^[A-Za-z0-9]{16,}$/.test(segment) && /[a-z]/.test(segment) && /[A-Z]/.test(segment));

/** A path as a regular expression in which ids (numbers, uuids, record ids) match any id. */
export const pathPattern = (path: string) =>
  `^${path
    .split("/")
    .map((s) => (idLike(s) ? "[^/]+" : escape(s)))
    .join("/")}$`;

/** The calls an operation made, as rules can target them. */
export function planOf(log: RequestLogEntry[]): PlannedCall[] {
  const seen = new Map<string, number>();
  return log.map((entry) => {
    const path = pathPattern(entry.path);
    const key = `${entry.method} ${path}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return { method: entry.method, path, nth: seen.get(key)! };
  });
}

export const describeCall = (call: PlannedCall) =>
  `${call.method} ${call.path.replace(/^\^|\$$/g, "").replace(/\\/g, "")} #${call.nth}`;

/** The rule for a fault on one planned call (or on every call when none is given). */
export const ruleFor = (fault: FaultCase, call?: PlannedCall): FaultRule =>
  call ? { ...fault.rule, method: call.method, path: call.path, nth: call.nth } : { ...fault.rule };
