import {
  ApiError,
  registerSecret,
  clientFactory,
  SessionPool,
  pathSegment,
  SharedReads,
  noTrailingSlash,
} from "../core";
import { BackendClient, type HttpResponse, type RequestOptions } from "../core/http";
import { connectionSource } from "./schema";
import type { CommvaultConnection } from "./types.generated";

const BACKEND = "commvault";

/** Base64 of the UTF-8 text, as the API wants every password and secret. The encoding is a secret too. */
export function base64Secret(plain: string): string {
  const encoded = Buffer.from(plain, "utf8").toString("base64");
  registerSecret(plain);
  registerSecret(encoded);
  return encoded;
}

type ErrorFields = {
  errorCode?: unknown;
  errorMessage?: string;
  errorString?: string;
  errLogMessage?: string;
};

/** Every place an error can sit in a Commvault body: top level, `response` (object or list), `error`, `errList`. */
function errorCandidates(body: unknown): ErrorFields[] {
  if (!body || typeof body !== "object") return [];
  const b = body as { response?: unknown; error?: unknown; errList?: unknown };
  const response = Array.isArray(b.response) ? b.response : [b.response];
  const errList = Array.isArray(b.errList) ? b.errList : [];
  return [body, ...response, b.error, ...errList].filter(
    (c): c is ErrorFields => !!c && typeof c === "object",
  );
}

const isFailure = (c: ErrorFields) => typeof c.errorCode === "number" && c.errorCode !== 0;
const messageOf = (c: ErrorFields) => c.errorMessage || c.errorString || c.errLogMessage || undefined;

/** The API's own code and message from an error body (`{errorMessage, errorCode}` and its relatives). */
export function parseCommvaultError(body: unknown): { code?: string; message?: string } {
  const candidates = errorCandidates(body);
  const failed = candidates.find(isFailure);
  const withMessage = failed ?? candidates.find((c) => messageOf(c));
  if (!withMessage) return {};
  const code = withMessage.errorCode === undefined ? undefined : String(withMessage.errorCode);
  return { code, message: messageOf(withMessage) };
}

/** A 200 reply that reports a failure in its body (non-zero `errorCode`) counts as an error (core isErrorBody). */
const hasEmbeddedFailure = (body: unknown) => errorCandidates(body).some(isFailure);

/** Shapes of the replies this client reads. */
export interface ClientEntity {
  clientId: number;
  clientName: string;
  hostName?: string;
  displayName?: string;
}
export interface MemberServer {
  client: {
    clientId?: number;
    clientName?: string;
    clientGroupId?: number;
    clientGroupName?: string;
    _type_?: number;
  };
}
export interface InstanceProperties {
  instance: { clientId: number; clientName: string; instanceId: number; instanceName?: string };
  planEntity?: { planId?: number; planName?: string };
  cloudAppsInstance?: {
    salesforceInstance?: {
      endpoint?: string;
      consumerId?: string;
      environmentType?: number;
      authenticationType?: number;
    };
    generalCloudProperties?: {
      numberOfBackupStreams?: number;
      accessNodes?: { memberServers?: MemberServer[] };
      /** Flat items, unlike memberServers (cvpysdk `salesforce_instance.proxy_client`). */
      proxyServers?: MemberServer["client"][];
    };
  };
}
export interface SalesforceBackupSet {
  downloadCachePath?: string;
  userPassword?: { userName?: string };
  backupFileObjects?: boolean;
  backupArchivedandDeletedRecs?: boolean;
  backupSFMetadata?: boolean;
  filesPerBackup?: number;
  ignoreObjs?: string[];
  syncDatabase?: {
    dbEnabled?: boolean;
    dbType?: string;
    dbHost?: string;
    dbPort?: string;
    dbName?: string;
    dbInstance?: string;
    dbUserPassword?: { userName?: string };
  };
}
export interface BackupsetProperties {
  backupSetEntity: { clientId: number; instanceId: number; backupsetId: number; backupsetName?: string };
  cloudAppsBackupset?: { salesforceBackupSet?: SalesforceBackupSet };
}
export interface SalesforceOrgSummary {
  clientId: number;
  clientName: string;
  instanceId: number;
  backupsetId: number;
  backupsetName?: string;
}
export interface Plan {
  planId: number;
  planName: string;
}
export interface Company {
  companyId: number;
  companyName: string;
}
export interface ClientGroup {
  clientGroupId: number;
  clientGroupName: string;
}
/** `GET /ClientGroup` items: nested under `clientGroup`, or `{name, Id}` as cvpysdk reads them. */
type ClientGroupList = { groups?: { clientGroup?: ClientGroup; name?: string; Id?: number }[] };
const groupsOf = (list: ClientGroupList | undefined): ClientGroup[] =>
  (list?.groups ?? []).map(
    (g) => g.clientGroup ?? { clientGroupId: Number(g.Id), clientGroupName: g.name ?? "" },
  );

/** The ids Modify needs. */
export interface OrganizationIds {
  clientId: number;
  instanceId: number;
  backupsetId: number;
}

