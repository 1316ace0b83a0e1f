import { HttpClient, isApiError, clientFactory, SessionPool, SharedReads, withHint } from "../core";
import { BackendClient } from "../core/http";
import { connectionSource } from "./schema";
import type { SfpConnection } from "./types.generated";

/** SalesforceOrgDto / SalesforceOrgListItemDto of the sfp server. */
export interface SfpOrg {
  username: string;
  instanceUrl: string;
  orgId: string;
  organizationType: string;
  instanceName: string;
  parentProductionUsername?: string;
  isJitRegistration?: boolean;
  isDevHub?: boolean;
  isDefault?: boolean;
  metadata?: Record<string, unknown>;
  createdAt?: string;
  accessToken?: string;
  sfdxAuthUrl?: string;
}

export interface RegisterBody {
  sfdxAuthUrl: string;
  username?: string;
  instanceUrl?: string;
  isDevHub: boolean;
  isDefault: boolean;
  metadata: Record<string, unknown>;
  skipValidation?: boolean;
}

export interface ConnectionTest {
  isValid: boolean;
  username: string;
  orgId?: string;
  organizationType?: string;
  instanceName?: string;
  error?: string;
}

/** NestJS error bodies: {statusCode, message (string or list), error}. */
function parseSfpError(body: unknown) {
  const b = (body ?? {}) as { message?: string | string[]; error?: string };
  const message = Array.isArray(b.message) ? b.message.join("; ") : b.message;
  return { code: b.error, message };
}

const BASE = "/sfp/api/auth/salesforce";
export const TOKEN_REFUSED =
  "The sfp server refused the token: it has expired or was revoked, and orgplane cannot renew a bearer token. " +
  "Create a new one (an owner runs `sfp server application-token create`, or POST /sfp/api/application-tokens), " +
  "set it in SFP_SERVER_TOKEN or the resource's connection.token, and run again.";
const sessions = new SessionPool<{ token: string }>();
/** The registry's list, shared by concurrent creates of one credential (each sees it as of its own call). */
const listings = new SharedReads();

/** Typed calls to the sfp server's org registry. */
export class SfpClient extends BackendClient<SfpConnection> {
  constructor(connection: SfpConnection) {
    super(connection, { backend: "sfp", parseError: parseSfpError });
  }

  /** The resource's connection input, else SFP_SERVER_URL and SFP_SERVER_TOKEN. */
  static readonly for = clientFactory(connectionSource, (connection) => new SfpClient(connection));

  private async call<T>(req: Parameters<HttpClient["request"]>[0]) {
    // The sfp token is a bearer token, not a login: the session only carries it, so a 401 retries once
    // with the credentials as resolved again (a rotated SFP_SERVER_TOKEN).
    try {
      return await sessions.use(
        this.key,
        async () => ({ token: this.connection.token }),
        (session) => this.http.request<T>({ ...req, headers: { authorization: `Bearer ${session.token}` } }),
      );
    } catch (e) {
      throw isApiError(e, 401) ? withHint(e, TOKEN_REFUSED) : e;
    }
  }

  /**
   * An upsert. `retry: "owned"` (an update, or an adoption) retries it after an ambiguous failure; a create does
   * not, since a repeat would overwrite a registration another owner made meanwhile (core createOwned decides).
   */
  async register(body: RegisterBody, retry: "owned" | "create" = "owned"): Promise<SfpOrg> {
    const idempotent = retry === "owned";
    return (await this.call<SfpOrg>({ method: "POST", path: `${BASE}/register`, body, idempotent })).data;
  }

  async registerSandbox(sandboxName: string, productionUsername: string): Promise<SfpOrg> {
    const body = { sandboxName, productionUsername };
    const res = await this.call<SfpOrg>({
      method: "POST",
      path: `${BASE}/register-sandbox-by-name`,
      body,
      idempotent: false, // a create: core createOwned decides what follows an ambiguous failure
    });
    return res.data;
  }

  /** The registration, or undefined when the server does not know it. */
  async getOrg(username: string, authType?: "accessToken" | "sfdxAuthUrl"): Promise<SfpOrg | undefined> {
    const res = await this.call<SfpOrg>({
      method: "GET",
      path: `${BASE}/org`,
      query: { username, authType },
      allowStatus: [404],
    });
    return res.status === 404 ? undefined : res.data;
  }

  /** Deletes a registration; false when it was already gone. */
  async deleteOrg(username: string): Promise<boolean> {
    const res = await this.call({
      method: "DELETE",
      path: `${BASE}/org`,
      query: { username },
      allowStatus: [404],
    });
    return res.status !== 404;
  }

  async listOrgs(
    filter: { type?: string; devhub?: boolean; metadata?: Record<string, string> } = {},
  ): Promise<SfpOrg[]> {
    const metadata = filter.metadata ? JSON.stringify(filter.metadata) : undefined;
    const query = { type: filter.type, devhub: filter.devhub, metadata };
    return (await this.call<SfpOrg[]>({ method: "GET", path: `${BASE}/orgs`, query })).data;
  }

  /**
   * The registration as the list shows it, read no earlier than this call: concurrent creates share one list
   * call for their existence checks and read-backs instead of one GET each.
   */
  async findListed(username: string): Promise<SfpOrg | undefined> {
    const all = await listings.get(this.key, () => this.listOrgs());
    const wanted = username.toLowerCase();
    return all.find((org) => org.username.toLowerCase() === wanted);
  }

  /**
   * A sandbox of a production org as the list shows it. Its username comes from the server, never from a formula:
   * the emulator's `<productionUsername>.<sandbox>` and sfp's documented `admin@production--uat.sandbox.com` both
   * match, always under the production org.
   */
  async findSandbox(productionUsername: string, sandboxName: string): Promise<SfpOrg | undefined> {
    const all = await listings.get(this.key, () => this.listOrgs());
    const [prod, sandbox] = [productionUsername.toLowerCase(), sandboxName.toLowerCase()];
    return all.find((org) => {
      const username = org.username.toLowerCase();
      const under = org.parentProductionUsername?.toLowerCase() === prod;
      return under && (username === `${prod}.${sandbox}` || username.includes(`--${sandbox}.`));
    });
  }

  async testConnection(username: string): Promise<ConnectionTest> {
    const res = await this.call<ConnectionTest>({
      method: "POST",
      path: `${BASE}/test-connection`,
      query: { username },
      idempotent: true,
    });
    return res.data;
  }

  async frontdoorUrl(query: { target: string; repository?: string; prodOrg?: string }): Promise<string> {
    const res = await this.call<{ url?: string; frontdoorUrl?: string; frontDoorUrl?: string }>({
      method: "GET",
      path: `${BASE}/frontdoor`,
      query: { ...query, redirect: false },
      allowStatus: [302],
    });
    return res.status === 302
      ? res.headers.location
      : (res.data.url ?? res.data.frontDoorUrl ?? res.data.frontdoorUrl ?? "");
  }
}
