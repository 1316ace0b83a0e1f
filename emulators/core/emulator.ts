import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createServer, Server as HttpsServer } from "node:https";
import { AddressInfo } from "node:net";
import { TLSSocket } from "node:tls";
import { bodyParsers } from "./bodies";
import { ContractCheck, OutsideRoute } from "./contract-check";
import { FaultRule, Faults, isTerminal, ruleProblem } from "./faults";
import { emulatorTls } from "./tls";

/** Set on requests one emulator makes to another (sfp validating a Salesforce org): faults skip them. */
export const INTERNAL_REQUEST_HEADER = "x-orgplane-emulator-internal";

/** One request as the emulator saw it. Tests count API calls per operation from this log. */
export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  durationMs: number;
  body?: unknown;
  fault?: string;
  /** Made by another emulator, not by a client (faults never apply to it). */
  internal?: boolean;
}

export interface EmulatorOptions {
  name: string;
  /** The API's own error body for a status, used by injected faults. */
  errorBody: (status: number, message: string) => unknown;
  /** Extra state to clear on reset. */
  reset: () => void;
  /** Invalidates every session or token (fault "expireSessions"). */
  expireSessions?: () => void;
  /** State for the admin endpoint, for debugging. */
  snapshot?: () => unknown;
  /** Match paths case-insensitively, for APIs whose clients mix `/Client` and `/client`. Default false. */
  caseInsensitivePaths?: boolean;
  /** `/a/` routes as `/a`, for APIs that accept a trailing slash (Salesforce). Default false. */
  trailingSlash?: boolean;
  /** Accept `application/xml` and `text/xml` bodies as text, for APIs that speak XML (Commvault). */
  xmlBodies?: boolean;
  /** The API's own answer to an unknown route; default the framework's. */
  notFound?: (method: string, path: string) => { status?: number; body: unknown };
  /** The backend whose contract (contracts/<backend>) every request and response is checked against. */
  contract?: string;
  /** Routes this emulator serves that no contract document has (vendor clients' extras), with why. */
  outsideContract?: OutsideRoute[];
}

const ADMIN = "/__emulator";

/** A fastify server with a request log, fault injection and admin endpoints under /__emulator. */
export class Emulator {
  readonly app: FastifyInstance;
  readonly log: RequestLogEntry[] = [];
  /** Every request since keepHistory was set: clearLog() leaves it (secret scans set it and read it). */
  readonly history: RequestLogEntry[] = [];
  /** Off by default, so that a long-running emulator (the demo's) does not keep every request it served. */
  keepHistory = false;
  readonly faults = new Faults();
  url = "";
  /** The same API over TLS, on its own port (see core/tls). */
  httpsUrl = "";
  private https?: HttpsServer;
  private seq = 0;
  /** Requests and responses outside the contract; stop() throws while any are left untaken. */
  readonly contractCheck?: ContractCheck;

  constructor(readonly options: EmulatorOptions) {
    this.app = Fastify({
      logger: false,
      bodyLimit: 10 * 1024 * 1024,
      routerOptions: {
        caseSensitive: !options.caseInsensitivePaths,
        ignoreTrailingSlash: !!options.trailingSlash,
      },
    });
    bodyParsers(this.app, !!options.xmlBodies);
    if (options.contract)
      this.contractCheck = new ContractCheck(
        options.contract,
        !!options.caseInsensitivePaths,
        options.outsideContract ?? [],
        options.errorBody,
      );
    const notFound = options.notFound;
    if (notFound)
      this.app.setNotFoundHandler((request, reply) => {
        const { status, body } = notFound(request.method, request.url.split("?")[0]);
        reply.code(status ?? 404).send(body);
      });
    this.installHooks();
    this.installAdmin();
  }

  get name(): string {
    return this.options.name;
  }

