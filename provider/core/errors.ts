import { redact } from "./redact";

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
}

/** An API call that failed: status, the API's code and message, and the request id. Secrets are redacted. */
export class ApiError extends Error {
  readonly backend: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code?: string;
  readonly apiMessage?: string;
  readonly requestId?: string;

  constructor(init: ApiErrorInit) {
    const apiMessage = init.apiMessage === undefined ? undefined : redact(init.apiMessage);
    const path = redact(init.path);
    const what = [init.status > 0 ? `HTTP ${init.status}` : "no response", init.code, apiMessage]
      .filter(Boolean)
      .join(": ");
    const rid = init.requestId ? ` (request id ${init.requestId})` : "";
    super(`${init.backend} ${init.method} ${path} failed: ${what}${rid}`);
    this.name = "ApiError";
    this.backend = init.backend;
    this.method = init.method;
    this.path = path;
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = apiMessage;
    this.requestId = init.requestId;
  }
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

/** An error for the user that is not an API error (bad configuration, a refused change). */
export class OrgplaneError extends Error {
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
