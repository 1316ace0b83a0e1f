import type { Connection } from "jsforce/lib/core";
import { sign } from "node:crypto";
import {
  ApiError,
  credentialKey,
  HttpResponse,
  OrgplaneError,
  parseSfdxAuthUrl,
  RequestOptions,
  clientFactory,
  Session,
  SessionPool,
  noTrailingSlash,
} from "../core";
import { connectionSource, DEFAULT_API_VERSION, DEFAULT_LOGIN_URL, SalesforceConnection } from "./schema";
import { coreTransport, jsforce, parseSalesforceError } from "./transport";

export type SObjectRecord = Record<string, unknown> & { Id?: string };
interface SalesforceSession extends Session {
  conn: Connection;
}
interface SaveResult {
  id?: string;
  success: boolean;
  errors?: { statusCode?: string; errorCode?: string; message?: string }[];
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const COLLECTION_LIMIT = 200;
const BATCH_LIMIT = 25;
type QueryPage = { records: SObjectRecord[]; nextRecordsUrl?: string };

/** One login per credential per process, shared by every User resource and function call. */
export const sessions = new SessionPool<SalesforceSession>();

/** Loopback hosts are the local emulator (plain HTTP); every other host is HTTPS, as in sfdx-core. */

/** The JWT `aud`: test.salesforce.com for sandboxes, login.salesforce.com for production, else the login URL. */
export function audienceFor(loginUrl: string): string {
  const host = new URL(loginUrl).host;
  if (host === "test.salesforce.com" || /\.sandbox\.my\.salesforce\.com$/.test(host))
    return "https://test.salesforce.com";
  // [unverified] My Domain production hosts use login.salesforce.com as audience, as sfdx-core does.
  if (/(^|\.)salesforce\.com$/.test(host)) return "https://login.salesforce.com";
  return noTrailingSlash(loginUrl);
}

function jwtAssertion(c: SalesforceConnection, loginUrl: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256" })}.${encode({
    iss: c.clientId,
    sub: c.username,
    aud: c.audience ?? audienceFor(loginUrl),
    exp: Math.floor(Date.now() / 1000) + 180,
  })}`;
  try {
    return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), c.privateKey!).toString("base64url")}`;
  } catch {
    throw new OrgplaneError("salesforce: connection.privateKey is not a usable PEM private key");
  }
}

type JsforceInternals = { _transport: unknown; oauth2: { _transport: unknown } };

function newConnection(options: ConstructorParameters<typeof Connection>[0]): Connection {
  const conn = new (jsforce().Connection)(options);
  (conn as unknown as JsforceInternals)._transport = coreTransport;
  (conn as unknown as JsforceInternals).oauth2._transport = coreTransport;
  return conn;
}

function newOAuth2(options: { loginUrl: string; clientId?: string; clientSecret?: string }) {
  const oauth2 = new (jsforce().OAuth2)(options);
  (oauth2 as unknown as JsforceInternals)._transport = coreTransport;
  return oauth2;
}