  /** Serves http on `port` and https on `httpsPort` (0: any free port). Returns the http URL. */
  async start(port = 0, host = "127.0.0.1", httpsPort = 0): Promise<string> {
    await this.app.listen({ port, host });
    const address = this.app.server.address() as AddressInfo;
    this.url = `http://${host}:${address.port}`;
    try {
      this.https = await this.listenTls(httpsPort, host);
    } catch (e) {
      await this.app.close();
      throw e;
    }
    this.httpsUrl = `https://${host}:${(this.https.address() as AddressInfo).port}`;
    return this.url;
  }

  private listenTls(port: number, host: string): Promise<HttpsServer> {
    const { key, cert } = emulatorTls();
    const https = createServer({ key, cert }, (req, res) => this.app.routing(req, res));
    return new Promise((resolve, reject) => {
      https.once("error", reject);
      https.listen(port, host, () => resolve(https));
    });
  }

  /** This emulator's root as the request reached it: the https URL over TLS, else the http one. */
  urlOf(request: FastifyRequest): string {
    return request.raw.socket instanceof TLSSocket ? this.httpsUrl : this.url;
  }

  /** Stops both servers; then throws if a request or response left the contract and no test took it. */
  async stop(): Promise<void> {
    this.faults.releaseHung();
    const https = this.https;
    if (https) {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
    }
    await this.app.close();
    const violations = this.takeContractViolations();
    if (violations.length > 0)
      throw new Error(`${this.name} emulator: outside the contract:\n${violations.join("\n")}`);
  }

  /** The contract violations seen since the last call (a test that causes one on purpose takes it). */
  takeContractViolations(): string[] {
    return this.contractCheck?.take() ?? [];
  }

  /** Requests since the log was last cleared, optionally filtered by method and path pattern. */
  calls(filter: { method?: string; path?: RegExp | string } = {}): RequestLogEntry[] {
    return this.log.filter(
      (e) =>
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (!filter.path ||
          (typeof filter.path === "string" ? e.path === filter.path : filter.path.test(e.path))),
    );
  }

  clearLog(): void {
    this.log.length = 0;
  }

  reset(): void {
    this.clearLog();
    this.faults.clear();
    this.options.reset();
  }

