import { FastifyInstance } from "fastify";
import { idOf } from "./salesforce";
import { CLIENT_TYPE, CLOUD_APPS_ID, CommvaultState, DEFAULT_CONTENT } from "./state";
import { isBase64 } from "./validate";
import { backupsetView, cvError, instanceView } from "./views";

/**
 * The calls cvpysdk 11.44 makes on its way to a Salesforce client: the access-node list, agents, one
 * instance or backup set by id, and `POST /pseudoClient` as `Clients.add_salesforce_client` sends it.
 */
export function sdkRoutes(app: FastifyInstance, state: CommvaultState): void {
  const notFound = (what: string) => cvError(`${what} not found`, 2);

  // cvpysdk `Clients._get_virtualization_access_nodes` reads clients[].{clientId, clientName, displayName,
  // hostName}. INVENTED: which clients appear; here the servers that can be access nodes.
  app.get("/VSAClientAndClientGroupList", async () => ({
    clients: state.servers
      .filter((s) => s.cloudApps)
      .map((s) => ({
        clientId: s.clientId,
        clientName: s.clientName,
        displayName: s.clientName,
        hostName: s.hostName,
      })),
  }));

  // cvpysdk `Agents._get_agents` and `Agent._get_agent_properties` (services GET_ALL_AGENTS, GET_AGENT).
  app.get("/Agent", async (request, reply) => {
    const q = request.query as { clientId?: string; applicationId?: string };
    const clientId = idOf(q.clientId);
    const org = state.orgs.get(clientId ?? -1);
    const server = state.serverById(clientId ?? -1);
    if (!org && !server) return reply.code(404).send(notFound("Client"));
    const client = (org ?? server)!;
    // INVENTED: a server's agents (File System, and Cloud Apps where it has the package).
    const agents = org ? [[CLOUD_APPS_ID, "Cloud Apps"]] : [[33, "File System"]];
    if (server?.cloudApps) agents.push([CLOUD_APPS_ID, "Cloud Apps"]);
    const wanted = agents.filter(([id]) => !q.applicationId || String(id) === q.applicationId);
    return {
      agentProperties: wanted.map(([applicationId, appName]) => ({
        idaEntity: { clientId: client.clientId, clientName: client.clientName, applicationId, appName },
        idaActivityControl: {
          activityControlOptions: [1, 2].map((activityType) => ({ activityType, enableActivityType: true })),
        },
      })),
    };
  });

  const orgBy = (key: "instanceId" | "backupsetId", id: number | undefined) =>
    [...state.orgs.values()].find((o) => o[key] === id);
  // cvpysdk `CloudAppsInstance.__new__` and `Instance._get_instance_properties` (services INSTANCE).
  app.get("/Instance/:instanceId", async (request, reply) => {
    const org = orgBy("instanceId", idOf((request.params as { instanceId: string }).instanceId));
    const view = org && instanceView(org, state.proxyServers);
    return view ? { instanceProperties: [view] } : reply.code(404).send(notFound("Instance"));
  });
  // cvpysdk `Backupset._get_backupset_properties` (services BACKUPSET).
  app.get("/Backupset/:backupsetId", async (request, reply) => {
    const org = orgBy("backupsetId", idOf((request.params as { backupsetId: string }).backupsetId));
    return org ? { backupsetProperties: [backupsetView(org)] } : reply.code(404).send(notFound("Backup set"));
  });

  // cvpysdk `Subclients._get_subclients` (services GET_ALL_SUBCLIENTS), listed when a backup set is opened.
  app.get("/Subclient", async (request, reply) => {
    const org = state.orgs.get(idOf((request.query as { clientId?: string }).clientId) ?? -1);
    if (!org) return reply.code(404).send(notFound("Client"));
    const { clientId, clientName, instanceId, instanceName, backupsetId, backupsetName, subclientId } = org;
    const subClientEntity = {
      ...{ clientId, clientName, instanceId, instanceName, backupsetId, backupsetName, subclientId },
      // Commvault names a backup set's first subclient "default".
      ...{ subclientName: "default", appName: "Cloud Apps", applicationId: CLOUD_APPS_ID, _type_: 7 },
    };
    return { subClientProperties: [{ subClientEntity, commonProperties: { isDefaultSubclient: true } }] };
  });

  // cvpysdk `Schedules._get_schedules`, read when a backup set is opened. The emulator runs no schedules.
  app.get("/Schedules", async () => ({ taskDetail: [] }));

  app.post("/pseudoClient", async (request) => {
    const parsed = parsePseudoClient(request.body, state);
    if (typeof parsed === "string") return { response: { errorCode: 2, errorString: parsed } };
    const org = state.addOrg(parsed);
    return {
      response: {
        errorCode: 0,
        entity: { clientId: org.clientId, clientName: org.clientName, _type_: CLIENT_TYPE },
      },
    };
  });
}

