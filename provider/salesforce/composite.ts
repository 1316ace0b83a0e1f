import { ApiError } from "../core";
import { parseSalesforceError } from "./transport";

/** Composite's own limits: 25 subrequests a call, of which at most 5 queries or sObject Collections. */
export const COMPOSITE_LIMIT = 25;

/** One subrequest of a Composite call; later ones may use its answer through `@{referenceId.field}`. */
export interface Subrequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  referenceId: string;
  body?: unknown;
}

interface SubrequestResult {
  body: unknown;
  httpStatusCode: number;
  /** null on a refusal of the whole call (more than 25 subrequests). */
  referenceId: string | null;
}

export interface CompositeReply {
  compositeResponse: SubrequestResult[];
}

/** A reference to another subrequest's answer, as Composite substitutes it in a url or a body. */
export const reference = (referenceId: string, path: string) => `@{${referenceId}.${path}}`;

/**
 * With allOrNone one failure halts the rest, which answer PROCESSING_HALTED "rolled back". The failure to
 * report is the one that is not such an echo: another error code first, then a halt of its own (a reference
 * that found no value).
 */
function causeOf(failed: SubrequestResult[]): SubrequestResult {
  const rank = (result: SubrequestResult) => {
    const { code, message } = parseSalesforceError(result.body);
    if (code !== "PROCESSING_HALTED") return 0;
    return /rolled back/i.test(message ?? "") ? 2 : 1;
  };
  return failed.reduce((best, next) => (rank(next) < rank(best) ? next : best));
}

/** The answers by referenceId; a failed call throws its cause's ApiError, naming the subrequest. */
export function compositeAnswers(
  reply: CompositeReply,
  subrequests: Subrequest[],
  version: string,
): Record<string, unknown> {
  const failed = reply.compositeResponse.filter((r) => r.httpStatusCode >= 400);
  if (failed.length > 0) {
    const cause = causeOf(failed);
    const sub = subrequests.find((s) => s.referenceId === cause.referenceId);
    const { code, message } = parseSalesforceError(cause.body);
    throw new ApiError({
      backend: "salesforce",
      method: sub?.method ?? "POST",
      path: sub ? `${sub.url} (in /composite)` : `/services/data/v${version}/composite`,
      status: cause.httpStatusCode,
      code,
      apiMessage: message,
    });
  }
  return Object.fromEntries(reply.compositeResponse.map((r) => [r.referenceId, r.body]));
}