/** Logs in with the first credential form present (see connectionSchema). */
async function login(c: SalesforceConnection): Promise<SalesforceSession> {
  const version = c.apiVersion ?? DEFAULT_API_VERSION;
  const loginUrl = noTrailingSlash(c.loginUrl ?? DEFAULT_LOGIN_URL);
  if (c.sfdxAuthUrl) {
    // Refresh first, then connect at the instance URL the token answer names.
    const { clientId, clientSecret, refreshToken, loginUrl } = parseSfdxAuthUrl(c.sfdxAuthUrl);
    const oauth2 = newOAuth2({ loginUrl, clientId, clientSecret: clientSecret || undefined });
    const token = await oauth2.refreshToken(refreshToken);
    return {
      conn: newConnection({ instanceUrl: token.instance_url, accessToken: token.access_token, version }),
    };
  }
  if (c.accessToken) {
    return { conn: newConnection({ instanceUrl: c.instanceUrl, accessToken: c.accessToken, version }) };
  }
  if (c.privateKey) {
    const conn = newConnection({ loginUrl, version, oauth2: { loginUrl } });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: jwtAssertion(c, loginUrl) });
    return { conn };
  }
  // With a connected app: the OAuth password flow; without: SOAP login (jsforce's choice).
  const oauth2 = { loginUrl, clientId: c.clientId, clientSecret: c.clientSecret };
  const conn = newConnection({ loginUrl, version, oauth2 });
  await conn.login(c.username!, c.password! + (c.securityToken ?? "")).catch((e: Error) => {
    if (!/unsupported_grant_type|grant type not supported/.test(`${e.name} ${e.message}`)) throw e;
    throw new OrgplaneError(
      `salesforce: the org refuses the OAuth username-password flow (${e.message}); orgs made since Summer '23 ` +
        "block it by default. Use JWT bearer (privateKey + clientId + username) or a refresh token " +
        "(sfdxAuthUrl) instead, or have an admin allow it in Setup > OAuth and OpenID Connect Settings.",
    );
  });
  return { conn };
}

function toApiError(method: string, path: string, item: SaveResult): ApiError {
  const error = item.errors?.find(
    (e) => (e.statusCode ?? e.errorCode) !== "ALL_OR_NONE_OPERATION_ROLLED_BACK",
  ) ??
    item.errors?.[0] ?? { message: "the record was not saved" };
  // An item of an sObject Collection reply (HTTP 200); 400 is what the single-record call answers.
  return new ApiError({
    backend: "salesforce",
    method,
    path,
    status: 400,
    code: error.statusCode ?? error.errorCode,
    apiMessage: error.message,
  });
}

/** Quotes a value for SOQL. */
export const soql = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
export const soqlList = (values: string[]) => `(${values.map(soql).join(", ")})`;

/** Calls on one org through jsforce, with core's session pool, retries and errors. */
export class SalesforceClient {
  readonly key: string;
  readonly version: string;

  constructor(readonly connection: SalesforceConnection) {
    this.key = credentialKey("salesforce", connection);
    this.version = connection.apiVersion ?? DEFAULT_API_VERSION;
  }

  /** The resource's connection input, else SF_AUTH_URL and friends. */
  static readonly for = clientFactory(connectionSource, (connection) => new SalesforceClient(connection));

  /** Runs `call` on the shared connection; a 401 logs in once more and repeats it. */
  /** Gives leads to another owner (sObject Collections, 200 per call). */
  async reassignLeads(leadIds: string[], toUserId: string): Promise<void> {
    await this.update(
      "Lead",
      leadIds.map((Id) => ({ Id, OwnerId: toUserId })),
    );
  }

  run<T>(call: (conn: Connection) => Promise<T>): Promise<T> {
    return sessions.use(
      this.key,
      () => login(this.connection),
      async (session) => {
        try {
          return await call(session.conn);
        } catch (e) {
          const jsforceError = e as { errorCode?: string; message?: string };
          if (!(e instanceof ApiError) && jsforceError.errorCode) {
            throw new OrgplaneError(`salesforce: ${jsforceError.errorCode}: ${jsforceError.message}`);
          }
          throw e;
        }
      },
    );
  }

  /** Every record a SOQL query matches (following nextRecordsUrl). */
  query<T extends SObjectRecord = SObjectRecord>(text: string): Promise<T[]> {
    return this.run(async (conn) => {
      const result = await conn.query<T>(text, { autoFetch: true, maxFetch: 1_000_000 });
      return result.records;
    });
  }

  retrieve(type: string, id: string, fields?: string[]): Promise<SObjectRecord> {
    return this.run(
      (conn) => conn.sobject(type).retrieve(id, fields ? { fields } : {}) as Promise<SObjectRecord>,
    );
  }

  async createOne(type: string, record: SObjectRecord): Promise<string> {
    const result = (await this.run((conn) => conn.sobject(type).create(record))) as SaveResult;
    return result.id!;
  }

