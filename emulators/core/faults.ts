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
  /** Invalidate every session before handling the request. */
  expireSessions?: boolean;
}

interface ActiveRule extends FaultRule {
  id: number;
  seen: number;
  fired: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private hung: FastifyRequest[] = [];

  add(rule: FaultRule): ActiveRule {
    const active = { ...rule, id: this.nextId++, seen: 0, fired: 0 };
    this.rules.push(active);
    return active;
  }

  list(): ActiveRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
    this.releaseHung();
  }

  /** The first rule that fires for this request, counting matches as it goes. */
  match(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path && !new RegExp(rule.path).test(path)) continue;
      rule.seen++;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (rule.nth !== undefined && rule.seen !== rule.nth) continue;
      if (rule.rate !== undefined && Math.random() >= rule.rate) continue;
      rule.fired++;
      return rule;
    }
    return undefined;
  }

  hold(request: FastifyRequest): void {
    this.hung.push(request);
  }

  releaseHung(): void {
    for (const request of this.hung) request.raw.socket?.destroy();
    this.hung = [];
  }
}
