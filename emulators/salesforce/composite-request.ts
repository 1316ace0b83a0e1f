import { FastifyInstance } from "fastify";
import { DmlContext, SfFault, SObjectRecord } from "./dml";
import { substituteBody, substituteText } from "./references";
import { SalesforceContext } from "./server";
import { answer, dmlContext } from "./sobjects";
import { dispatch, subrequestTarget } from "./subrequest";

const MAX_SUBREQUESTS = 25;
/** Of which queries and sObject Collections calls. */
const MAX_QUERIES = 5;
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
/** Subrequests inherit these from the call; naming them fails the whole call. */
const INHERITED_HEADERS = ["accept", "authorization", "content-type"];
const ROLLED_BACK = "The transaction was rolled back since another operation in the same transaction failed.";

interface Subrequest {
  method?: string;
  url?: string;
  referenceId?: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubrequestResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string | null;
}

const halted = (referenceId: string | null, message: string): SubrequestResult => ({
  body: [{ errorCode: "PROCESSING_HALTED", message }],
  httpHeaders: {},
  httpStatusCode: 400,
  referenceId,
});

/** A call Salesforce refuses before running anything: HTTP 400 with the error array. */
function checkShape(subrequests: Subrequest[]): void {
  for (const sub of subrequests) {
    if (!sub.referenceId) throw new SfFault(400, "JSON_PARSER_ERROR", "'referenceId' is a required field.");
    // [unverified] the message texts of the refusals below.
    if (!sub.method || !sub.url)
      throw new SfFault(400, "JSON_PARSER_ERROR", "'method' and 'url' are required.");
    if (!REFERENCE_ID.test(sub.referenceId)) {
      throw new SfFault(
        400,
        "INVALID_INPUT",
        `Provided referenceId ('${sub.referenceId}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').`,
      );
    }
    const inherited = Object.keys(sub.httpHeaders ?? {}).find((h) =>
      INHERITED_HEADERS.includes(h.toLowerCase()),
    );
    if (inherited)
      throw new SfFault(400, "INVALID_INPUT", `Header ${inherited} can't be set on a subrequest.`);
  }
  const ids = subrequests.map((s) => s.referenceId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated)
    throw new SfFault(400, "INVALID_INPUT", `Duplicate referenceId provided in the request: ${repeated}`);
}

/** Over the limits the call answers with one result, of no subrequest [unverified: the top-level 200]. */
function limitRefusal(subrequests: Subrequest[]): SubrequestResult | undefined {
  const refuse = (message: string): SubrequestResult => ({
    body: [{ errorCode: "LIMIT_EXCEEDED", message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId: null,
  });
  if (subrequests.length > MAX_SUBREQUESTS)
    return refuse(`The request can’t contain more than ${MAX_SUBREQUESTS} operations.`);
  const queries = subrequests.filter((s) => {
    const [, resource, sub] = subrequestTarget(String(s.url)).segments;
    return (
      resource === "query" || resource === "queryAll" || (resource === "composite" && sub === "sobjects")
    );
  });
  // [unverified] message text.
  if (queries.length > MAX_QUERIES)
    return refuse(
      `The request can’t contain more than ${MAX_QUERIES} query or sObject Collections operations.`,
    );
  return undefined;
}

/** One subrequest with its references to earlier answers replaced; a refusal is its own result. */
function run(
  ctx: SalesforceContext,
  dml: DmlContext,
  sub: Subrequest,
  answers: Map<string, unknown>,
): SubrequestResult {
  const referenceId = sub.referenceId!;
  try {
    const url = substituteText(sub.url!, answers);
    if (!/^\/services\/data\/v\d+\.\d+\//.test(url))
      throw new SfFault(404, "NOT_FOUND", "The requested resource does not exist");
    const body = substituteBody(sub.body, answers) as SObjectRecord | undefined;
    // Subrequests may name another API version than the call's.
    const [version] = subrequestTarget(url).segments;
    const { statusCode, result } = dispatch(ctx, { ...dml, version }, { method: sub.method!, url, body });
    answers.set(referenceId, result);
    const created = statusCode === 201 ? (result as { id: string }).id : undefined;
    return {
      body: result,
      httpHeaders: created ? { Location: `${url.split("?")[0]}/${created}` } : {},
      httpStatusCode: statusCode,
      referenceId,
    };
  } catch (e) {
    if (!(e instanceof SfFault)) throw e;
    return { body: e.body(), httpHeaders: {}, httpStatusCode: e.status, referenceId };
  }
}

/**
 * `POST /composite`: up to 25 subrequests run in order, one API request against the limit. Later ones use
 * earlier answers through `@{referenceId.field}`. With allOrNone the first failure rolls every change back and
 * every other subrequest answers 400 PROCESSING_HALTED; without it, only the subrequests whose references
 * find no value fail along. The top-level status is 200 either way.
 */
export function compositeRequestRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  app.post("/services/data/:version/composite", async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const { allOrNone = false, compositeRequest } = (request.body ?? {}) as {
        allOrNone?: boolean;
        compositeRequest?: Subrequest[];
      };
      if (!Array.isArray(compositeRequest))
        throw new SfFault(400, "JSON_PARSER_ERROR", "'compositeRequest' is a required field.");
      checkShape(compositeRequest);
      const refused = limitRefusal(compositeRequest);
      if (refused) return { compositeResponse: [refused] };
      const rollback = allOrNone ? ctx.state.checkpoint(dml.org) : undefined;
      const answers = new Map<string, unknown>();
      const results: SubrequestResult[] = [];
      let failed = false;
      for (const sub of compositeRequest) {
        if (failed && allOrNone) {
          results.push(halted(sub.referenceId!, ROLLED_BACK));
          continue;
        }
        const result = run(ctx, dml, sub, answers);
        failed ||= result.httpStatusCode >= 400;
        results.push(result);
      }
      if (!failed || !rollback) return { compositeResponse: results };
      rollback();
      return {
        compositeResponse: results.map((r) =>
          r.httpStatusCode < 400 ? halted(r.referenceId, ROLLED_BACK) : r,
        ),
      };
    }),
  );
}
