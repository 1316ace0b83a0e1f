import { redact } from "./redact";

/** ` (after 5 attempts over 3.2 s)`, or nothing for a single attempt. */
export function attemptsNote(attempts: number, elapsedMs: number): string {
  return attempts > 1 ? ` (after ${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)} s)` : "";
}

/** What a backend's error body says, in the API's own words. */
export interface ApiErrorBody {
  code?: string;
  message?: string;
}

export interface ApiErrorInit {
  backend: string;
  method: string;
  path: string;
  status: number;
  code?: string;
  apiMessage?: string;
  requestId?: string;
  retryable?: boolean;
  /** How many times the request was sent, and over how long (retries that ran out). */
  attempts?: number;
  elapsedMs?: number;
  /** What the person can do about it, after the API's own words. */
  hint?: string;
}

/**
 * An error whose message says it all: its stack is "<name>: <message>", without frames, which is what Node prints
 * for one a program does not catch (see core/stub.ts for the provider host).
 */
abstract class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.stack = `${new.target.name}: ${message}`;
  }
}

/** An API call that failed: status, the API's code and message, and the request id. Secrets are redacted. */
export class ApiError extends UserFacingError {
  readonly backend: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code?: string;
  readonly apiMessage?: string;
  readonly requestId?: string;
  readonly attempts: number;
  readonly elapsedMs: number;

  constructor(init: ApiErrorInit) {
    const apiMessage = init.apiMessage === undefined ? undefined : redact(init.apiMessage);
    const path = redact(init.path);
    const what = [init.status > 0 ? `HTTP ${init.status}` : "no response", init.code, apiMessage]
      .filter(Boolean)
      .join(": ");
    const rid = init.requestId ? ` (request id ${init.requestId})` : "";
    const tries = attemptsNote(init.attempts ?? 1, init.elapsedMs ?? 0);
    const hint = init.hint ? `. ${init.hint}` : "";
    super(`${init.backend} ${init.method} ${path} failed: ${what}${rid}${tries}${hint}`);
    this.name = "ApiError";
    this.backend = init.backend;
    this.method = init.method;
    this.path = path;
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = apiMessage;
    this.requestId = init.requestId;
    this.attempts = init.attempts ?? 1;
    this.elapsedMs = init.elapsedMs ?? 0;
  }
}

/** The same API error with what to do about it added. */
export function withHint(error: ApiError, hint: string): ApiError {
  return new ApiError({ ...error, hint });
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

/** An error for the user that is not an API error (bad configuration, a refused change). */
export class OrgplaneError extends UserFacingError {
  constructor(message: string) {
    super(redact(message));
    this.name = "OrgplaneError";
  }
}

/** Turns anything thrown into an Error whose message carries no secret and no request internals. */
export function sanitizeError(e: unknown): Error {
  if (e instanceof ApiError || e instanceof OrgplaneError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const clean = new Error(redact(message));
  clean.name = e instanceof Error ? e.name : "Error";
  return clean;
}
