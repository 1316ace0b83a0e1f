import { FastifyReply } from "fastify";
import { randomBytes } from "node:crypto";

/** BioT's ErrorResponse body: code, message, serviceName, traceId, environment, details. */
export interface BiotErrorBody {
  code: string;
  message: string;
  serviceName: string;
  traceId: string;
  environment: string;
  details: Record<string, unknown>;
}

export const ORGANIZATION_SERVICE = "Organization Service";
export const UMS_SERVICE = "User Management Service";

/** The code each status carries when nothing more specific applies (as the spec lists per endpoint). */
const DEFAULT_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "TOKEN_NOT_VALID",
  403: "ACCESS_DENIED",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

export function errorBody(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  serviceName = ORGANIZATION_SERVICE,
): BiotErrorBody {
  return {
    code,
    message,
    serviceName,
    traceId: randomBytes(8).toString("hex"),
    environment: "emulator",
    details,
  };
}

export const errorForStatus = (status: number, message: string) =>
  errorBody(DEFAULT_CODES[status] ?? "ERROR", message);

/** A request the API refuses: thrown by validation and turned into a reply by `sendError`. */
export class BiotFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, e: unknown, serviceName = ORGANIZATION_SERVICE) {
  if (!(e instanceof BiotFailure)) throw e;
  return reply.code(e.status).send(errorBody(e.code, e.message, e.details, serviceName));
}
