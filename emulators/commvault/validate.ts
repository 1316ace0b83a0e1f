import {
  AccessNode,
  CLIENT_GROUP_TYPE,
  CLIENT_TYPE,
  CommvaultState,
  ContentSettings,
  Plan,
  SalesforceAccount,
  SyncDatabase,
} from "./state";

/** A request the API refuses. `missing`: a referenced entity does not exist (as opposed to a malformed field). */
export class Rejection extends Error {
  constructor(
    message: string,
    readonly missing = false,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => !!v && typeof v === "object" && !Array.isArray(v);

/** Strict Base64 (what the API wants for every password and secret). */
export function isBase64(value: string): boolean {
  return (
    value.length % 4 === 0 &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
    Buffer.from(value, "base64").toString("base64") === value
  );
}

function objectAt(body: Body, key: string, path: string, required: boolean): Body | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw new Rejection(`${path}${key} is required`);
    return undefined;
  }
  if (!isObject(value)) throw new Rejection(`${path}${key} must be an object`);
  return value;
}

function stringAt(body: Body, key: string, path: string, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw new Rejection(`${path}${key} is required`);
    return undefined;
  }
  if (typeof value !== "string") throw new Rejection(`${path}${key} must be a string`);
  if (required && value.trim() === "") throw new Rejection(`${path}${key} cannot be empty`);
  return value;
}

function intAt(body: Body, key: string, path: string, range: [number, number]): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new Rejection(`${path}${key} must be an integer`);
  }
  if (value < range[0] || value > range[1]) {
    throw new Rejection(`${path}${key} must be between ${range[0]} and ${range[1]}`);
  }
  return value;
}

function boolAt(body: Body, key: string, path: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new Rejection(`${path}${key} must be a boolean`);
  return value;
}

function base64At(body: Body, key: string, path: string): string {
  const value = stringAt(body, key, path, true)!;
  if (!isBase64(value)) throw new Rejection(`${path}${key} must be Base64 encoded`);
  return value;
}

const LOGIN_HOSTS = ["https://login.salesforce.com", "https://test.salesforce.com"];

export function parseAccount(raw: Body): SalesforceAccount {
  const path = "salesforceAccount.";
  const authenticationType = intAt(raw, "authenticationType", path, [1, 2]);
  if (authenticationType === undefined) throw new Rejection(`${path}authenticationType is required`);
  const environmentType = intAt(raw, "environmentType", path, [0, 1]) ?? 0;
  const credentials = objectAt(raw, "userCredentials", path, true)!;
  const endpoint = stringAt(raw, "endpoint", path, false);
  if (endpoint && !/^https:\/\/[^\s/]+/.test(endpoint)) {
    throw new Rejection(`${path}endpoint must be an https URL`);
  }
  return {
    environmentType,
    authenticationType,
    userName: stringAt(credentials, "userName", `${path}userCredentials.`, true)!,
    password: base64At(credentials, "password", `${path}userCredentials.`),
    consumerId: stringAt(raw, "consumerId", path, true)!,
    consumerSecret: base64At(raw, "consumerSecret", path),
    // Seed 000 shows an empty default; the login host for the environment is what the UI fills in.
    endpoint: endpoint || LOGIN_HOSTS[environmentType],
    // cvpysdk's add_salesforce_client Base64-encodes the token like the password; the docs do not say.
    token: raw.token === undefined || raw.token === "" ? undefined : base64At(raw, "token", path),
  };
}