type Body = Record<string, unknown>;
type NewOrg = Parameters<CommvaultState["addOrg"]>[0];
const obj = (value: unknown): Body => (value && typeof value === "object" ? (value as Body) : {});
const DB_TYPES: Record<string, string> = { SQLSERVER: "2", POSTGRESQL: "3" };

/**
 * The body cvpysdk `add_salesforce_client` posts (client.py, `clientInfo.cloudClonnectorProperties`, sic).
 * Failures answer 200 with `response.errorCode` and `errorString`, the branch cvpysdk reads.
 */
function parsePseudoClient(body: unknown, state: CommvaultState): NewOrg | string {
  const info = obj(obj(body).clientInfo);
  if (info.clientType !== 15) return "clientInfo.clientType must be 15 (pseudo-client)";
  const connector = obj(info.cloudClonnectorProperties);
  if (connector.instanceType !== 3) return "Only Salesforce (instanceType 3) pseudo-clients are emulated";
  const instance = obj(connector.instance);
  const cloudApps = obj(instance.cloudAppsInstance);
  const sf = obj(cloudApps.salesforceInstance);
  const defaults = obj(sf.defaultBackupsetProp);
  const user = obj(defaults.userPassword);
  const general = obj(cloudApps.generalCloudProperties);
  const clientName = String(obj(instance.instance).clientName ?? obj(obj(body).entity).clientName ?? "");
  if (!clientName) return "clientName is required";
  if (state.clientNameTaken(clientName)) return `Client [${clientName}] already exists`;
  for (const [key, value] of [
    ["consumerSecret", sf.consumerSecret],
    ["password", user.password],
  ] as const) {
    if (typeof value !== "string" || !value || !isBase64(value)) return `${key} must be Base64 encoded`;
  }
  // cvpysdk Base64-encodes the security token too (an empty one when there is none).
  if (
    defaults.token !== undefined &&
    defaults.token !== "" &&
    (typeof defaults.token !== "string" || !isBase64(defaults.token))
  )
    return "token must be Base64 encoded";
  if (typeof sf.consumerId !== "string" || typeof user.userName !== "string")
    return "consumerId and userPassword.userName are required";
  const members = (obj(general.accessNodes).memberServers ?? []) as { client?: Body }[];
  const nodes: NewOrg["accessNodes"] = [];
  for (const member of members) {
    const server = state.serverByName(String(obj(member.client).clientName ?? ""));
    if (!server?.cloudApps)
      return `Access node [${obj(member.client).clientName}] is not a Cloud Apps server`;
    nodes.push({ type: CLIENT_TYPE, id: server.clientId, name: server.clientName });
  }
  const endpoint = String(sf.endpoint || "https://login.salesforce.com");
  const db = obj(defaults.syncDatabase);
  const creds = obj(db.dbUserPassword);
  return {
    clientName,
    // INVENTED: a pseudo-client made this way has no plan until one is associated.
    planId: 0,
    planName: "",
    companyId: 0,
    account: {
      environmentType: /test\.salesforce\.com/.test(endpoint) ? 1 : 0,
      // INVENTED: username-password with a connected app is what this body carries.
      authenticationType: 2,
      userName: user.userName,
      password: user.password as string,
      consumerId: sf.consumerId,
      consumerSecret: sf.consumerSecret as string,
      endpoint,
      token: typeof defaults.token === "string" && defaults.token ? defaults.token : undefined,
    },
    downloadCachePath: String(defaults.downloadCachePath || "/tmp"),
    syncDatabase: db.dbEnabled
      ? {
          dbEnabled: true,
          dbType: DB_TYPES[String(db.dbType)] ?? String(db.dbType),
          dbHost: String(db.dbHost ?? ""),
          dbPort: String(db.dbPort ?? ""),
          dbName: String(db.dbName ?? ""),
          userName: String(creds.userName ?? ""),
          password: String(creds.password ?? ""),
        }
      : undefined,
    useResourcePoolInfo: false,
    accessNodes: nodes,
    // cvpysdk's `proxy_client` reads proxyServers[0].clientName before memberServers.
    proxyServers: true,
    content: {
      ...DEFAULT_CONTENT,
      noOfBackupStreams: Number(general.numberOfBackupStreams) || 2,
      ignoreObjs: [],
    },
  };
}
