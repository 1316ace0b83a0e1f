import { FastifyInstance } from "fastify";
import { SalesforceContext, sfError } from "./server";
import { fieldValue, matches, parseSoql, SoqlError } from "./soql";
import { SalesforceOrg } from "./state";

/** The rows a query can read: the org's records of a type, and the virtual Organization row. */
function rowsOf(ctx: SalesforceContext, org: SalesforceOrg, type: string): Record<string, unknown>[] {
  if (type.toLowerCase() === "organization") {
    const { Id, Name, OrganizationType, InstanceName, IsSandbox, TrialExpirationDate } = org;
    return [
      { Id, Name, OrganizationType, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix: null },
    ];
  }
  const table = [...org.records.keys()].find((k) => k.toLowerCase() === type.toLowerCase());
  return table ? [...ctx.state.table(org, table).values()] : [];
}

/** Runs a SOQL query in an org, returning records shaped as the REST API returns them. */
export function runQuery(ctx: SalesforceContext, org: SalesforceOrg, soql: string, version: string) {
  const query = parseSoql(soql);
  const resolve = (record: Record<string, unknown>, relationship: string) => {
    const idField = Object.keys(record).find((k) => k.toLowerCase() === `${relationship.toLowerCase()}id`);
    const id = idField ? record[idField] : undefined;
    if (typeof id !== "string") return undefined;
    for (const table of org.records.values()) if (table.has(id)) return table.get(id);
    return undefined;
  };
  let rows = rowsOf(ctx, org, query.from).filter((r) => matches(r, query.where, resolve));
  if (query.orderBy) {
    const { field, descending } = query.orderBy;
    rows = [...rows].sort((a, b) => {
      const x = String(fieldValue(a, field, resolve) ?? "");
      const y = String(fieldValue(b, field, resolve) ?? "");
      return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
    });
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  const records = rows.map((row) => {
    const out: Record<string, unknown> = {
      attributes: { type: query.from, url: `/services/data/${version}/sobjects/${query.from}/${row.Id}` },
    };
    for (const field of query.fields) {
      const [head, ...rest] = field.split(".");
      if (rest.length === 0) out[field] = fieldValue(row, field, resolve);
      else {
        const related = resolve(row, head);
        out[head] = related
          ? { attributes: { type: head }, [rest.join(".")]: fieldValue(related, rest.join("."), resolve) }
          : null;
      }
    }
    return out;
  });
  return { totalSize: records.length, done: true, records };
}

export function queryRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  app.get("/services/data/:version/query", async (request, reply) => {
    const { q } = request.query as { q?: string };
    const { version } = request.params as { version: string };
    if (!q) return reply.code(400).send(sfError("A query string has to be specified", "MALFORMED_QUERY"));
    try {
      return runQuery(ctx, ctx.org(request), q, version);
    } catch (e) {
      if (e instanceof SoqlError) return reply.code(400).send(sfError(e.message, "MALFORMED_QUERY"));
      throw e;
    }
  });
}
