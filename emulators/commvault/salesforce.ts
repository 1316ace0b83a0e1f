import { FastifyInstance } from "fastify";
import { CLIENT_TYPE, CommvaultState, DEFAULT_CONTENT, SalesforceOrg } from "./state";
import { parseCreate, parseModify, Rejection } from "./validate";
import { cvError, salesforceListItem } from "./views";

const FAILED = 2;
const processed = { processinginstructioninfo: { attributes: [{ name: "exitval", value: "0" }] } };

/** A positive integer from a path or query string, else undefined. */
export const idOf = (value: unknown): number | undefined =>
  typeof value === "string" && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;

/** POST /Salesforce/Organization (create), POST /Salesforce/Organization/{id} (modify), GET (list). */
export function salesforceRoutes(app: FastifyInstance, state: CommvaultState): void {
  app.post("/Salesforce/Organization", async (request, reply) => {
    let parsed;
    try {
      parsed = parseCreate(request.body, state);
    } catch (e) {
      if (e instanceof Rejection) return reply.code(400).send(cvError(e.message, FAILED));
      throw e;
    }
    if (state.clientNameTaken(parsed.clientName)) {
      return reply.code(409).send(cvError(`Client [${parsed.clientName}] already exists`, FAILED));
    }
    const org = state.addOrg({
      clientName: parsed.clientName,
      planId: parsed.plan.planId,
      planName: parsed.plan.planName,
      companyId: parsed.companyId,
      account: parsed.account,
      downloadCachePath: parsed.downloadCachePath,
      syncDatabase: parsed.syncDatabase,
      useResourcePoolInfo: parsed.useResourcePoolInfo,
      accessNodes: parsed.accessNodes,
      content: { ...DEFAULT_CONTENT, ignoreObjs: [] },
    });
    const entity = { clientId: org.clientId, clientName: org.clientName, _type_: CLIENT_TYPE };
    return { ...processed, response: { errorCode: 0, entity } };
  });

  app.post("/Salesforce/Organization/:clientId", async (request, reply) => {
    const org = state.orgs.get(idOf((request.params as { clientId: string }).clientId) ?? -1);
    if (!org) return reply.code(404).send(cvError("Salesforce organization not found", FAILED));
    const query = request.query as { instanceId?: string; backupsetId?: string };
    const instanceId = idOf(query.instanceId);
    const backupsetId = idOf(query.backupsetId);
    if (instanceId === undefined || backupsetId === undefined) {
      return reply.code(400).send(cvError("instanceId and backupsetId are required", FAILED));
    }
    if (instanceId !== org.instanceId || backupsetId !== org.backupsetId) {
      return reply
        .code(400)
        .send(cvError(`instanceId or backupsetId does not belong to client [${org.clientId}]`, FAILED));
    }
    if (org.retired)
      return reply.code(400).send(cvError(`Client [${org.clientName}] is deconfigured`, FAILED));
    let change;
    try {
      change = parseModify(request.body, state);
    } catch (e) {
      if (!(e instanceof Rejection)) throw e;
      // A node that does not exist is refused in the body, with HTTP 200 (inference: legacy API style).
      if (e.missing)
        return { ...processed, response: [{ errorCode: FAILED, warningCode: 0, errorString: e.message }] };
      return reply.code(400).send(cvError(e.message, FAILED));
    }
    applyModify(org, change);
    return { ...processed, response: [{ errorCode: 0, warningCode: 0, warningMessage: "" }] };
  });

  app.get("/Salesforce/Organization", async () => ({
    orgs: [...state.orgs.values()].filter((o) => !o.retired).map(salesforceListItem),
  }));
}

function applyModify(org: SalesforceOrg, change: ReturnType<typeof parseModify>): void {
  if (change.account) org.account = change.account;
  if (change.endpoint) org.account.endpoint = change.endpoint;
  if (change.downloadCachePath) org.downloadCachePath = change.downloadCachePath;
  if (change.syncDatabase) org.syncDatabase = change.syncDatabase;
  // The list is replaced as a whole: Modify has no add or remove.
  if (change.accessNodes) org.accessNodes = change.accessNodes;
  org.content = { ...org.content, ...change.content };
}