const sessions = new SessionPool<{ authtoken: string }>();
/** The Salesforce organization list, shared by concurrent creates' existence checks (each sees it as of its call). */
const organizationLists = new SharedReads();
/** How many logins this process started (tests and benchmarks). */
export const loginCount = () => sessions.logins;

const same = (a: string | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();
const fq = (name: string) => `fq=${encodeURIComponent(`name:eq:${name}`)}`;

/** Typed calls to the Commvault REST API, one login per process and credential. */
export class CommvaultClient extends BackendClient<CommvaultConnection> {
  constructor(connection: CommvaultConnection) {
    super(connection, { backend: BACKEND, parseError: parseCommvaultError, isErrorBody: hasEmbeddedFailure });
  }

  /** What cached lookups are scoped to: this server and credential. */
  get lookupScope(): string {
    return this.key;
  }

  /** The API root this client talks to (also the scope of per-organization locks). */
  get baseUrl(): string {
    return noTrailingSlash(this.connection.url);
  }

  /** The resource's connection input, else COMMVAULT_URL with COMMVAULT_TOKEN or COMMVAULT_USERNAME/PASSWORD. */
  static readonly for = clientFactory(connectionSource, (connection) => new CommvaultClient(connection));

  /** A token is used as given (`QSDK ...`, raw access token, or `Bearer ...`); else POST /Login. */
  private async login(): Promise<{ authtoken: string }> {
    if (this.connection.token) return { authtoken: this.connection.token };
    const body = { username: this.connection.username, password: base64Secret(this.connection.password!) };
    const res = await this.http.request<{ token?: string }>({
      method: "POST",
      path: "/Login",
      body,
      idempotent: true,
    });
    if (!res.data?.token) {
      const { code, message } = parseCommvaultError(res.data);
      throw new ApiError({
        backend: BACKEND,
        method: "POST",
        path: "/Login",
        status: res.status,
        code,
        apiMessage: message ?? "login returned no token",
      });
    }
    registerSecret(res.data.token);
    return { authtoken: res.data.token };
  }

  /** A call with the session's token; a 200 whose body carries a non-zero errorCode throws like an error status. */
  async call<T>(req: RequestOptions): Promise<HttpResponse<T>> {
    return sessions.use(
      this.key,
      () => this.login(),
      (session) =>
        this.http.request<T>({ ...req, headers: { ...req.headers, authtoken: session.authtoken } }),
    );
  }

  private async get<T>(path: string, allow404 = false): Promise<T | undefined> {
    const res = await this.call<T>({ method: "GET", path, allowStatus: allow404 ? [404] : undefined });
    return res.status === 404 ? undefined : res.data;
  }

  // Lookups. By name: `fq=name:eq:X`, then an exact (case-insensitive) match. By id: the entity's own GET.

  async listPlans(): Promise<Plan[]> {
    const data = await this.get<{ plans?: { plan: Plan }[] }>("/Plan");
    return (data?.plans ?? []).map((p) => ({ planId: p.plan.planId, planName: p.plan.planName }));
  }

  async findPlan(name: string): Promise<Plan | undefined> {
    const data = await this.get<{ plans?: { plan: Plan }[] }>(`/Plan?${fq(name)}`);
    const plan = data?.plans?.find((p) => same(p.plan.planName, name))?.plan;
    return plan && { planId: plan.planId, planName: plan.planName };
  }

  async getPlan(planId: number): Promise<Plan | undefined> {
    const data = await this.get<{ plan?: { summary?: { plan?: Plan } } }>(
      `/Plan/${pathSegment(planId)}`,
      true,
    );
    const plan = data?.plan?.summary?.plan;
    return plan && { planId: plan.planId, planName: plan.planName };
  }

  async listCompanies(): Promise<Company[]> {
    type Providers = {
      providers?: { shortName: { id: number; domainName: string }; connectName?: string }[];
    };
    const data = await this.get<Providers>("/Organization");
    return (data?.providers ?? []).map((p) => ({
      companyId: p.shortName.id,
      companyName: p.connectName ?? p.shortName.domainName,
    }));
  }

  async findCompany(name: string): Promise<Company | undefined> {
    type Providers = {
      providers?: { shortName: { id: number; domainName: string }; connectName?: string }[];
    };
    const data = await this.get<Providers>(`/Organization?${fq(name)}`);
    const found = data?.providers?.find(
      (p) => same(p.connectName, name) || same(p.shortName.domainName, name),
    );
    return (
      found && { companyId: found.shortName.id, companyName: found.connectName ?? found.shortName.domainName }
    );
  }

  async listClients(cloudAppsOnly = false): Promise<ClientEntity[]> {
    const path = cloudAppsOnly ? "/Client?PseudoClientType=CloudApps" : "/Client";
    const data = await this.get<{ clientProperties?: { client: { clientEntity: ClientEntity } }[] }>(path);
    return (data?.clientProperties ?? []).map((c) => c.client.clientEntity);
  }

  async findClient(name: string): Promise<ClientEntity | undefined> {
    const data = await this.get<{ clientProperties?: { client: { clientEntity: ClientEntity } }[] }>(
      `/Client?${fq(name)}`,
    );
    return data?.clientProperties?.map((c) => c.client.clientEntity).find((c) => same(c.clientName, name));
  }

  /** The client, or undefined on 404 (the only answer that means "gone"). */
  async getClient(clientId: number | string): Promise<ClientEntity | undefined> {
    const data = await this.get<{ clientProperties?: { client: { clientEntity: ClientEntity } }[] }>(
      `/Client/${pathSegment(clientId)}`,
      true,
    );
    return data?.clientProperties?.[0]?.client?.clientEntity;
  }

  /** The company that owns a client (`entityInfo` of GET /Client/<id>), or undefined when the reply has none. */
  async getClientCompany(
    clientId: number | string,
  ): Promise<(Omit<Company, "companyName"> & Partial<Company>) | undefined> {
    type Reply = { clientProperties?: { entityInfo?: { companyId?: number; companyName?: string } }[] };
    const info = (await this.get<Reply>(`/Client/${pathSegment(clientId)}`, true))?.clientProperties?.[0]
      ?.entityInfo;
    return info?.companyId === undefined
      ? undefined
      : { companyId: info.companyId, companyName: info.companyName };
  }

  async listClientGroups(): Promise<ClientGroup[]> {
    return groupsOf(await this.get<ClientGroupList>("/ClientGroup"));
  }

  async findClientGroup(name: string): Promise<ClientGroup | undefined> {
    const groups = groupsOf(await this.get<ClientGroupList>(`/ClientGroup?${fq(name)}`));
    return groups.find((g) => same(g.clientGroupName, name));
  }

  async getClientGroup(clientGroupId: number): Promise<ClientGroup | undefined> {
    const data = await this.get<{ clientGroupDetail?: { clientGroup?: ClientGroup } }>(
      `/ClientGroup/${pathSegment(clientGroupId)}`,
      true,
    );
    return data?.clientGroupDetail?.clientGroup;
  }

  // Salesforce organizations.

  async listOrganizations(): Promise<SalesforceOrgSummary[]> {
    type Orgs = { orgs?: { sfSubclient?: SalesforceOrgSummary; subclient?: SalesforceOrgSummary }[] };
    const data = await this.get<Orgs>("/Salesforce/Organization");
    return (data?.orgs ?? [])
      .map((o) => o.sfSubclient ?? o.subclient)
      .filter((o): o is SalesforceOrgSummary => !!o);
  }

  /** The organization with this name, found in the Salesforce list (it carries all three ids). */
  async findOrganization(name: string): Promise<SalesforceOrgSummary | undefined> {
    const all = await organizationLists.get(this.key, () => this.listOrganizations());
    return all.find((o) => same(o.clientName, name));
  }

  /** POST /Salesforce/Organization. Not retried: after a lost reply core createOwned looks the name up. */
  async createOrganization(body: unknown): Promise<{ clientId: number; clientName: string }> {
    type Created = { response?: { entity?: { clientId?: number; clientName?: string } } };
    const res = await this.call<Created>({ method: "POST", path: "/Salesforce/Organization", body });
    const entity = res.data?.response?.entity;
    if (!entity?.clientId || entity.clientId <= 0) {
      throw new ApiError({
        backend: BACKEND,
        method: "POST",
        path: "/Salesforce/Organization",
        status: res.status,
        apiMessage: "the reply carries no clientId",
      });
    }
    return { clientId: entity.clientId, clientName: entity.clientName ?? "" };
  }

  /** POST /Salesforce/Organization/{clientId}?instanceId&backupsetId: the fields given are set, lists replaced. */
  async modifyOrganization(ids: OrganizationIds, body: Record<string, unknown>): Promise<void> {
    await this.call({
      method: "POST",
      path: `/Salesforce/Organization/${pathSegment(ids.clientId)}`,
      query: { instanceId: ids.instanceId, backupsetId: ids.backupsetId },
      body,
      idempotent: true,
    });
  }

  async getInstance(clientId: number | string): Promise<InstanceProperties | undefined> {
    const data = await this.get<{ instanceProperties?: InstanceProperties[] }>(
      `/Instance?clientId=${clientId}`,
      true,
    );
    return data?.instanceProperties?.[0];
  }

  async getBackupset(clientId: number | string): Promise<BackupsetProperties | undefined> {
    const data = await this.get<{ backupsetProperties?: BackupsetProperties[] }>(
      `/Backupset?clientId=${clientId}`,
      true,
    );
    return data?.backupsetProperties?.[0];
  }

  /** DELETE /Client/{id}/Retire; false when the client was already gone. */
  async retireClient(clientId: number | string): Promise<boolean> {
    const res = await this.call({
      method: "DELETE",
      path: `/Client/${pathSegment(clientId)}/Retire`,
      allowStatus: [404],
    });
    return res.status !== 404;
  }

  /** DELETE /Client/{id}?forceDelete=true, which also deletes backup data; false when already gone. */
  async forceDeleteClient(clientId: number | string): Promise<boolean> {
    const res = await this.call({
      method: "DELETE",
      path: `/Client/${pathSegment(clientId)}`,
      query: { forceDelete: true },
      allowStatus: [404],
    });
    return res.status !== 404;
  }
}
