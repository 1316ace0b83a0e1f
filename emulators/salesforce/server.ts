import { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomBytes } from "node:crypto";
import { Emulator } from "../core/emulator";
import { bearerToken } from "../core/jwt";
import { SalesforceOrg, SalesforceState, TokenGrant } from "./state";

export const API_VERSIONS = Array.from({ length: 17 }, (_, i) => `${50 + i}.0`);

/** Salesforce's REST error body: an array of {message, errorCode, fields?}. */
export const sfError = (message: string, errorCode: string, fields?: string[]) => [
  fields ? { message, errorCode, fields } : { message, errorCode },
];

export interface SalesforceContext {
  state: SalesforceState;
  emulator: Emulator;
  /** The grant behind the request's bearer token (set by the auth hook on /services/data). */
  grant(request: FastifyRequest): TokenGrant;
  org(request: FastifyRequest): SalesforceOrg;
  /** OAuth grant types beyond refresh_token and authorization_code, by grant_type. */
  grantHandlers: Record<string, GrantHandler>;
}

function tokenResponse(url: string, state: SalesforceState, grant: TokenGrant) {
  const accessToken = state.issueAccessToken(grant);
  return {
    access_token: accessToken,
    instance_url: url,
    id: `${url}/id/${grant.orgId}/${grant.userId}`,
    token_type: "Bearer",
    issued_at: String(Date.now()),
    signature: randomBytes(32).toString("base64"),
    scope: "refresh_token api web full",
  };
}

function oauthRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  const { state, emulator } = ctx;
  const codes = new Map<string, TokenGrant>();
  app.post("/services/oauth2/token", async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.grant_type === "refresh_token") {
      const grant = state.refreshTokens.get(form.refresh_token ?? "");
      if (!grant)
        return reply
          .code(400)
          .send({ error: "invalid_grant", error_description: "expired access/refresh token" });
      if (grant.clientId !== form.client_id) {
        return reply
          .code(400)
          .send({ error: "invalid_client_id", error_description: "client identifier invalid" });
      }
      if (grant.clientSecret && grant.clientSecret !== form.client_secret) {
        return reply
          .code(400)
          .send({ error: "invalid_client", error_description: "invalid client credentials" });
      }
      return tokenResponse(emulator.urlOf(request), state, grant);
    }
    if (form.grant_type === "authorization_code") {
      const grant = codes.get(form.code ?? "");
      if (!grant)
        return reply
          .code(400)
          .send({ error: "invalid_grant", error_description: "invalid authorization code" });
      codes.delete(form.code ?? "");
      return tokenResponse(emulator.urlOf(request), state, grant);
    }
    const extra = ctx.grantHandlers[form.grant_type];
    if (extra) return extra(form, reply, (grant) => tokenResponse(emulator.urlOf(request), state, grant));
    return reply
      .code(400)
      .send({ error: "unsupported_grant_type", error_description: "grant type not supported" });
  });
  (ctx as unknown as { issueCode: (g: TokenGrant) => string }).issueCode = (grant) => {
    const code = `aPrx${randomBytes(16).toString("base64url")}`;
    codes.set(code, grant);
    return code;
  };

  app.get("/services/oauth2/userinfo", async (request, reply) => {
    const grant = state.accessTokens.get(bearerToken(request.headers.authorization) ?? "");
    if (!grant) return reply.code(403).send("Bad_OAuth_Token");
    const org = state.orgs.get(grant.orgId)!;
    const user = state.userById(org, grant.userId)!;
    return {
      sub: `${emulator.urlOf(request)}/id/${org.Id}/${user.Id}`,
      user_id: user.Id,
      organization_id: org.Id,
      preferred_username: user.Username,
      email: user.Email,
      name: `${user.FirstName ?? ""} ${user.LastName ?? ""}`.trim(),
    };
  });
}

export type GrantHandler = (
  form: Record<string, string>,
  reply: FastifyReply,
  respond: (grant: TokenGrant) => unknown,
) => unknown;

function dataRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  app.get("/services/data", async () =>
    API_VERSIONS.map((version) => ({ label: `v${version}`, url: `/services/data/v${version}`, version })),
  );
  app.post("/services/data/:version/tooling/sandboxAuth", async (request, reply) => {
    const org = ctx.org(request);
    const body = (request.body ?? {}) as { sandboxName?: string; clientId?: string };
    const sandboxId = org.sandboxes.get((body.sandboxName ?? "").toLowerCase());
    const sandbox = sandboxId ? ctx.state.orgs.get(sandboxId) : undefined;
    if (!sandbox) {
      return reply
        .code(404)
        .send(sfError(`Sandbox ${body.sandboxName} was not found in this org`, "NOT_FOUND"));
    }
    const admin = [...ctx.state.table(sandbox, "User").values()][0] as { Id: string; Username: string };
    const grant = {
      orgId: sandbox.Id,
      userId: admin.Id,
      clientId: body.clientId ?? "PlatformCLI",
      clientSecret: "",
    };
    const authCode = (ctx as unknown as { issueCode: (g: TokenGrant) => string }).issueCode(grant);
    return {
      authUserName: admin.Username,
      authCode,
      instanceUrl: ctx.emulator.urlOf(request),
      loginUrl: ctx.emulator.urlOf(request),
    };
  });
}

/** Route modules registered after the core ones (sObjects, SOQL, composite...). */
export type SalesforceRoutes = (app: FastifyInstance, ctx: SalesforceContext) => void;

export function createSalesforceEmulator(extraRoutes: SalesforceRoutes[] = []): {
  emulator: Emulator;
  state: SalesforceState;
  ctx: SalesforceContext;
} {
  const state = new SalesforceState();
  const emulator = new Emulator({
    name: "salesforce",
    contract: "salesforce",
    // Salesforce accepts `/query/`, `/sobjects/User/` (simple-salesforce sends them).
    trailingSlash: true,
    notFound: () => ({ body: sfError("The requested resource does not exist", "NOT_FOUND") }),
    errorBody: (status, message) =>
      sfError(
        message,
        status === 429 || status === 403
          ? "REQUEST_LIMIT_EXCEEDED"
          : status === 401
            ? "INVALID_SESSION_ID"
            : "UNKNOWN_EXCEPTION",
      ),
    reset: () => state.reset(),
    expireSessions: () => state.accessTokens.clear(),
    snapshot: () => ({
      orgs: [...state.orgs.values()].map((o) => ({ ...o, sandboxes: [...o.sandboxes], records: undefined })),
    }),
  });
  // Body errors in Salesforce's shape: JSON_PARSER_ERROR for a body that does not parse.
  emulator.app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const code =
      status === 400 ? "JSON_PARSER_ERROR" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "UNKNOWN_EXCEPTION";
    reply.code(status).send(sfError(status === 500 ? "An unexpected error occurred" : error.message, code));
  });
  const grants = new WeakMap<FastifyRequest, TokenGrant>();
  const ctx: SalesforceContext = {
    state,
    emulator,
    grant: (request) => grants.get(request)!,
    org: (request) => state.orgs.get(grants.get(request)!.orgId)!,
    grantHandlers: {},
  };
  emulator.app.addHook("preHandler", async (request, reply) => {
    if (!/^\/services\/data\/v\d+\.\d+(\/|$)/.test(request.url)) return;
    const grant = state.accessTokens.get(bearerToken(request.headers.authorization) ?? "");
    if (!grant || !state.orgs.has(grant.orgId)) {
      return reply.code(401).send(sfError("Session expired or invalid", "INVALID_SESSION_ID"));
    }
    grants.set(request, grant);
    const usage = state.apiUsage.get(grant.orgId) ?? { used: 0, limit: 100_000 };
    state.apiUsage.set(grant.orgId, usage);
    usage.used++;
    reply.header("sforce-limit-info", `api-usage=${usage.used}/${usage.limit}`);
    if (usage.used > usage.limit) {
      return reply.code(403).send(sfError("TotalRequests Limit exceeded.", "REQUEST_LIMIT_EXCEEDED"));
    }
  });
  emulator.app.post("/__emulator/orgs", async (request, reply) => {
    const body = (request.body ?? {}) as Parameters<SalesforceState["createOrg"]>[0] & {
      sandboxes?: string[];
    };
    if (!body.username) return reply.code(400).send({ message: "username is required" });
    const created = state.createOrg(body);
    for (const name of body.sandboxes ?? []) state.createSandbox(created.org.Id, name);
    const host = new URL(emulator.url).host;
    return reply.code(201).send({
      orgId: created.org.Id,
      userId: created.userId,
      username: body.username.toLowerCase(),
      sfdxAuthUrl: `force://${created.clientId}:${created.clientSecret}:${created.refreshToken}@${host}`,
    });
  });
  emulator.app.post("/__emulator/revoke", async (request) => {
    const { refreshToken } = (request.body ?? {}) as { refreshToken?: string };
    return { revoked: state.refreshTokens.delete(refreshToken ?? "") };
  });
  oauthRoutes(emulator.app, ctx);
  dataRoutes(emulator.app, ctx);
  for (const routes of extraRoutes) routes(emulator.app, ctx);
  return { emulator, state, ctx };
}
