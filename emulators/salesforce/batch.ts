import { FastifyInstance } from "fastify";
import {
  createRecord,
  deleteRecord,
  DmlContext,
  findRecord,
  requireType,
  SfFault,
  shapeRecord,
  SObjectRecord,
  updateRecord,
} from "./dml";
import { queryPage } from "./query";
import { SalesforceContext } from "./server";
import { SoqlError } from "./soql";
import { answer, dmlContext } from "./sobjects";

const MAX_SUBREQUESTS = 25;

interface Subrequest {
  method: string;
  url: string;
  richInput?: SObjectRecord;
}

/** One subrequest, run in-process: queries and single-record calls. */
function dispatch(
  ctx: SalesforceContext,
  dml: DmlContext,
  sub: Subrequest,
): { statusCode: number; result: unknown } {
  const url = new URL(sub.url.replace(/^\/?(services\/data\/)?/, "http://x/"));
  const [version, resource, type, id] = url.pathname.split("/").filter(Boolean);
  if (version !== dml.version)
    throw new SfFault(400, "INVALID_BATCH_REQUEST", `Invalid version in subrequest url: ${sub.url}`);
  const method = sub.method.toUpperCase();
  if (resource === "query" && method === "GET") {
    try {
      return {
        statusCode: 200,
        result: queryPage(ctx, dml.org, url.searchParams.get("q") ?? "", dml.version),
      };
    } catch (e) {
      if (e instanceof SoqlError) throw new SfFault(400, "MALFORMED_QUERY", e.message);
      throw e;
    }
  }
  if (resource !== "sobjects" || !type)
    throw new SfFault(404, "NOT_FOUND", "The requested resource does not exist");
  if (method === "POST" && !id) {
    return {
      statusCode: 201,
      result: { id: createRecord(dml, type, sub.richInput ?? {}), success: true, errors: [] },
    };
  }
  if (method === "GET" && id) {
    const def = requireType(type);
    const fields = url.searchParams.get("fields")?.split(",");
    return { statusCode: 200, result: shapeRecord(dml, def, findRecord(dml, def, id), fields) };
  }
  if (method === "PATCH" && id) {
    updateRecord(dml, type, id, sub.richInput ?? {});
    return { statusCode: 204, result: null };
  }
  if (method === "DELETE" && id) {
    deleteRecord(dml, type, id);
    return { statusCode: 204, result: null };
  }
  throw new SfFault(405, "METHOD_NOT_ALLOWED", `HTTP Method '${method}' not allowed`);
}

/**
 * `POST /composite/batch`: up to 25 independent subrequests in one call (one API request against the limit).
 * Each result carries its own status; a failure does not stop the others unless haltOnError.
 */
export function batchRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  app.post("/services/data/:version/composite/batch", async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const { batchRequests = [], haltOnError = false } = (request.body ?? {}) as {
        batchRequests?: Subrequest[];
        haltOnError?: boolean;
      };
      if (batchRequests.length > MAX_SUBREQUESTS) {
        throw new SfFault(
          400,
          "INVALID_BATCH_REQUEST",
          `A batch cannot contain more than ${MAX_SUBREQUESTS} requests`,
        );
      }
      let halted = false;
      const results = batchRequests.map((sub) => {
        if (halted) {
          return {
            statusCode: 412,
            result: [
              { errorCode: "BATCH_PROCESSING_HALTED", message: "Batch processing halted per request" },
            ],
          };
        }
        try {
          return dispatch(ctx, dml, sub);
        } catch (e) {
          if (!(e instanceof SfFault)) throw e;
          halted = haltOnError;
          return { statusCode: e.status, result: e.body() };
        }
      });
      return { hasErrors: results.some((r) => r.statusCode >= 400), results };
    }),
  );
}
