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

/** A subrequest of Composite Batch or Composite: a method, a url from the version on, and its input. */
export interface SubrequestCall {
  method: string;
  /** `vXX.X/...` (Composite Batch) or `/services/data/vXX.X/...` (Composite). */
  url: string;
  body?: SObjectRecord;
}

/** The url's version and resource path, as `[version, resource, type, id]` with its query parameters. */
export function subrequestTarget(url: string) {
  const parsed = new URL(url.replace(/^\/?(services\/data\/)?/, "http://x/"));
  return { segments: parsed.pathname.split("/").filter(Boolean), params: parsed.searchParams };
}

/** One subrequest, run in-process (queries and single-record calls): its status and body. */
export function dispatch(
  ctx: SalesforceContext,
  dml: DmlContext,
  sub: SubrequestCall,
): { statusCode: number; result: unknown } {
  const { segments, params } = subrequestTarget(sub.url);
  const [version, resource, type, id] = segments;
  if (version !== dml.version)
    throw new SfFault(400, "INVALID_BATCH_REQUEST", `Invalid version in subrequest url: ${sub.url}`);
  const method = sub.method.toUpperCase();
  if ((resource === "query" || resource === "queryAll") && method === "GET") {
    try {
      return { statusCode: 200, result: queryPage(ctx, dml.org, params.get("q") ?? "", dml.version) };
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
      result: { id: createRecord(dml, type, sub.body ?? {}), success: true, errors: [] },
    };
  }
  if (method === "GET" && id) {
    const def = requireType(type);
    const fields = params.get("fields")?.split(",");
    return { statusCode: 200, result: shapeRecord(dml, def, findRecord(dml, def, id), fields) };
  }
  if (method === "PATCH" && id) {
    updateRecord(dml, type, id, sub.body ?? {});
    return { statusCode: 204, result: null };
  }
  if (method === "DELETE" && id) {
    deleteRecord(dml, type, id);
    return { statusCode: 204, result: null };
  }
  throw new SfFault(405, "METHOD_NOT_ALLOWED", `HTTP Method '${method}' not allowed`);
}
