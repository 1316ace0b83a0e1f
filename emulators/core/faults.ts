import { FastifyRequest } from "fastify";

/**
 * A fault to inject on matching requests. Select by method and a path regular expression; fire on every call,
 * at a rate (0..1), or on the Nth matching call; `times` limits how often it fires.
 */
export interface FaultRule {
  id?: number;
  method?: string;
  path?: string;
  rate?: number;
  nth?: number;
  times?: number;
  latencyMs?: number;
  status?: number;
  message?: string;
  retryAfter?: number;
  /** Close the connection without a response. */
  reset?: boolean;
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
  /** Apply the change, then drop the connection before the client reads the response. */
  commitThenDrop?: boolean;
  /** Apply the change, then hold the response until the faults are cleared (a client killed mid-call). */
  commitThenHang?: boolean;
  /** Invalidate every session before handling the request. */
  expireSessions?: boolean;
}

interface ActiveRule extends FaultRule {
  id: number;
  seen: number;
  fired: number;
}

/** Whether a rule decides the request's fate (the others only delay it or expire sessions first). */
export const isTerminal = (rule: FaultRule) =>
  Boolean(rule.status || rule.reset || rule.hang || rule.commitThenDrop || rule.commitThenHang);

/** Why a rule cannot be used, or undefined when it is fine. */
export function ruleProblem(rule: unknown): string | undefined {
  if (!rule || typeof rule !== "object" || Array.isArray(rule)) return "a fault rule is a JSON object";
  const r = rule as FaultRule;
  if (r.path !== undefined) {
    try {
      new RegExp(r.path);
    } catch {
      return `path is not a regular expression: ${r.path}`;
    }
  }
  if (r.rate !== undefined && !(r.rate >= 0 && r.rate <= 1)) return "rate must be between 0 and 1";
  if (r.status !== undefined && !(Number.isInteger(r.status) && r.status >= 100 && r.status <= 599))
    return "status must be an HTTP status code";
  for (const key of ["nth", "times", "latencyMs", "retryAfter"] as const) {
    const value = r[key];
    if (value !== undefined && !(typeof value === "number" && value >= 0))
      return `${key} must be a number >= 0`;
  }
  const effects = [
    r.latencyMs,
    r.status,
    r.reset,
    r.hang,
    r.commitThenDrop,
    r.commitThenHang,
    r.expireSessions,
  ];
  if (!effects.some(Boolean))
    return "a rule needs an effect: latencyMs, status, reset, hang, commitThenDrop, commitThenHang or expireSessions";
  return undefined;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private hung: FastifyRequest[] = [];
  private heldReplies: (() => void)[] = [];

  add(rule: FaultRule): ActiveRule {
    const active = { ...rule, id: this.nextId++, seen: 0, fired: 0 };
    this.rules.push(active);
    return active;
  }

  list(): ActiveRule[] {
    return this.rules;
  }

  /** Removes one rule; false when there is no rule with that id. */
  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.releaseHung();
  }

  /**
   * The rules that fire for this request, in order. Every matching rule counts the request (for `nth`); rules
   * that only add latency or expire sessions combine with what follows; once a rule with a status, reset, hang
   * or commitThenDrop fires, no later rule fires for this request.
   */
  matchAll(method: string, path: string): FaultRule[] {
    const fired: FaultRule[] = [];
    let decided = false;
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path && !new RegExp(rule.path).test(path)) continue;
      rule.seen++;
      if (decided) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (rule.nth !== undefined && rule.seen !== rule.nth) continue;
      if (rule.rate !== undefined && Math.random() >= rule.rate) continue;
      rule.fired++;
      fired.push(rule);
      decided = isTerminal(rule);
    }
    return fired;
  }

  /** Told of each request held without a response: a hook for tests, not behaviour of any vendor. */
  onHold?: (request: { method: string; url: string }) => void;

  hold(request: FastifyRequest): void {
    this.hung.push(request);
    this.onHold?.({ method: request.method, url: request.url });
  }

  /** Resolves when the held reply may go (commitThenHang). */
  holdReply(): Promise<void> {
    return new Promise((release) => this.heldReplies.push(release));
  }

  releaseHung(): void {
    for (const release of this.heldReplies) release();
    this.heldReplies = [];
    for (const request of this.hung) request.raw.socket?.destroy();
    this.hung = [];
  }
}
