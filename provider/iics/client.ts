import {
  credentialKey,
  HttpClient,
  OrgplaneError,
  registerSecret,
  RequestOptions,
  clientFactory,
  Session,
  SessionPool,
  SharedReads,
  pathSegment,
  noTrailingSlash,
} from "../core";
import { connectionSource } from "./schema";
import type { IicsConnection } from "./types.generated";

/** The v2 org object (GET /api/v2/org/<id>), as far as orgplane reads it. */
export interface IicsOrg {
  "@type"?: string;
  id: string;
  orgId?: string;
  orgUUID?: string;
  name: string;
  parentOrgId?: string;
  subOrgs?: { id: string; name: string }[];
  [field: string]: unknown;
}

/** The registration object POST /api/v2/user/register takes: the new org and its first administrator. */
export interface Registration {
  org: Record<string, unknown>;
  user: Record<string, unknown>;
}

/** What register answered. Its shape is UNVERIFIED; orgplane only relies on it naming the new org's id. */
export interface RegisterReply {
  orgId?: string;
  org?: { id?: string };
  [field: string]: unknown;
}

interface IicsSession extends Session {
  icSessionId: string;
  serverUrl: string;
  orgId?: string;
}

export const LOGIN_PATH = "/ma/api/v2/user/login";
/** Sessions die after 30 minutes without a call; renew (SessionPool: a minute early) rather than hit a 401. */
const IDLE_TIMEOUT_MS = 30 * 60_000;

/** v2 error objects `{code, description, statusCode, "@type":"error"}`; v3 `{error:{code, message, requestId}}`. */
export function parseIicsError(body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const v3 = b.error && typeof b.error === "object" ? (b.error as Record<string, unknown>) : undefined;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  if (v3) return { code: str(v3.code), message: str(v3.message), requestId: str(v3.requestId) };
  const status = typeof b.statusCode === "number" ? b.statusCode : undefined;
  return { code: str(b.code), message: str(b.description) ?? str(b.message), status };
}

/** A 2xx reply that is an error all the same. */
export function isIicsErrorBody(body: unknown): boolean {
  if (!body || typeof body !== "object" || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return b["@type"] === "error" || (!!b.error && typeof b.error === "object");
}

/** The login host: the connection's loginUrl without a trailing slash or login path. */
export function loginBase(loginUrl: string): string {
  return noTrailingSlash(loginUrl).replace(/\/ma\/api\/v2\/user\/login$/, "");
}

const sessions = new SessionPool<IicsSession>();
/** The parent org with its sub-organizations' names, shared by concurrent creates of one credential. */
const parentReads = new SharedReads();
/** How many logins this process has made (tests and benchmarks). */
export const loginCount = () => sessions.logins;

const httpOptions = { backend: "iics", parseError: parseIicsError, isErrorBody: isIicsErrorBody };
const serverClients = new Map<string, HttpClient>();
function serverClient(serverUrl: string): HttpClient {
  const baseURL = noTrailingSlash(serverUrl);
  let client = serverClients.get(baseURL);
  if (!client) serverClients.set(baseURL, (client = new HttpClient({ ...httpOptions, baseURL })));
  return client;
}

/** Typed calls to the IICS v2 REST API under one login per credential per process. */
export class IicsClient {
  private readonly loginHttp: HttpClient;
  private readonly key: string;

  constructor(private readonly connection: IicsConnection) {
    this.loginHttp = new HttpClient({ ...httpOptions, baseURL: loginBase(connection.loginUrl) });
    this.key = credentialKey("iics", connection);
  }

  /** The resource's connection input, else IICS_LOGIN_URL, IICS_USERNAME and IICS_PASSWORD. */
  static readonly for = clientFactory(connectionSource, (connection) => new IicsClient(connection));

  private async login(): Promise<IicsSession> {
    const { username, password } = this.connection;
    const res = await this.loginHttp.request<Record<string, unknown>>({
      method: "POST",
      path: LOGIN_PATH,
      body: { "@type": "login", username, password },
      idempotent: true,
    });
    const { icSessionId, serverUrl, orgId } = res.data;
    if (typeof icSessionId !== "string" || typeof serverUrl !== "string") {
      throw new OrgplaneError("iics: the login reply has no icSessionId or serverUrl");
    }
    registerSecret(icSessionId);
    return {
      icSessionId,
      serverUrl,
      orgId: typeof orgId === "string" ? orgId : undefined,
      expiresAt: Date.now() + IDLE_TIMEOUT_MS,
    };
  }

  /** One v2 call on the session's serverUrl; a 401 logs in again once (SessionPool). */
  private call<T>(req: RequestOptions) {
    return sessions.use(
      this.key,
      () => this.login(),
      async (session) => {
        const headers = { ...req.headers, icSessionId: session.icSessionId };
        const res = await serverClient(session.serverUrl).request<T>({ ...req, headers });
        session.expiresAt = Date.now() + IDLE_TIMEOUT_MS;
        return res;
      },
    );
  }

  /** GET that answers undefined on 404 (also when a 2xx error body says 404: core counts it as one). */
  private async find<T>(path: string): Promise<T | undefined> {
    const res = await this.call<T>({ method: "GET", path, allowStatus: [404] });
    return res.status === 404 ? undefined : res.data;
  }

  /** The logged-in user's own organization, with its sub-organizations' ids and names. */
  async getOwnOrg(): Promise<IicsOrg> {
    const res = await this.call<IicsOrg[] | IicsOrg>({ method: "GET", path: "/api/v2/org" });
    // Documented as a list holding the one org.
    return Array.isArray(res.data) ? res.data[0] : res.data;
  }

  /**
   * The org with this name among the parent org and its sub-organizations, as of this call: concurrent creates
   * share one read of the parent org (with its sub-org names) instead of one name lookup each. A match is
   * read in full.
   */
  async findByName(name: string): Promise<IicsOrg | undefined> {
    const parent = await parentReads.get(this.key, () => this.getOwnOrg());
    const same = (other: string) => other.toLowerCase() === name.toLowerCase();
    if (same(parent.name)) return parent;
    const sub = parent.subOrgs?.find((org) => same(org.name));
    return sub && this.getOrg(sub.id);
  }

  getOrg(id: string): Promise<IicsOrg | undefined> {
    return this.find<IicsOrg>(`/api/v2/org/${pathSegment(id)}`);
  }

  getOrgByName(name: string): Promise<IicsOrg | undefined> {
    return this.find<IicsOrg>(`/api/v2/org/name/${pathSegment(name)}`);
  }

  async register(registration: Registration): Promise<RegisterReply> {
    const body = { "@type": "registration", ...registration };
    return (await this.call<RegisterReply>({ method: "POST", path: "/api/v2/user/register", body })).data;
  }

  /** Sends the full org object: the API may reset fields a partial body leaves out. So repeating is harmless. */
  async updateOrg(id: string, org: Record<string, unknown>): Promise<IicsOrg> {
    const path = `/api/v2/org/${pathSegment(id)}`;
    const body = { ...org, "@type": "org" };
    const res = await this.call<IicsOrg>({ method: "POST", path, body, idempotent: true });
    return res.data;
  }

  /** Deletes a sub-organization; false when it was already gone. */
  async deleteOrg(id: string): Promise<boolean> {
    const path = `/api/v2/org/${pathSegment(id)}`;
    const res = await this.call({ method: "DELETE", path, allowStatus: [404] });
    return res.status !== 404;
  }
}