  private record(request: FastifyRequest, status: number, fault?: string): void {
    const started = (request as unknown as { startedAt?: number }).startedAt ?? Date.now();
    const [path] = request.url.split("?");
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      method: request.method,
      path,
      query: { ...(request.query as Record<string, unknown>) },
      status,
      durationMs: Date.now() - started,
      body: request.body,
      fault,
      ...(request.headers[INTERNAL_REQUEST_HEADER] ? { internal: true } : {}),
    };
    this.log.push(entry);
    if (this.keepHistory) this.history.push(entry);
  }

  private installHooks(): void {
    const isAdmin = (request: FastifyRequest) => request.url.startsWith(ADMIN);
    this.app.addHook("onRequest", async (request) => {
      (request as unknown as { startedAt: number }).startedAt = Date.now();
    });
    const check = this.contractCheck;
    if (check) {
      this.app.addHook("preHandler", async (request) => {
        if (!isAdmin(request)) check.onRequest(request, !!request.headers[INTERNAL_REQUEST_HEADER]);
      });
      this.app.addHook("onSend", async (request, reply, payload) => {
        const injected = (request as unknown as { faultName?: string }).faultName?.includes("status");
        if (isAdmin(request) || injected) return payload;
        return check.onResponse(request, reply, payload, !!request.headers[INTERNAL_REQUEST_HEADER]);
      });
    }
    // Faults run after body parsing so that "commit then drop" sees the real handler run.
    this.app.addHook("preHandler", async (request, reply) => {
      if (isAdmin(request) || request.headers[INTERNAL_REQUEST_HEADER]) return;
      const [path] = request.url.split("?");
      const rules = this.faults.matchAll(request.method, path);
      if (rules.length > 0) await this.applyFaults(rules, request, reply);
    });
    this.app.addHook("onSend", async (request, reply, payload) => {
      const tag = request as unknown as { dropAfterCommit?: FaultRule; holdAfterCommit?: boolean };
      if (tag.holdAfterCommit) {
        this.record(request, reply.statusCode, "commitThenHang");
        await this.faults.holdReply();
      }
      const rule = tag.dropAfterCommit;
      if (rule) {
        this.record(request, reply.statusCode, "commitThenDrop");
        request.raw.socket?.destroy();
      }
      return payload;
    });
    this.app.addHook("onResponse", async (request, reply) => {
      const tag = request as unknown as { dropAfterCommit?: FaultRule; holdAfterCommit?: boolean };
      if (isAdmin(request) || tag.dropAfterCommit || tag.holdAfterCommit) return;
      this.record(request, reply.statusCode, (request as unknown as { faultName?: string }).faultName);
    });
  }

  /** Applies the rules that fired: their latencies add up, then sessions expire, then the terminal effect. */
  private async applyFaults(rules: FaultRule[], request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const tag = request as unknown as { faultName?: string; dropAfterCommit?: FaultRule };
    const latencyMs = rules.reduce((sum, rule) => sum + (rule.latencyMs ?? 0), 0);
    const names = [
      ...(latencyMs > 0 ? ["latency"] : []),
      ...(rules.some((rule) => rule.expireSessions) ? ["expireSessions"] : []),
    ];
    tag.faultName = names.join("+") || undefined;
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (rules.some((rule) => rule.expireSessions)) this.options.expireSessions?.();
    const rule = rules.find(isTerminal);
    if (!rule) return;
    if (rule.reset) {
      this.record(request, 0, "reset");
      request.raw.socket?.destroy();
      return reply.hijack();
    }
    if (rule.hang) {
      this.record(request, 0, "hang");
      this.faults.hold(request);
      return reply.hijack();
    }
    if (rule.commitThenDrop) {
      tag.dropAfterCommit = rule;
      return;
    }
    if (rule.commitThenHang) {
      (tag as { holdAfterCommit?: boolean }).holdAfterCommit = true;
      return;
    }
    if (rule.status) {
      tag.faultName = [...names, `status ${rule.status}`].join("+");
      if (rule.retryAfter !== undefined) reply.header("retry-after", String(rule.retryAfter));
      return reply
        .code(rule.status)
        .send(this.options.errorBody(rule.status, rule.message ?? "Injected fault"));
    }
  }

  private installAdmin(): void {
    this.app.get(`${ADMIN}/requests`, async () => this.log);
    this.app.delete(`${ADMIN}/requests`, async () => {
      this.clearLog();
      return { cleared: true };
    });
    this.app.post(`${ADMIN}/reset`, async () => {
      this.reset();
      return { reset: true };
    });
    this.app.get(`${ADMIN}/faults`, async () => this.faults.list());
    // One rule, or a list of rules added in order.
    this.app.post(`${ADMIN}/faults`, async (request, reply) => {
      const rules = Array.isArray(request.body) ? (request.body as unknown[]) : [request.body];
      const problem = rules.map(ruleProblem).find(Boolean);
      if (problem) return reply.code(400).send({ error: problem });
      const added = rules.map((rule) => this.faults.add(rule as FaultRule));
      return reply.code(201).send(Array.isArray(request.body) ? added : added[0]);
    });
    this.app.delete(`${ADMIN}/faults/:id`, async (request, reply) => {
      const removed = this.faults.remove(Number((request.params as { id: string }).id));
      return removed ? { removed: true } : reply.code(404).send({ error: "no such fault rule" });
    });
    this.app.delete(`${ADMIN}/faults`, async () => {
      this.faults.clear();
      return { cleared: true };
    });
    this.app.post(`${ADMIN}/expire-sessions`, async () => {
      this.options.expireSessions?.();
      return { expired: true };
    });
    this.app.get(`${ADMIN}/state`, async () => this.options.snapshot?.() ?? {});
    this.app.get(`${ADMIN}/contract-violations`, async () => this.contractCheck?.pending() ?? []);
  }
}
