import { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomBytes } from "node:crypto";
import { queryColumns } from "./columns";
import { SfFault } from "./fault";
import { fieldDef, objectDef } from "./objects";
import { typeRules } from "./rules";
import { SalesforceContext, sfError } from "./server";
import { Condition, fieldValue, matches, parseSoql, SoqlError } from "./soql";
import { SalesforceOrg } from "./state";

type Row = Record<string, unknown>;

/** The rows a query can read: the org's records of a type, and the virtual Organization row. */
function rowsOf(ctx: SalesforceContext, org: SalesforceOrg, type: string): Row[] {
  if (type.toLowerCase() === "organization") {
    const { Id, Name, OrganizationType, InstanceName, IsSandbox, TrialExpirationDate } = org;
    return [
      { Id, Name, OrganizationType, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix: null },
    ];
  }
  const table = [...org.records.keys()].find((k) => k.toLowerCase() === type.toLowerCase());
  const rows = table ? [...ctx.state.table(org, table).values()] : [];
  const computed = table ? typeRules[table]?.computed : undefined;
  const def = objectDef(type);
  if (!computed || !def) return rows;
  // Fields Salesforce works out (UsedLicenses) are filled in per row.
  const dml = { state: ctx.state, org, grant: undefined as never, version: "" };
  return rows.map((row) => {
    const extra = def.fields
      .map((f) => [f.name, computed(dml, row, f.name)] as const)
      .filter(([, v]) => v !== undefined);
    return { ...row, ...Object.fromEntries(extra) };
  });
}

function conditionFields(where: Condition | undefined): string[] {
  if (!where) return [];
  return where.kind === "cmp"
    ? [where.field]
    : [...conditionFields(where.left), ...conditionFields(where.right)];
}

/** Refuses unknown objects and columns, as Salesforce does (relationship paths are checked one hop deep). */
function checkColumns(from: string, fields: string[]): void {
  const def = objectDef(from);
  if (!def) throw new SfFault(400, "INVALID_TYPE", `sObject type '${from}' is not supported.`);
  for (const field of fields) {
    const [head, ...rest] = field.split(".");
    const known = rest.length === 0 ? fieldDef(def, head) : fieldDef(def, `${head}Id`);
    if (!known) throw new SfFault(400, "INVALID_FIELD", `No such column '${field}' on entity '${def.name}'.`);
  }
}

/** Runs a SOQL query in an org, returning every matching record shaped as the REST API returns them. */
export function runQuery(ctx: SalesforceContext, org: SalesforceOrg, soql: string, version: string) {
  const query = parseSoql(soql);
  checkColumns(query.from, [...query.fields, ...conditionFields(query.where)]);
  const typeName = objectDef(query.from)?.name ?? query.from;
  const resolve = (record: Row, relationship: string) => {
    const idField = Object.keys(record).find((k) => k.toLowerCase() === `${relationship.toLowerCase()}id`);
    const id = idField ? record[idField] : undefined;
    return typeof id === "string" ? ctx.state.findById(org, id)?.record : undefined;
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
  return rows.map((row) => {
    const out: Row = {
      attributes: { type: typeName, url: `/services/data/${version}/sobjects/${typeName}/${row.Id}` },
    };
    for (const field of query.fields) {
      const [head, ...rest] = field.split(".");
      if (rest.length === 0) {
        out[fieldDef(objectDef(typeName)!, head)?.name ?? head] = fieldValue(row, field, resolve);
        continue;
      }
      const related = resolve(row, head);
      if (!related) {
        out[head] = null;
        continue;
      }
      const relatedType = ctx.state.findById(org, String(related.Id))?.type ?? head;
      const nested = (out[head] as Row | undefined) ?? {
        attributes: {
          type: relatedType,
          url: `/services/data/${version}/sobjects/${relatedType}/${related.Id}`,
        },
      };
      nested[rest.join(".")] = fieldValue(related, rest.join("."), resolve);
      out[head] = nested;
    }
    return out;
  });
}

type Cursor = { orgId: string; rows: Row[]; total: number; offset: number };
const cursorsOf = new WeakMap<SalesforceContext, Map<string, Cursor>>();
const cursors = (ctx: SalesforceContext) => {
  let map = cursorsOf.get(ctx);
  if (!map) cursorsOf.set(ctx, (map = new Map()));
  return map;
};

/** One page of a cursor (`state.queryPageSize` rows); the rest stays behind a `nextRecordsUrl` locator. */
function page(ctx: SalesforceContext, version: string, locator: string) {
  const cursor = cursors(ctx).get(locator)!;
  const records = cursor.rows.slice(cursor.offset, cursor.offset + ctx.state.queryPageSize);
  const nextOffset = cursor.offset + records.length;
  const done = nextOffset >= cursor.rows.length;
  cursors(ctx).delete(locator);
  const body: Row = { totalSize: cursor.total, done, records };
  if (!done) {
    const next = `${locator.split("-")[0]}-${nextOffset}`;
    cursors(ctx).set(next, { ...cursor, offset: nextOffset });
    body.nextRecordsUrl = `/services/data/${version}/query/${next}`;
  }
  return body;
}

/** The first page of a query's result, as `GET /query` answers it. */
export function queryPage(ctx: SalesforceContext, org: SalesforceOrg, soql: string, version: string) {
  const rows = runQuery(ctx, org, soql, version);
  const locator = `01g${randomBytes(6).toString("hex")}-0`;
  cursors(ctx).set(locator, { orgId: org.Id, rows, total: rows.length, offset: 0 });
  return page(ctx, version, locator);
}

export function queryRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  const run = (request: FastifyRequest, reply: FastifyReply) => {
    const { q, columns } = request.query as { q?: string; columns?: string };
    const { version } = request.params as { version: string };
    if (!q) return reply.code(400).send(sfError("A query string has to be specified", "MALFORMED_QUERY"));
    try {
      if (columns === "true") return queryColumns(q);
      return queryPage(ctx, ctx.org(request), q, version);
    } catch (e) {
      if (e instanceof SoqlError) return reply.code(400).send(sfError(e.message, "MALFORMED_QUERY"));
      if (e instanceof SfFault) return reply.code(e.status).send(e.body());
      throw e;
    }
  };
  app.get("/services/data/:version/query", async (request, reply) => run(request, reply));
  app.get("/services/data/:version/queryAll", async (request, reply) => run(request, reply));
  app.get("/services/data/:version/query/:locator", async (request, reply) => {
    const { version, locator } = request.params as { version: string; locator: string };
    const cursor = cursors(ctx).get(locator);
    if (!cursor || cursor.orgId !== ctx.org(request).Id) {
      return reply.code(400).send(sfError("invalid query locator", "INVALID_QUERY_LOCATOR"));
    }
    return page(ctx, version, locator);
  });
}
