import { randomUUID } from "node:crypto";

/** Entity types Commvault writes in `_type_`: 3 a client, 28 a client group (notes §4). */
export const CLIENT_TYPE = 3;
export const CLIENT_GROUP_TYPE = 28;
/** The Cloud Apps agent and its Salesforce instance type (notes §3). */
export const CLOUD_APPS_ID = 134;
export const SALESFORCE_INSTANCE_TYPE = 3;
/** The CommCell itself, the company of every entity that has no tenant. */
export const COMMCELL = { id: 0, domainName: "Commcell", connectName: "Commcell", guid: randomUUID() };

export interface Plan {
  planId: number;
  planName: string;
}

export interface Company {
  id: number;
  domainName: string;
  connectName: string;
  guid: string;
}

/** A server that can act as an access node when it has the Cloud Apps package. */
export interface Server {
  clientId: number;
  clientName: string;
  hostName: string;
  clientGUID: string;
  companyId: number;
  cloudApps: boolean;
}

export interface ClientGroup {
  clientGroupId: number;
  clientGroupName: string;
  clientIds: number[];
}

export interface AccessNode {
  type: typeof CLIENT_TYPE | typeof CLIENT_GROUP_TYPE;
  id: number;
  name: string;
}

/** Secrets are kept as the Base64 the API received. */
export interface SalesforceAccount {
  environmentType: number;
  authenticationType: number;
  userName: string;
  password: string;
  consumerId: string;
  consumerSecret: string;
  endpoint: string;
  token?: string;
}

export interface SyncDatabase {
  dbEnabled: boolean;
  dbType: string;
  dbHost: string;
  dbPort: string;
  dbName: string;
  userName: string;
  password: string;
  dbInstance?: string;
}

/** The Modify-only settings, under their wire names. */
export interface ContentSettings {
  backupFileObjects: boolean;
  backupArchivedandDeletedRecs: boolean;
  backupSFMetadata: boolean;
  filesPerBackup: number;
  noOfBackupStreams: number;
  ignoreObjs: string[];
}

/** A Salesforce organization: a Cloud Apps pseudo-client with one instance, backup set and subclient. */
export interface SalesforceOrg {
  clientId: number;
  clientName: string;
  clientGUID: string;
  instanceId: number;
  instanceName: string;
  backupsetId: number;
  backupsetName: string;
  subclientId: number;
  planId: number;
  planName: string;
  companyId: number;
  account: SalesforceAccount;
  downloadCachePath: string;
  syncDatabase?: SyncDatabase;
  useResourcePoolInfo: boolean;
  accessNodes: AccessNode[];
  content: ContentSettings;
  /** Backups exist: retire then only deconfigures the client (notes §3.4). The emulator never runs one. */
  hasBackupData: boolean;
  retired: boolean;
  /** List access nodes as flat `proxyServers[]` items (cvpysdk reads them first): clients made by /pseudoClient. */
  proxyServers?: boolean;
}

/** Content settings of a new org. Not documented: the emulator's own choice. */
export const DEFAULT_CONTENT: ContentSettings = {
  backupFileObjects: true,
  backupArchivedandDeletedRecs: false,
  backupSFMetadata: true,
  filesPerBackup: 0,
  noOfBackupStreams: 2,
  ignoreObjs: [],
};

type AllocatedField =
  | "clientId"
  | "clientGUID"
  | "instanceId"
  | "instanceName"
  | "backupsetId"
  | "backupsetName"
  | "subclientId"
  | "hasBackupData"
  | "retired";

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Everything the Commvault emulator knows, with the demo seed. */
export class CommvaultState {
  plans: Plan[] = [];
  companies: Company[] = [];
  servers: Server[] = [];
  clientGroups: ClientGroup[] = [];
  orgs = new Map<number, SalesforceOrg>();
  /**
   * Report access nodes as `generalCloudProperties.proxyServers[]`, flat items (`proxyServers[0].clientName`),
   * as cvpysdk's `salesforce_instance.proxy_client` reads them, instead of `accessNodes.memberServers[].client`.
   */
  proxyServers = false;
  /** List client groups only as `{name, Id}`, the fields cvpysdk's `_get_clientgroups` reads. */
  flatClientGroups = false;
  private nextId = { client: 1001, instance: 2001, backupset: 3001, subclient: 4001 };

  constructor() {
    this.seed();
  }

  /** Two plans, a tenant company, four servers (three access nodes) and two server groups. */
  seed(): void {
    this.plans = [
      { planId: 11, planName: "Salesforce Gold" },
      { planId: 12, planName: "Salesforce Silver" },
    ];
    this.companies = [COMMCELL, { id: 7, domainName: "acme", connectName: "Acme Corp", guid: randomUUID() }];
    const server = (clientId: number, clientName: string, cloudApps: boolean, companyId = 0): Server => ({
      clientId,
      clientName,
      hostName: `${clientName}.cv.local`,
      clientGUID: randomUUID().toUpperCase(),
      companyId,
      cloudApps,
    });
    this.servers = [
      server(101, "cv-access-01", true),
      server(102, "cv-access-02", true),
      server(103, "cv-access-03", true, 7),
      server(110, "cv-media-01", false),
    ];
    this.clientGroups = [
      { clientGroupId: 201, clientGroupName: "sf-access-pool", clientIds: [101, 102] },
      { clientGroupId: 202, clientGroupName: "linux-proxies", clientIds: [103, 110] },
    ];
    this.orgs.clear();
    this.nextId = { client: 1001, instance: 2001, backupset: 3001, subclient: 4001 };
  }

  planById = (id: number) => this.plans.find((p) => p.planId === id);
  planByName = (name: string) => this.plans.find((p) => sameName(p.planName, name));
  companyById = (id: number) => this.companies.find((c) => c.id === id);
  companyByName = (name: string) =>
    this.companies.find((c) => sameName(c.connectName, name) || sameName(c.domainName, name));
  serverById = (id: number) => this.servers.find((s) => s.clientId === id);
  serverByName = (name: string) => this.servers.find((s) => sameName(s.clientName, name));
  groupById = (id: number) => this.clientGroups.find((g) => g.clientGroupId === id);
  groupByName = (name: string) => this.clientGroups.find((g) => sameName(g.clientGroupName, name));
  orgByName = (name: string) => [...this.orgs.values()].find((o) => sameName(o.clientName, name));

  /** Any client, server or Salesforce pseudo-client, holding this name. */
  clientNameTaken(name: string): boolean {
    return !!this.serverByName(name) || !!this.orgByName(name);
  }

  addOrg(fields: Omit<SalesforceOrg, AllocatedField>): SalesforceOrg {
    const org: SalesforceOrg = { ...fields, ...this.allocate(fields.clientName) };
    this.orgs.set(org.clientId, org);
    return org;
  }

  private allocate(clientName: string): Pick<SalesforceOrg, AllocatedField> {
    return {
      clientId: this.nextId.client++,
      clientGUID: randomUUID().toUpperCase(),
      instanceId: this.nextId.instance++,
      instanceName: clientName,
      backupsetId: this.nextId.backupset++,
      backupsetName: "defaultBackupSet",
      subclientId: this.nextId.subclient++,
      hasBackupData: false,
      retired: false,
    };
  }
}