export function parseSyncDatabase(raw: Body): SyncDatabase {
  const path = "syncDatabase.";
  const dbEnabled = boolAt(raw, "dbEnabled", path);
  if (dbEnabled === undefined) throw new Rejection(`${path}dbEnabled is required`);
  const dbType = stringAt(raw, "dbType", path, true)!;
  if (dbType !== "2" && dbType !== "3") {
    throw new Rejection(`${path}dbType must be "2" (SQL Server) or "3" (PostgreSQL)`);
  }
  const dbPort = stringAt(raw, "dbPort", path, true)!;
  if (!/^\d{1,5}$/.test(dbPort) || Number(dbPort) < 1 || Number(dbPort) > 65535) {
    throw new Rejection(`${path}dbPort must be a port number`);
  }
  const credentials = objectAt(raw, "dbUserPassword", path, true)!;
  return {
    dbEnabled,
    dbType,
    dbHost: stringAt(raw, "dbHost", path, true)!,
    dbPort,
    dbName: stringAt(raw, "dbName", path, true)!,
    userName: stringAt(credentials, "userName", `${path}dbUserPassword.`, true)!,
    password: base64At(credentials, "password", `${path}dbUserPassword.`),
    dbInstance: stringAt(raw, "dbInstance", path, false),
  };
}

/** One access node: a server (`_type_` 3, id and name) or a server group (`_type_` 28, id or name). */
function parseAccessNode(raw: unknown, index: number, state: CommvaultState): AccessNode {
  const path = `accessNodes[${index}].client.`;
  if (!isObject(raw) || !isObject(raw.client))
    throw new Rejection(`accessNodes[${index}].client is required`);
  const client = raw.client;
  const isGroup =
    client._type_ === CLIENT_GROUP_TYPE || client.clientGroupId !== undefined || !!client.clientGroupName;
  if (isGroup) {
    const id = intAt(client, "clientGroupId", path, [1, 2 ** 31]);
    const name = stringAt(client, "clientGroupName", path, false);
    if (id === undefined && !name) throw new Rejection(`${path}clientGroupId or clientGroupName is required`);
    const group = id !== undefined ? state.groupById(id) : state.groupByName(name!);
    if (!group) throw new Rejection(`Client group [${id ?? name}] does not exist`, true);
    if (name && group.clientGroupName.toLowerCase() !== name.toLowerCase()) {
      throw new Rejection(`${path}clientGroupName [${name}] does not match clientGroupId [${id}]`);
    }
    return { type: CLIENT_GROUP_TYPE, id: group.clientGroupId, name: group.clientGroupName };
  }
  // The docs mark both clientId and clientName required for a server.
  const id = intAt(client, "clientId", path, [1, 2 ** 31]);
  const name = stringAt(client, "clientName", path, true)!;
  if (id === undefined) throw new Rejection(`${path}clientId is required`);
  const server = state.serverById(id);
  if (!server) throw new Rejection(`Client [${id}] does not exist`, true);
  if (server.clientName.toLowerCase() !== name.toLowerCase()) {
    throw new Rejection(`${path}clientName [${name}] does not match clientId [${id}]`);
  }
  if (!server.cloudApps) {
    throw new Rejection(
      `Client [${server.clientName}] has no Cloud Apps package and cannot be an access node`,
    );
  }
  return { type: CLIENT_TYPE, id: server.clientId, name: server.clientName };
}

export function parseAccessNodes(raw: unknown, state: CommvaultState): AccessNode[] {
  if (!Array.isArray(raw)) throw new Rejection("accessNodes must be an array");
  const nodes = raw.map((item, i) => parseAccessNode(item, i, state));
  const keys = nodes.map((n) => `${n.type}:${n.id}`);
  const duplicate = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (duplicate >= 0) throw new Rejection(`accessNodes[${duplicate}] is listed twice`);
  return nodes;
}

export interface CreateRequest {
  clientName: string;
  plan: Plan;
  companyId: number;
  account: SalesforceAccount;
  downloadCachePath: string;
  syncDatabase?: SyncDatabase;
  useResourcePoolInfo: boolean;
  accessNodes: AccessNode[];
}