  async updateOne(type: string, id: string, fields: SObjectRecord): Promise<void> {
    await this.run((conn) => conn.sobject(type).update({ ...fields, Id: id }));
  }

  /**
   * Several SOQL queries in one call (Composite Batch, 25 per call): results by name. A failed query throws
   * its own ApiError; pages past the first are fetched with queryMore.
   */
  async queries(named: Record<string, string>): Promise<Record<string, SObjectRecord[]>> {
    const entries = Object.entries(named);
    if (entries.length === 1) return { [entries[0][0]]: await this.query(entries[0][1]) };
    const out: Record<string, SObjectRecord[]> = {};
    for (let i = 0; i < entries.length; i += BATCH_LIMIT) {
      const chunk = entries.slice(i, i + BATCH_LIMIT);
      const batchRequests = chunk.map(([, text]) => ({
        method: "GET",
        url: `v${this.version}/query?q=${encodeURIComponent(text)}`,
      }));
      const reply = await this.run((conn) =>
        conn.request<{ results: { statusCode: number; result: unknown }[] }>({
          method: "POST",
          url: "/composite/batch",
          body: JSON.stringify({ batchRequests }),
          headers: { "content-type": "application/json" },
        }),
      );
      for (const [j, [name]] of chunk.entries()) {
        const { statusCode, result } = reply.results[j];
        if (statusCode >= 400) {
          const { code, message } = parseSalesforceError(result);
          const path = `/services/data/v${this.version}/query (in /composite/batch)`;
          throw new ApiError({
            backend: "salesforce",
            method: "GET",
            path,
            status: statusCode,
            code,
            apiMessage: message,
          });
        }
        out[name] = await this.allPages(result as QueryPage);
      }
    }
    return out;
  }

  /**
   * Dependent subrequests in one Composite call, all or none, run in the order given: answers by referenceId.
   * A failure rolls every subrequest back and throws the failed one's own ApiError.
   */
  async composite(subrequests: Subrequest[]): Promise<Record<string, unknown>> {
    const reply = await this.run((conn) =>
      conn.request<CompositeReply>({
        method: "POST",
        url: "/composite",
        body: JSON.stringify({ allOrNone: true, collateSubrequests: false, compositeRequest: subrequests }),
        headers: { "content-type": "application/json" },
      }),
    );
    return compositeAnswers(reply, subrequests, this.version);
  }

  private async allPages(first: QueryPage): Promise<SObjectRecord[]> {
    const records = [...first.records];
    let next = first.nextRecordsUrl;
    while (next) {
      const more = await this.run((conn) => conn.request<QueryPage>(next!));
      records.push(...more.records);
      next = more.nextRecordsUrl;
    }
    return records;
  }

  /** Creates records of one or more types with sObject Collections: 200 per call, all or none per call. */
  async create(records: (SObjectRecord & { attributes: { type: string } })[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < records.length; i += COLLECTION_LIMIT) {
      const chunk = records.slice(i, i + COLLECTION_LIMIT);
      // An empty type makes jsforce take each record's attributes.type (mixed types in one call).
      const results = (await this.run((conn) =>
        conn.create("", chunk, { allOrNone: true }),
      )) as unknown as SaveResult[];
      const failed = results.find((r) => !r.success);
      if (failed) throw toApiError("POST", `/services/data/v${this.version}/composite/sobjects`, failed);
      ids.push(...results.map((r) => r.id!));
    }
    return ids;
  }

  async update(type: string, records: (SObjectRecord & { Id: string })[]): Promise<void> {
    for (let i = 0; i < records.length; i += COLLECTION_LIMIT) {
      const chunk = records.slice(i, i + COLLECTION_LIMIT);
      const results = (await this.run((conn) =>
        conn.sobject(type).update(chunk, { allOrNone: true }),
      )) as SaveResult[];
      const failed = results.find((r) => !r.success);
      if (failed) throw toApiError("PATCH", `/services/data/v${this.version}/composite/sobjects`, failed);
    }
  }

