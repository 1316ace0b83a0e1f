import { canonical, defined, noTrailingSlash, State } from "../core";
import { base64Secret, BackupsetProperties, InstanceProperties, OrganizationIds } from "./client";
import { modifyOnlySettings, OrganizationInputs, SalesforceAccount, SyncDatabase } from "./schema";

/** An access node as orgplane reports it (the `memberServers` output): a server or a server group. */
import type { AccessNode } from "./types.generated";

export type { AccessNode };

export const isGroup = (node: AccessNode): node is { clientGroupId: number; clientGroupName: string } =>
  "clientGroupId" in node;
/** A stable key for set comparison: type and id. */
export const nodeKey = (node: AccessNode) =>
  isGroup(node) ? `group:${node.clientGroupId}` : `client:${node.clientId}`;

/** Entity types in `_type_` (notes §4). */
const CLIENT = 3;
const CLIENT_GROUP = 28;
export const LOGIN_HOST = {
  production: "https://login.salesforce.com",
  sandbox: "https://test.salesforce.com",
};
const DB_TYPE = { sqlserver: "2", postgresql: "3" } as const;

export function accountBody(account: SalesforceAccount) {
  return {
    environmentType: account.environment === "sandbox" ? 1 : 0,
    authenticationType: account.authentication === "oauth" ? 1 : 2,
    userCredentials: { userName: account.userName, password: base64Secret(account.password) },
    consumerId: account.consumerId,
    consumerSecret: base64Secret(account.consumerSecret),
    endpoint: account.endpoint ?? LOGIN_HOST[account.environment],
    // Base64 like the password, as Commvault's own SDK sends it (cvpysdk add_salesforce_client).
    ...(account.token !== undefined ? { token: base64Secret(account.token) } : {}),
  };
}

export function syncDatabaseBody(db: SyncDatabase) {
  return {
    dbEnabled: db.enabled,
    dbType: DB_TYPE[db.type],
    dbHost: db.host,
    dbPort: String(db.port),
    dbName: db.name,
    dbUserPassword: { userName: db.userName, password: base64Secret(db.password) },
    ...(db.instance !== undefined ? { dbInstance: db.instance } : {}),
  };
}

/** `{client: {...}}`: a server with id, name and `_type_` 3; a group with its id, name and `_type_` 28. */
export const accessNodeBody = (node: AccessNode) => ({
  client: isGroup(node)
    ? { clientGroupId: node.clientGroupId, clientGroupName: node.clientGroupName, _type_: CLIENT_GROUP }
    : { clientId: node.clientId, clientName: node.clientName, _type_: CLIENT },
});

export interface Resolved {
  plan: { planId: number; planName: string };
  company: { companyId: number; companyName?: string; multiCommcellId?: number };
  nodes?: AccessNode[];
}

export function createBody(inputs: OrganizationInputs, resolved: Resolved) {
  return {
    organizationName: inputs.organizationName,
    plan: { ...resolved.plan, entityInfo: resolved.company },
    ...(resolved.nodes ? { accessNodes: resolved.nodes.map(accessNodeBody) } : {}),
    salesforceAccount: accountBody(inputs.salesforceAccount),
    downloadCachePath: inputs.downloadCachePath,
    ...(inputs.syncDatabase ? { syncDatabase: syncDatabaseBody(inputs.syncDatabase) } : {}),
    useResourcePoolInfo: inputs.useResourcePoolInfo,
  };
}

/** The Modify body for the given input keys (only those Modify knows; others are ignored). */
export function modifyBody(inputs: OrganizationInputs, keys: readonly string[], nodes?: AccessNode[]) {
  const body: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === "salesforceAccount") body.salesforceAccount = accountBody(inputs.salesforceAccount);
    if (key === "downloadCachePath") body.downloadCachePath = inputs.downloadCachePath;
    if (key === "syncDatabase" && inputs.syncDatabase)
      body.syncDatabase = syncDatabaseBody(inputs.syncDatabase);
    if (key === "accessNodes" && nodes) body.accessNodes = nodes.map(accessNodeBody);
    const wireName = modifyOnlySettings[key as keyof typeof modifyOnlySettings];
    const value = inputs[key as keyof OrganizationInputs];
    if (wireName && value !== undefined) body[wireName] = value;
  }
  return body;
}

/** The Modify-only settings given in the inputs. */
export const givenModifyOnlySettings = (inputs: OrganizationInputs) =>
  Object.keys(modifyOnlySettings).filter((key) => inputs[key as keyof OrganizationInputs] !== undefined);

/** The member servers of an instance, as orgplane reports them. */
export function memberServers(instance: InstanceProperties): AccessNode[] {
  const general = instance.cloudAppsInstance?.generalCloudProperties;
  const members = general?.accessNodes?.memberServers?.map((m) => m.client) ?? general?.proxyServers ?? [];
  return members.map((c) =>
    c.clientGroupId !== undefined || c._type_ === CLIENT_GROUP
      ? { clientGroupId: c.clientGroupId!, clientGroupName: c.clientGroupName ?? "" }
      : { clientId: c.clientId!, clientName: c.clientName ?? "" },
  );
}