function parsePlan(body: Body, state: CommvaultState): { plan: Plan; companyId: number } {
  // Not marked required at top level; an org without a plan could not back up (inference).
  const raw = objectAt(body, "plan", "", true)!;
  const planId = intAt(raw, "planId", "plan.", [1, 2 ** 31]);
  const planName = stringAt(raw, "planName", "plan.", true)!;
  if (planId === undefined) throw new Rejection("plan.planId is required");
  const plan = state.planById(planId);
  if (!plan) throw new Rejection(`Plan [${planId}] does not exist`, true);
  if (plan.planName.toLowerCase() !== planName.toLowerCase()) {
    throw new Rejection(`plan.planName [${planName}] does not match plan.planId [${planId}]`);
  }
  const entity = objectAt(raw, "entityInfo", "plan.", false);
  if (!entity) return { plan, companyId: 0 };
  const companyId = intAt(entity, "companyId", "plan.entityInfo.", [0, 2 ** 31]);
  if (companyId === undefined) throw new Rejection("plan.entityInfo.companyId is required");
  const company = state.companyById(companyId);
  if (!company) throw new Rejection(`Company [${companyId}] does not exist`, true);
  const companyName = stringAt(entity, "companyName", "plan.entityInfo.", false);
  const names = [company.connectName, company.domainName].map((n) => n.toLowerCase());
  if (companyName && !names.includes(companyName.toLowerCase())) {
    throw new Rejection(
      `plan.entityInfo.companyName [${companyName}] does not match companyId [${companyId}]`,
    );
  }
  intAt(entity, "multiCommcellId", "plan.entityInfo.", [0, 2 ** 31]);
  return { plan, companyId };
}

/** POST /Salesforce/Organization: required fields, enums, Base64 secrets, and that references exist. */
export function parseCreate(body: unknown, state: CommvaultState): CreateRequest {
  if (!isObject(body)) throw new Rejection("The request body must be a JSON object");
  const clientName = stringAt(body, "organizationName", "", true)!;
  const { plan, companyId } = parsePlan(body, state);
  const account = parseAccount(objectAt(body, "salesforceAccount", "", true)!);
  const downloadCachePath = stringAt(body, "downloadCachePath", "", true)!;
  const sync = objectAt(body, "syncDatabase", "", false);
  return {
    clientName,
    plan,
    companyId,
    account,
    downloadCachePath,
    syncDatabase: sync && parseSyncDatabase(sync),
    useResourcePoolInfo: boolAt(body, "useResourcePoolInfo", "") ?? false,
    accessNodes: body.accessNodes === undefined ? [] : parseAccessNodes(body.accessNodes, state),
  };
}

export interface ModifyRequest {
  account?: SalesforceAccount;
  endpoint?: string;
  downloadCachePath?: string;
  syncDatabase?: SyncDatabase;
  accessNodes?: AccessNode[];
  content: Partial<ContentSettings>;
}

/** POST /Salesforce/Organization/{id}: every field optional; objects are validated as on create. */
export function parseModify(body: unknown, state: CommvaultState): ModifyRequest {
  if (!isObject(body)) throw new Rejection("The request body must be a JSON object");
  const account = objectAt(body, "salesforceAccount", "", false);
  const sync = objectAt(body, "syncDatabase", "", false);
  const ignoreObjs = body.ignoreObjs;
  if (
    ignoreObjs !== undefined &&
    !(Array.isArray(ignoreObjs) && ignoreObjs.every((o) => typeof o === "string"))
  ) {
    throw new Rejection("ignoreObjs must be an array of strings");
  }
  const content: Partial<ContentSettings> = {
    backupFileObjects: boolAt(body, "backupFileObjects", ""),
    backupArchivedandDeletedRecs: boolAt(body, "backupArchivedandDeletedRecs", ""),
    backupSFMetadata: boolAt(body, "backupSFMetadata", ""),
    filesPerBackup: intAt(body, "filesPerBackup", "", [0, 2 ** 31]),
    noOfBackupStreams: intAt(body, "noOfBackupStreams", "", [1, 2 ** 31]),
    ignoreObjs: ignoreObjs as string[] | undefined,
  };
  return {
    account: account && parseAccount(account),
    endpoint: stringAt(body, "endpoint", "", false),
    downloadCachePath: stringAt(body, "downloadCachePath", "", false),
    syncDatabase: sync && parseSyncDatabase(sync),
    accessNodes: body.accessNodes === undefined ? undefined : parseAccessNodes(body.accessNodes, state),
    content: Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined)),
  };
}
