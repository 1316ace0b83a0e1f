import { FastifyReply, FastifyRequest } from "fastify";
import { Contract, ContractMatch } from "./contract";
import { observe } from "./contract-observations";

/** A route an emulator serves outside its contract, and why (a vendor client's extra, an admin route). */
export interface OutsideRoute {
  method: string;
  path: RegExp;
  why: string;
}

interface Tagged {
  contractMatch?: ContractMatch;
  contractProblems?: string[];
}

/** The request's path without its query, and without a trailing slash (where the emulator takes one). */
const pathOf = (request: FastifyRequest) => request.url.split("?")[0].replace(/(.)\/$/, "$1");

/** Parses a JSON reply payload; anything else (XML, a stream, no body) is not checked. */
function jsonPayload(reply: FastifyReply, payload: unknown): unknown {
  const type = String(reply.getHeader("content-type") ?? "");
  if (!type.includes("json") || payload === null || payload === undefined) return undefined;
  const text = Buffer.isBuffer(payload) ? payload.toString("utf8") : payload;
  if (typeof text !== "string" || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Checks every request an emulator receives and every response it sends against the backend's contract. A
 * request outside it is answered 400 (the emulator is never more lenient than the vendor); either kind is kept
 * as a violation, which fails the test (Emulator.stop() throws until the test takes it).
 */
export class ContractCheck {
  readonly contract: Contract;
  private readonly violations: string[] = [];

  constructor(
    backend: string,
    caseInsensitive: boolean,
    private readonly outside: OutsideRoute[],
    private readonly errorBody: (status: number, message: string) => unknown,
  ) {
    this.contract = new Contract(backend, caseInsensitive);
  }

  pending(): string[] {
    return [...this.violations];
  }

  take(): string[] {
    return this.violations.splice(0);
  }

  onRequest(request: FastifyRequest, internal: boolean): void {
    const route = request.routeOptions.url;
    if (!route) return; // no such route: the server's own 404
    const pathname = pathOf(request);
    const match = this.contract.match(request.method, pathname);
    if (!match) {
      if (!internal) {
        const backend = this.contract.backend;
        observe({
          backend,
          method: request.method,
          template: route,
          sourced: false,
          request: [],
          response: [],
        });
      }
      if (this.outside.some((r) => r.method === request.method && r.path.test(pathname))) return;
      this.violations.push(
        `${request.method} ${pathname}: no operation in the ${this.contract.backend} contract`,
      );
      return;
    }
    (request as Tagged).contractMatch = match;
    const problems = this.contract.requestProblems(
      match,
      pathname,
      request.query as Record<string, unknown>,
      request.body,
      request.headers["content-type"],
    );
    if (problems.length === 0) return;
    this.violations.push(
      `${request.method} ${pathname}: request outside the contract: ${problems.join("; ")}`,
    );
    (request as Tagged).contractProblems = problems;
  }

  /**
   * Checks a reply; returns the payload to send. A request outside the contract that the handler accepted is
   * answered 400 instead (the handler's own refusal, with the vendor's error code, is kept).
   */
  onResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown, internal: boolean): unknown {
    const { contractMatch: match, contractProblems } = request as Tagged;
    if (!match) return payload;
    const pathname = pathOf(request);
    if (contractProblems) {
      if (reply.statusCode < 400) {
        reply.code(400).header("content-type", "application/json; charset=utf-8");
        const message = `Request outside the API contract: ${contractProblems.join("; ")}`;
        return JSON.stringify(this.errorBody(400, message));
      }
      return payload;
    }
    const body = jsonPayload(reply, payload);
    const problems = this.contract.responseProblems(match, reply.statusCode, body);
    if (problems.length > 0)
      this.violations.push(
        `${request.method} ${pathname} -> ${reply.statusCode}: response outside the contract: ${problems.join("; ")}`,
      );
    if (internal) return;
    const entry = this.contract.entryOf(match);
    observe({
      backend: this.contract.backend,
      method: request.method,
      template: match.template,
      document: entry.file,
      apart: entry.apart,
      sourced: this.contract.operationSourced(match),
      request: this.contract.fieldUses(match, "request", reply.statusCode, request.body),
      response: this.contract.fieldUses(match, "response", reply.statusCode, body),
    });
    return payload;
  }
}