/** What the server holds, in the inputs' own shape (secrets cannot be read back and are absent). */
export function currentSettings(instance: InstanceProperties, backupset: BackupsetProperties) {
  const sf = instance.cloudAppsInstance?.salesforceInstance ?? {};
  const general = instance.cloudAppsInstance?.generalCloudProperties ?? {};
  const set = backupset.cloudAppsBackupset?.salesforceBackupSet ?? {};
  const db = set.syncDatabase;
  return defined({
    downloadCachePath: set.downloadCachePath,
    salesforceAccount: defined({
      environment:
        sf.environmentType === undefined ? undefined : sf.environmentType === 1 ? "sandbox" : "production",
      authentication:
        sf.authenticationType === undefined ? undefined : sf.authenticationType === 1 ? "oauth" : "password",
      userName: set.userPassword?.userName,
      consumerId: sf.consumerId,
      endpoint: sf.endpoint,
    }),
    syncDatabase:
      db &&
      defined({
        enabled: db.dbEnabled,
        type: db.dbType === "2" ? "sqlserver" : db.dbType === "3" ? "postgresql" : undefined,
        host: db.dbHost,
        port: db.dbPort === undefined ? undefined : Number(db.dbPort),
        name: db.dbName,
        userName: db.dbUserPassword?.userName,
        instance: db.dbInstance,
      }),
    backupFileObjects: set.backupFileObjects,
    backupArchivedAndDeletedRecords: set.backupArchivedandDeletedRecs,
    backupMetadata: set.backupSFMetadata,
    filesPerBackup: set.filesPerBackup,
    backupStreams: general.numberOfBackupStreams,
    excludedObjects: set.ignoreObjs,
  });
}

/**
 * The read values laid over the stored inputs, only where the inputs say something: a setting the user never
 * declared stays undeclared, so refresh shows drift in what is managed and nothing else.
 */
export function overlayDeclared(stored: unknown, read: unknown): unknown {
  if (read === undefined) return stored;
  const isPlain = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === "object" && !Array.isArray(v);
  if (!isPlain(stored) || !isPlain(read)) return read;
  const out: Record<string, unknown> = { ...stored };
  for (const key of Object.keys(stored)) {
    if (stored[key] !== undefined) out[key] = overlayDeclared(stored[key], read[key]);
  }
  return out;
}

export const nodeId = (node: AccessNode) => (isGroup(node) ? node.clientGroupId : node.clientId);
export const nodeName = (node: AccessNode) => (isGroup(node) ? node.clientGroupName : node.clientName);

/** The binding's id: `<organizationId>/client/<clientId>` or `<organizationId>/clientGroup/<clientGroupId>`. */
export const bindingId = (organizationId: string, node: AccessNode) =>
  `${organizationId}/${isGroup(node) ? "clientGroup" : "client"}/${nodeId(node)}`;

/** A binding's outputs: its node and the organization's ids. */
export function bindingState(node: AccessNode, ids: Partial<OrganizationIds>): State {
  return {
    nodeType: isGroup(node) ? "clientGroup" : "client",
    nodeId: nodeId(node),
    nodeName: nodeName(node),
    instanceId: ids.instanceId,
    backupsetId: ids.backupsetId,
  };
}

// Adoption: what an adopting create must write.

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The readable part of a declared block: its write-only secrets cannot be compared with what exists. */
function readable(key: string, value: unknown): unknown {
  if (key === "salesforceAccount") {
    const {
      password: _p,
      consumerSecret: _c,
      token: _t,
      ...rest
    } = value as OrganizationInputs["salesforceAccount"];
    return { ...rest, endpoint: noTrailingSlash(rest.endpoint ?? LOGIN_HOST[rest.environment]) };
  }
  if (key === "syncDatabase") {
    const { password: _p, ...rest } = value as NonNullable<OrganizationInputs["syncDatabase"]>;
    return rest;
  }
  if (key === "excludedObjects") return [...(value as string[])].sort();
  return value;
}

/** What the organization holds for one key, in the form `readable` gives the declared value. */
function held(key: string, now: unknown): unknown {
  if (key === "salesforceAccount" && now)
    return { ...now, endpoint: noTrailingSlash((now as { endpoint?: string }).endpoint) };
  if (key === "excludedObjects" && Array.isArray(now)) return [...now].sort();
  return now;
}

/**
 * The Modify keys an adopting create must write: the declared settings whose readable values differ from the
 * organization's (`current`, from currentSettings). A block whose only difference could be a write-only secret
 * counts as equal: adopting never overwrites a secret on its own; a later change of the secret writes it.
 */
export function adoptionChanges(
  inputs: OrganizationInputs,
  keys: readonly string[],
  current: Record<string, unknown>,
  declaredNodes: AccessNode[] | undefined,
  currentNodes: AccessNode[],
): string[] {
  return keys.filter((key) => {
    const declared = inputs[key as keyof OrganizationInputs];
    if (declared === undefined) return false;
    if (key === "accessNodes") {
      const wanted = (declaredNodes ?? []).map(nodeKey).sort();
      return !same(wanted, currentNodes.map(nodeKey).sort());
    }
    return !same(readable(key, declared), held(key, current[key]));
  });
}
