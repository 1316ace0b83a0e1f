import axios, { AxiosInstance, AxiosResponse, Method } from "axios";
import * as http from "node:http";
import * as https from "node:https";
import { ApiError, ApiErrorBody } from "./errors";
import { credentialKey } from "./session";
import { noTrailingSlash } from "./values";

/** How one backend speaks HTTP: where, how its errors read, and how patient to be. */
export interface HttpClientOptions {
  backend: string;
  baseURL: string;
  /** Reads the API's own code and message out of an error body (`status`: the status a 2xx error body states). */
  parseError: (body: unknown) => ApiErrorBody & { requestId?: string; status?: number };
  /** Whether a 2xx body is an error object all the same (APIs that answer 200 with an error). */
  isErrorBody?: (body: unknown) => boolean;
  timeoutMs?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RequestOptions {
  method: Method;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Statuses returned to the caller instead of thrown (404 for lookups). */
  allowStatus?: number[];
  /** Whether repeating the request is harmless. Defaults to every method but POST. */
  idempotent?: boolean;
  /** How to read the body: parsed JSON when it is JSON (default), raw text, or bytes. */
  responseType?: "json" | "text" | "arraybuffer";
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

const RETRY_ALWAYS = new Set([429, 503]);
const RETRY_IF_IDEMPOTENT = new Set([500, 502, 504]);
const CONNECTION_ERRORS = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EAI_AGAIN",
]);
const NEVER_SENT_ERRORS = new Set(["ECONNREFUSED", "EAI_AGAIN"]);
const REQUEST_ID_HEADERS = ["x-request-id", "x-correlation-id", "x-trace-id", "sforce-call-id"];

const agents = {
  httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};
const instances = new Map<string, AxiosInstance>();

function instanceFor(baseURL: string): AxiosInstance {
  let instance = instances.get(baseURL);
  if (!instance) {
    instance = axios.create({ baseURL, ...agents, validateStatus: () => true, maxRedirects: 0 });
    instances.set(baseURL, instance);
  }
  return instance;
}

/** 30 s, or ORGPLANE_HTTP_TIMEOUT_MS (tests that inject hanging responses shorten it). */
function defaultTimeoutMs(): number {
  const fromEnv = Number(process.env.ORGPLANE_HTTP_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 30_000;
}

/** One request's time limit: `signal` aborts it when the time is up; `clear` once it has ended. */
export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

/**
 * How HttpClient waits, between retries and for a response: real time, unless a test puts in a clock of its own
 * (which may look at the call a deadline is for).
 */
export const httpClock = {
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  deadline: (ms: number, _call: { method: string; path: string }): Deadline => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  },
};

/**
 * Delay before retry `attempt` (0-based): full-jitter backoff, or the server's Retry-After. Retry-After never goes
 * below half the backoff, so that `Retry-After: 0` does not turn into immediate retries.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | undefined,
  base: number,
  max: number,
): number {
  const backoff = Math.min(max, base * 2 ** attempt);
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, backoff / 2), 60_000);
  }
  return Math.random() * backoff;
}

function lowerHeaders(headers: AxiosResponse["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = String(v);
  return out;
}

/** An HTTP client with timeouts, bounded retries (backoff, jitter, Retry-After) and typed, redacted errors. */
export class HttpClient {
  readonly backend: string;
  private readonly options: Required<Omit<HttpClientOptions, "isErrorBody">> &
    Pick<HttpClientOptions, "isErrorBody">;

  constructor(options: HttpClientOptions) {
    this.backend = options.backend;
    this.options = {
      timeoutMs: defaultTimeoutMs(),
      maxRetries: 4,
      baseDelayMs: 250,
      maxDelayMs: 8_000,
      ...options,
      // Paths are appended to the API root: a trailing slash would double.
      baseURL: noTrailingSlash(options.baseURL),
    };
  }

