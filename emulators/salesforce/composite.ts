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
import { SalesforceContext } from "./server";
import { answer, dmlContext } from "./sobjects";

const MAX_RECORDS = 200;

interface SaveResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

/**
 * Applies one write per item. Items fail alone (HTTP 200, per-item errors with `statusCode`), or with
 * allOrNone every change is rolled back and the other items report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function collection(
  dml: DmlContext,
  items: unknown[],
  allOrNone: boolean,
  write: (item: unknown) => string,
): SaveResult[] {
  if (items.length > MAX_RECORDS) {
    throw new SfFault(
      400,
      "EXCEEDED_ID_LIMIT",
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  const rollback = allOrNone ? dml.state.checkpoint(dml.org) : undefined;
  const results: SaveResult[] = items.map((item) => {
    try {
      return { id: write(item), success: true, errors: [] };
    } catch (e) {
      if (!(e instanceof SfFault)) throw e;
      return {
        success: false,
        errors: [{ statusCode: e.errorCode, message: e.message, fields: e.fields ?? [] }],
      };
    }
  });
  if (!rollback || results.every((r) => r.success)) return results;
  rollback();
  return results.map((r) =>
    r.success
      ? {
          id: r.id,
          success: false,
          errors: [
            {
              statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
              message:
                "Record rolled back because not all records were valid and the request was using AllOrNone header",
              fields: [],
            },
          ],
        }
      : r,
  );
}

const typeOf = (record: SObjectRecord) => {
  const type = (record.attributes as { type?: string } | undefined)?.type;
  if (!type) throw new SfFault(400, "INVALID_TYPE", "Must send a concrete entity type.");
  return type;
};

/** sObject Collections: create, update and delete up to 200 records, and retrieve by ids. */
export function compositeRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  const path = "/services/data/:version/composite/sobjects";
  type Body = { allOrNone?: boolean; records?: SObjectRecord[] };
  app.post(path, async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const { allOrNone = false, records = [] } = (request.body ?? {}) as Body;
      return collection(dml, records, allOrNone, (item) => {
        const { attributes: _attributes, ...fields } = item as SObjectRecord;
        return createRecord(dml, typeOf(item as SObjectRecord), fields);
      });
    }),
  );
  app.patch(path, async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const { allOrNone = false, records = [] } = (request.body ?? {}) as Body;
      return collection(dml, records, allOrNone, (item) => {
        const { attributes: _attributes, id, Id, ...fields } = item as SObjectRecord;
        const recordId = String(id ?? Id ?? "");
        if (!recordId) throw new SfFault(400, "MISSING_ARGUMENT", "Id not specified in an update call");
        updateRecord(dml, typeOf(item as SObjectRecord), recordId, fields);
        return recordId;
      });
    }),
  );
  app.delete(path, async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const query = request.query as { ids?: string; allOrNone?: string };
      const ids = (query.ids ?? "").split(",").filter(Boolean);
      return collection(dml, ids, query.allOrNone === "true", (id) => {
        const found = dml.state.findById(dml.org, String(id));
        if (!found) throw new SfFault(404, "ENTITY_IS_DELETED", "entity is deleted");
        deleteRecord(dml, found.type, String(id));
        return String(id);
      });
    }),
  );
  app.post(`${path}/:type`, async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const def = requireType((request.params as { type: string }).type);
      const { ids = [], fields } = (request.body ?? {}) as { ids?: string[]; fields?: string[] };
      return ids.map((id) => {
        try {
          return shapeRecord(dml, def, findRecord(dml, def, id), fields);
        } catch (e) {
          if (e instanceof SfFault && e.status === 404) return null;
          throw e;
        }
      });
    }),
  );
}
