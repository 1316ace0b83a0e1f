import { isApiError, RequestOptions, clientFactory, Session, SessionPool, pathSegment } from "../core";
import { BackendClient } from "../core/http";
import { connectionSource } from "./schema";
import type { BiotConnection } from "./types.generated";

/** BasicTemplateData / BasicReferencedEntityDataUUIDId of the Organization service. */
export interface BiotTemplateData {
  id?: string;
  name?: string;
  displayName?: string;
}
export interface BiotReference {
  id?: string;
  name?: string;
  templateId?: string;
  templateName?: string;
  organizationId?: string;
  template?: BiotTemplateData;
}
export interface BiotAddress {
  countryCode: string;
  state?: string;
  city?: string;
  zipCode?: string;
  address1?: string;
  address2?: string;
}

/** OrganizationResponse: built-in `_fields` plus the template's custom attributes at the top level. */
export interface BiotOrganization {
  _id: string;
  _name: string;
  _description?: string;
  _headquarters?: BiotAddress;
  _phone?: string;
  _timezone?: string;
  _locale?: string;
  _template?: BiotTemplateData;
  _primaryAdministrator: BiotReference;
  _ownerOrganization: BiotReference;
  _creationTime: string;
  _lastModifiedTime: string;
  [customAttribute: string]: unknown;
}

/** SearchRequestV2: filter per field (eq, in, like, ...), sort, free text, paging. */
export interface BiotSearchRequest {
  filter?: Record<string, Record<string, unknown>>;
  sort?: { prop: string; order?: "ASC" | "DESC" }[];
  freeTextSearch?: string;
  limit?: number;
  page?: number;
}
export interface BiotSearchResponse {
  data: BiotOrganization[];
  metadata: { page?: { totalResults?: number; page?: number; limit?: number } } & Record<string, unknown>;
}

/** Which template a create names: by id (the body's _templateId) or by name (in the path). */
export type TemplateRef = { id: string } | { name: string };

/** BioT's ErrorResponse: {code, message, serviceName, traceId, environment, details}. */
export function parseBiotError(body: unknown) {
  const b = (body ?? {}) as { code?: string; message?: string; traceId?: string };
  return { code: b.code, message: b.message, requestId: b.traceId };
}

interface BiotSession extends Session {
  token: string;
  refreshToken?: string;
  refreshExpiresAt?: number;
}
interface JwtToken {
  token: string;
  expiration: string;
}
interface LoginResponse {
  accessJwt: JwtToken;
  refreshJwt?: JwtToken | null;
}

const ORGS = "/organization/v1/organizations";
/** Waits for BioT's background work (users, referencers) so that a following GET sees the result. */
const SYNC = { "x-execution-mode": "sync" };
const sessions = new SessionPool<BiotSession>();

/** Typed calls to BioT's Organization service, logged in once per credential per process. */
export class BiotClient extends BackendClient<BiotConnection> {
  constructor(connection: BiotConnection) {
    super(connection, { backend: "biot", parseError: parseBiotError });
  }

  /** The resource's connection input, else BIOT_URL plus service user or username/password variables. */
  static readonly for = clientFactory(connectionSource, (connection) => new BiotClient(connection));

  /** A service user gets an access token; a user logs in, and renews with its refresh token while it lasts. */
  private readonly login = async (previous?: BiotSession): Promise<BiotSession> => {
    const c = this.connection;
    if (c.serviceId && c.serviceSecretKey) {
      const body = { id: c.serviceId, secretKey: c.serviceSecretKey };
      const res = await this.http.request<{ accessToken: string; accessTokenExpiration: string }>({
        method: "POST",
        path: "/ums/v2/services/accessToken",
        body,
        idempotent: true,
      });
      return { token: res.data.accessToken, expiresAt: Date.parse(res.data.accessTokenExpiration) };
    }
    if (previous?.refreshToken && (previous.refreshExpiresAt ?? 0) > Date.now() + 5_000) {
      try {
        return await this.userSession("/ums/v2/users/token/refresh", { refreshToken: previous.refreshToken });
      } catch (e) {
        if (!isApiError(e)) throw e; // REFRESH_TOKEN_NOT_VALID and the like: log in again below
      }
    }
    return this.userSession("/ums/v2/users/login", { username: c.username, password: c.password });
  };

  private async userSession(path: string, body: unknown): Promise<BiotSession> {
    const res = await this.http.request<LoginResponse>({ method: "POST", path, body, idempotent: true });
    const { accessJwt, refreshJwt } = res.data;
    return {
      token: accessJwt.token,
      expiresAt: Date.parse(accessJwt.expiration),
      refreshToken: refreshJwt?.token,
      refreshExpiresAt: refreshJwt ? Date.parse(refreshJwt.expiration) : undefined,
    };
  }

  private call<T>(req: RequestOptions) {
    return sessions.use(this.key, this.login, (session) =>
      this.http.request<T>({ ...req, headers: { ...req.headers, authorization: `Bearer ${session.token}` } }),
    );
  }

  async create(body: Record<string, unknown>, template: TemplateRef): Promise<BiotOrganization> {
    const path = "id" in template ? ORGS : `${ORGS}/templates/${pathSegment(template.name)}`;
    const payload = "id" in template ? { ...body, _templateId: template.id } : body;
    const res = await this.call<BiotOrganization>({ method: "POST", path, body: payload, headers: SYNC });
    return res.data;
  }

  /** The organization, or undefined when BioT does not know the id. */
  async get(id: string): Promise<BiotOrganization | undefined> {
    const res = await this.call<BiotOrganization>({
      method: "GET",
      path: `${ORGS}/${pathSegment(id)}`,
      allowStatus: [404],
    });
    return res.status === 404 ? undefined : res.data;
  }

  /** PATCH: only the fields in `body` change. */
  async update(id: string, body: Record<string, unknown>): Promise<BiotOrganization> {
    const path = `${ORGS}/${pathSegment(id)}`;
    return (await this.call<BiotOrganization>({ method: "PATCH", path, body })).data;
  }

  /** Deletes an organization and all its users; false when it was already gone. */
  async delete(id: string): Promise<boolean> {
    const res = await this.call({
      method: "DELETE",
      path: `${ORGS}/${pathSegment(id)}`,
      headers: SYNC,
      allowStatus: [404],
    });
    return res.status !== 404;
  }

  async search(request: BiotSearchRequest = {}): Promise<BiotSearchResponse> {
    const query = { searchRequest: JSON.stringify(request) };
    return (await this.call<BiotSearchResponse>({ method: "GET", path: ORGS, query })).data;
  }

  /** The organization with exactly this name (names are unique), or undefined. */
  async findByName(name: string): Promise<BiotOrganization | undefined> {
    const found = await this.search({ filter: { _name: { eq: name } }, limit: 10 });
    // Only an exact match: adopt and create recovery must never take over another organization.
    return found.data.find((org) => org._name === name);
  }
}