  async request<T = unknown>(req: RequestOptions): Promise<HttpResponse<T>> {
    const { maxRetries, baseDelayMs, maxDelayMs } = this.options;
    const idempotent = req.idempotent ?? req.method.toUpperCase() !== "POST";
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.once<T>(req);
      const retryable =
        outcome.kind === "response"
          ? RETRY_ALWAYS.has(outcome.response.status) ||
            (idempotent && RETRY_IF_IDEMPOTENT.has(outcome.response.status))
          : idempotent
            ? CONNECTION_ERRORS.has(outcome.code)
            : NEVER_SENT_ERRORS.has(outcome.code);
      if (retryable && attempt < maxRetries) {
        const retryAfter = outcome.kind === "response" ? outcome.response.headers["retry-after"] : undefined;
        await httpClock.sleep(retryDelayMs(attempt, retryAfter, baseDelayMs, maxDelayMs));
        continue;
      }
      const retries = { attempts: attempt + 1, elapsedMs: Date.now() - started };
      if (outcome.kind === "error") {
        throw new ApiError({
          ...retries,
          backend: this.backend,
          method: req.method.toUpperCase(),
          path: req.path,
          status: 0,
          code: outcome.code,
          apiMessage: outcome.message,
        });
      }
      const { response } = outcome;
      const ok = response.status >= 200 && response.status < 300;
      if (ok && this.options.isErrorBody?.(response.data)) {
        // A 2xx error body counts as the status it states, which the caller may allow like any other.
        const error = this.toApiError(req, response, retries);
        if (req.allowStatus?.includes(error.status)) return { ...response, status: error.status };
        throw error;
      }
      if (ok || req.allowStatus?.includes(response.status)) return response;
      throw this.toApiError(req, response, retries);
    }
  }

  private async once<T>(
    req: RequestOptions,
  ): Promise<
    { kind: "response"; response: HttpResponse<T> } | { kind: "error"; code: string; message: string }
  > {
    const headers: Record<string, string | false> = { accept: "application/json", ...req.headers };
    let data: unknown = req.body;
    if (req.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      data = new URLSearchParams(req.form).toString();
    } else if (data === undefined) {
      // No body, no content type: false keeps axios from adding its form default to a POST, PUT or PATCH.
      for (const name of Object.keys(headers))
        if (name.toLowerCase() === "content-type") delete headers[name];
      headers["content-type"] = false;
    }
    const params = req.query
      ? Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined))
      : undefined;
    const { timeoutMs } = this.options;
    const deadline = httpClock.deadline(timeoutMs, { method: req.method.toUpperCase(), path: req.path });
    try {
      const res = await instanceFor(this.options.baseURL).request({
        method: req.method,
        url: req.path,
        params,
        data,
        headers,
        signal: deadline.signal,
        ...(req.responseType && req.responseType !== "json" ? { responseType: req.responseType } : {}),
      });
      return {
        kind: "response",
        response: { status: res.status, data: res.data as T, headers: lowerHeaders(res.headers) },
      };
    } catch (e) {
      if (deadline.signal.aborted) {
        return { kind: "error", code: "ETIMEDOUT", message: `no response within ${timeoutMs} ms` };
      }
      const err = e as { code?: string; message?: string };
      const code = err.code === "ECONNABORTED" || /timeout/i.test(err.message ?? "") ? "ETIMEDOUT" : err.code;
      return { kind: "error", code: code ?? "ECONNRESET", message: err.message ?? "connection failed" };
    } finally {
      deadline.clear();
    }
  }

  private toApiError(
    req: RequestOptions,
    res: HttpResponse<unknown>,
    retries: { attempts: number; elapsedMs: number },
  ): ApiError {
    let parsed: ApiErrorBody & { requestId?: string; status?: number } = {};
    try {
      parsed = this.options.parseError(res.data);
    } catch {
      parsed = {};
    }
    const fallback = typeof res.data === "string" && res.data.length < 500 ? res.data : undefined;
    const requestId = parsed.requestId ?? REQUEST_ID_HEADERS.map((h) => res.headers[h]).find(Boolean);
    return new ApiError({
      backend: this.backend,
      method: req.method.toUpperCase(),
      path: req.path,
      // A 2xx error body may state the status it stands for.
      status: res.status < 300 && parsed.status ? parsed.status : res.status,
      code: parsed.code,
      apiMessage: parsed.message ?? fallback,
      requestId,
      ...retries,
    });
  }
}

/** The base of a backend's client: an HttpClient on the connection's URL, and the credential's session key. */
export abstract class BackendClient<C extends { url: string }> {
  protected readonly http: HttpClient;
  /** Scopes sessions, shared reads and cached lookups to one backend and credential. */
  protected readonly key: string;

  protected constructor(
    protected readonly connection: C,
    options: Omit<HttpClientOptions, "baseURL">,
  ) {
    this.http = new HttpClient({ ...options, baseURL: connection.url });
    this.key = credentialKey(options.backend, connection);
  }
}
