import { FastifyInstance } from "fastify";
import { CLIENT_TYPE, CLOUD_APPS_ID, CommvaultState, SalesforceOrg, Server } from "./state";
import { idOf } from "./salesforce";
import { backupsetView, clientView, cvError, instanceView } from "./views";

const FAILED = 2;
const MISSING_ID = -32000;
const processed = { processinginstructioninfo: { attributes: [{ name: "exitval", value: "0" }] } };

/** `fq=name:eq:X` (the filter the Terraform provider sends): the name, "" for no filter, undefined if unsupported. */
export function nameFilter(query: unknown): string | undefined {
  const fq = (query as { fq?: string }).fq;
  if (fq === undefined) return "";
  const match = /^name:eq:(.+)$/i.exec(fq);
  return match ? match[1] : undefined;
}

/** A client by numeric id or by `byName(clientName='X')`. */
function findClient(state: CommvaultState, ref: string): Server | SalesforceOrg | undefined {
  const byName = /^byName\(clientName='(.+)'\)$/i.exec(ref);
  if (byName) return state.serverByName(byName[1]) ?? state.orgByName(byName[1]);
  const id = idOf(ref);
  return id === undefined ? undefined : (state.serverById(id) ?? state.orgs.get(id));
}

const notFound = (what: string) => cvError(`${what} not found`, FAILED);

/** GET/DELETE /Client, /Client/{id}, /Client/{id}/Retire, GET /Instance, /Backupset and /GetId. */
export function clientRoutes(app: FastifyInstance, state: CommvaultState): void {
  app.get("/Client", async (request, reply) => {
    const name = nameFilter(request.query);
    if (name === undefined) return reply.code(400).send(cvError("Unsupported filter in fq", FAILED));
    const onlyCloudApps = (request.query as { PseudoClientType?: string }).PseudoClientType === "CloudApps";
    const all: (Server | SalesforceOrg)[] = [...(onlyCloudApps ? [] : state.servers), ...state.orgs.values()];
    const matching = all.filter((c) => !name || c.clientName.toLowerCase() === name.toLowerCase());
    return { clientProperties: matching.map((c) => clientView(state, c)) };
  });

  app.get("/Client/:ref", async (request, reply) => {
    const client = findClient(state, (request.params as { ref: string }).ref);
    if (!client) return reply.code(404).send(notFound("Client"));
    return { clientProperties: [clientView(state, client)] };
  });

  app.delete("/Client/:ref", async (request, reply) => {
    const client = findClient(state, (request.params as { ref: string }).ref);
    if (!client) return reply.code(404).send(notFound("Client"));
    const force = (request.query as { forceDelete?: string }).forceDelete;
    const isOrg = "instanceId" in client;
    if (isOrg && !client.retired && force !== "true" && force !== "1") {
      // Only a deconfigured client can be deleted without forceDelete (inference from the delete docs).
      const errorString = `Client [${client.clientName}] is not deconfigured; retire it first or use forceDelete`;
      return { ...processed, response: [{ errorCode: FAILED, errorString }] };
    }
    if (isOrg) state.orgs.delete(client.clientId);
    else removeServer(state, client.clientId);
    const entity = { clientId: client.clientId, clientName: client.clientName, _type_: CLIENT_TYPE };
    return { ...processed, response: [{ errorCode: 0, entity }] };
  });

  app.delete("/Client/:ref/Retire", async (request, reply) => {
    const client = findClient(state, (request.params as { ref: string }).ref);
    if (!client) return reply.code(404).send(notFound("Client"));
    if (!("instanceId" in client)) removeServer(state, client.clientId);
    // Retire deletes a client without backup data and deconfigures one with data (notes §3.4).
    else if (client.hasBackupData) client.retired = true;
    else state.orgs.delete(client.clientId);
    return { ...processed, response: { errorCode: 0, errorString: "" } };
  });

  const orgFor = (query: unknown) => state.orgs.get(idOf((query as { clientId?: string }).clientId) ?? -1);

  app.get("/Instance", async (request, reply) => {
    const clientId = idOf((request.query as { clientId?: string }).clientId);
    if (clientId === undefined) return reply.code(400).send(cvError("clientId is required", FAILED));
    const org = orgFor(request.query);
    if (org) return { instanceProperties: [instanceView(org, state.proxyServers)] };
    return state.serverById(clientId) ? { instanceProperties: [] } : reply.code(404).send(notFound("Client"));
  });

  app.get("/Backupset", async (request, reply) => {
    const clientId = idOf((request.query as { clientId?: string }).clientId);
    if (clientId === undefined) return reply.code(400).send(cvError("clientId is required", FAILED));
    const org = orgFor(request.query);
    if (org) return { backupsetProperties: [backupsetView(org)] };
    return state.serverById(clientId)
      ? { backupsetProperties: [] }
      : reply.code(404).send(notFound("Client"));
  });

  app.get("/GetId", async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const org = q.clientname ? state.orgByName(q.clientname) : undefined;
    const server = q.clientname ? state.serverByName(q.clientname) : undefined;
    const cloudApps = !q.agent || /^cloud ?apps$/i.test(q.agent);
    const instanceOk =
      org &&
      cloudApps &&
      (!q.instanceName || q.instanceName.toLowerCase() === org.instanceName.toLowerCase());
    const backupsetOk =
      instanceOk && (!q.backupset || q.backupset.toLowerCase() === org!.backupsetName.toLowerCase());
    const ids = {
      clientId: org?.clientId ?? server?.clientId ?? MISSING_ID,
      appId: cloudApps ? CLOUD_APPS_ID : MISSING_ID,
      instanceId: instanceOk ? org!.instanceId : MISSING_ID,
      backupsetId: backupsetOk ? org!.backupsetId : MISSING_ID,
      subclientId: backupsetOk ? org!.subclientId : MISSING_ID,
    };
    // A partial match answers 404 with the ids that were found (notes §3.3).
    const wanted = [ids.clientId, q.agent ? ids.instanceId : 0, q.backupset ? ids.backupsetId : 0];
    return wanted.includes(MISSING_ID) ? reply.code(404).send(ids) : ids;
  });
}

function removeServer(state: CommvaultState, clientId: number): void {
  state.servers = state.servers.filter((s) => s.clientId !== clientId);
  for (const group of state.clientGroups) group.clientIds = group.clientIds.filter((id) => id !== clientId);
}
