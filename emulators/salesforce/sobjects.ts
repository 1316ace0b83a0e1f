import { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { describeGlobal, describeObject, describeSummary } from "./describe";
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
import { fieldDef } from "./objects";
import { SalesforceContext } from "./server";

type Params = { version: string; type: string; id: string; field: string };

export function dmlContext(ctx: SalesforceContext, request: FastifyRequest): DmlContext {
  const { version } = request.params as { version: string };
  return { state: ctx.state, org: ctx.org(request), grant: ctx.grant(request), version };
}

/** Runs a handler, turning a refusal into Salesforce's status and error array. */
export async function answer(reply: FastifyReply, run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SfFault) return reply.code(e.status).send(e.body());
    throw e;
  }
}

const fieldList = (query: unknown) => {
  const fields = (query as { fields?: string }).fields;
  return fields ? fields.split(",").map((f) => f.trim()) : undefined;
};

/** sObject rows: describe, create, retrieve, update, delete, and blob bodies. */
export function sobjectRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  const base = "/services/data/:version/sobjects";
  app.get(base, async (request) => describeGlobal((request.params as Params).version));
  app.get(`${base}/:type`, async (request, reply) =>
    answer(reply, () => {
      const { version, type } = request.params as Params;
      return { objectDescribe: describeSummary(requireType(type), version), recentItems: [] };
    }),
  );
  app.get(`${base}/:type/describe`, async (request, reply) =>
    answer(reply, () => {
      const { version, type } = request.params as Params;
      return describeObject(requireType(type), version);
    }),
  );
  app.post(`${base}/:type`, async (request, reply) =>
    answer(reply, () => {
      const id = createRecord(
        dmlContext(ctx, request),
        (request.params as Params).type,
        request.body as SObjectRecord,
      );
      return reply.code(201).send({ id, success: true, errors: [] });
    }),
  );
  app.get(`${base}/:type/:id`, async (request, reply) =>
    answer(reply, () => {
      const { type, id } = request.params as Params;
      const dml = dmlContext(ctx, request);
      const def = requireType(type);
      return shapeRecord(dml, def, findRecord(dml, def, id), fieldList(request.query));
    }),
  );
  app.patch(`${base}/:type/:id`, async (request, reply) =>
    answer(reply, () => {
      const { type, id } = request.params as Params;
      updateRecord(dmlContext(ctx, request), type, id, (request.body ?? {}) as SObjectRecord);
      return reply.code(204).send();
    }),
  );
  app.delete(`${base}/:type/:id`, async (request, reply) =>
    answer(reply, () => {
      const { type, id } = request.params as Params;
      deleteRecord(dmlContext(ctx, request), type, id);
      return reply.code(204).send();
    }),
  );
  app.get(`${base}/:type/:id/:field`, async (request, reply) =>
    answer(reply, () => {
      const { type, id, field } = request.params as Params;
      const dml = dmlContext(ctx, request);
      const def = requireType(type);
      const record = findRecord(dml, def, id);
      const blob = fieldDef(def, field);
      if (!blob || blob.type !== "base64")
        throw new SfFault(404, "NOT_FOUND", "The requested resource does not exist");
      const contentType = String(record.ContentType ?? "application/octet-stream");
      return reply
        .header("content-type", contentType)
        .send(Buffer.from(String(record[blob.name] ?? ""), "base64"));
    }),
  );
}