  /** Deletes records of any types by id, 200 per call. */
  async destroy(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += COLLECTION_LIMIT) {
      const chunk = ids.slice(i, i + COLLECTION_LIMIT);
      const results = (await this.run((conn) =>
        conn.destroy("", chunk, { allOrNone: true }),
      )) as unknown as SaveResult[];
      const failed = results.find((r) => !r.success);
      if (failed) throw toApiError("DELETE", `/services/data/v${this.version}/composite/sobjects`, failed);
    }
  }

  describe(type: string): Promise<{ fields: DescribeField[] }> {
    // describe$ caches per connection, so a process describes each type once per session.
    return this.run((conn) => conn.describe$(type) as Promise<{ fields: DescribeField[] }>);
  }

  /** A raw call with the session's token, for what jsforce has no helper for (status pass-through, bytes). */
  http<T>(req: RequestOptions): Promise<HttpResponse<T>> {
    return this.run(async (conn) => {
      const path = req.path.startsWith("/services/")
        ? req.path
        : `/services/data/v${this.version}${req.path}`;
      const headers = { ...req.headers, authorization: `Bearer ${conn.accessToken}` };
      return coreTransport.clientFor(new URL(conn.instanceUrl).origin).request<T>({ ...req, path, headers });
    });
  }
}

export interface DescribeField {
  name: string;
  label: string;
  type: string;
  custom?: boolean;
  picklistValues?: { label: string; value: string; active: boolean }[];
}

// Composite: several calls in one, all or none.

/** Composite's own limits: 25 subrequests a call, of which at most 5 queries or sObject Collections. */
export const COMPOSITE_LIMIT = 25;

/** One subrequest of a Composite call; later ones may use its answer through `@{referenceId.field}`. */
export interface Subrequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  referenceId: string;
  body?: unknown;
}

interface SubrequestResult {
  body: unknown;
  httpStatusCode: number;
  /** null on a refusal of the whole call (more than 25 subrequests). */
  referenceId: string | null;
}

export interface CompositeReply {
  compositeResponse: SubrequestResult[];
}

/** A reference to another subrequest's answer, as Composite substitutes it in a url or a body. */
export const reference = (referenceId: string, path: string) => `@{${referenceId}.${path}}`;

/**
 * With allOrNone one failure halts the rest, which answer PROCESSING_HALTED "rolled back". The failure to
 * report is the one that is not such an echo: another error code first, then a halt of its own (a reference
 * that found no value).
 */
function causeOf(failed: SubrequestResult[]): SubrequestResult {
  const rank = (result: SubrequestResult) => {
    const { code, message } = parseSalesforceError(result.body);
    if (code !== "PROCESSING_HALTED") return 0;
    return /rolled back/i.test(message ?? "") ? 2 : 1;
  };
  return failed.reduce((best, next) => (rank(next) < rank(best) ? next : best));
}

/** The answers by referenceId; a failed call throws its cause's ApiError, naming the subrequest. */
export function compositeAnswers(
  reply: CompositeReply,
  subrequests: Subrequest[],
  version: string,
): Record<string, unknown> {
  const failed = reply.compositeResponse.filter((r) => r.httpStatusCode >= 400);
  if (failed.length > 0) {
    const cause = causeOf(failed);
    const sub = subrequests.find((s) => s.referenceId === cause.referenceId);
    const { code, message } = parseSalesforceError(cause.body);
    throw new ApiError({
      backend: "salesforce",
      method: sub?.method ?? "POST",
      path: sub ? `${sub.url} (in /composite)` : `/services/data/v${version}/composite`,
      status: cause.httpStatusCode,
      code,
      apiMessage: message,
    });
  }
  return Object.fromEntries(reply.compositeResponse.map((r) => [r.referenceId, r.body]));
}
