import { FastifyInstance, FastifyReply } from "fastify";
import { verify } from "node:crypto";
import { bearerToken } from "../core/jwt";
import { SalesforceContext } from "./server";
import { SalesforceOrg, SalesforceUserRecord, TokenGrant } from "./state";

export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const AUDIENCES = ["https://login.salesforce.com", "https://test.salesforce.com"];

const oauthError = (reply: FastifyReply, error: string, description: string) =>
  reply.code(400).send({ error, error_description: description });

const decode = (part: string) =>
  JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;

/** Checks an RS256 assertion against the connected app's registered public key. */
function jwtGrant(ctx: SalesforceContext, assertion: string): TokenGrant | string {
  const [head, body, signature] = assertion.split(".");
  if (!head || !body || !signature) return "invalid assertion";
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decode(head);
    claims = decode(body);
  } catch {
    return "invalid assertion";
  }
  const app = ctx.state.connectedApps.get(String(claims.iss));
  if (!app?.publicKeyPem) return "invalid_client_id";
  const signed = Buffer.from(`${head}.${body}`);
  if (
    header.alg !== "RS256" ||
    !verify("RSA-SHA256", signed, app.publicKeyPem, Buffer.from(signature, "base64url"))
  ) {
    return "invalid assertion";
  }
  const audiences = [...AUDIENCES, ctx.emulator.url, ctx.emulator.httpsUrl];
  if (!audiences.includes(String(claims.aud).replace(/\/+$/, ""))) return "audience is invalid";
  // Salesforce takes `exp` as a number or a numeric string (simple-salesforce sends a string).
  const exp = typeof claims.exp === "string" && /^\d+$/.test(claims.exp) ? Number(claims.exp) : claims.exp;
  if (typeof exp !== "number" || exp * 1000 < Date.now()) return "invalid assertion";
  const holder = ctx.state.userByUsername(String(claims.sub ?? ""));
  if (!holder) return "user hasn't approved this consumer";
  if (holder.user.IsActive !== true) return "inactive user";
  return { orgId: holder.org.Id, userId: holder.user.Id, clientId: app.clientId, clientSecret: "" };
}

/** A user whose password (followed by the security token, if set) matches. */
function checkPassword(ctx: SalesforceContext, username: string, password: string) {
  const holder = ctx.state.userByUsername(username);
  const stored = ctx.state.passwords.get(username.toLowerCase());
  if (!holder || !stored || holder.user.IsActive !== true) return undefined;
  return password === stored.password + (stored.securityToken ?? "") ? holder : undefined;
}

function identity(url: string, org: SalesforceOrg, user: SalesforceUserRecord) {
  const rest = (path: string) => `${url}/services/data/v{version}/${path}`;
  return {
    id: `${url}/id/${org.Id}/${user.Id}`,
    asserted_user: true,
    user_id: user.Id,
    organization_id: org.Id,
    username: user.Username,
    nick_name: user.CommunityNickname ?? user.Alias,
    display_name: user.Name ?? `${user.FirstName ?? ""} ${user.LastName ?? ""}`.trim(),
    email: user.Email,
    active: user.IsActive === true,
    user_type: "STANDARD",
    language: user.LanguageLocaleKey ?? "en_US",
    locale: user.LocaleSidKey ?? "en_US",
    urls: {
      rest: rest(""),
      sobjects: rest("sobjects/"),
      query: rest("query/"),
      profile: `${url}/${user.Id}`,
    },
  };
}

const soapField = (xml: string, tag: string) => {
  const match = new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`).exec(xml);
  return match
    ? match[1]
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
    : undefined;
};
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
  `xmlns="urn:partner.soap.sforce.com" xmlns:sf="urn:fault.partner.soap.sforce.com" ` +
  `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** Password and JWT bearer grants, SOAP login, identity, the version root, and admin knobs for tests. */
export function authRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  const { state } = ctx;
  ctx.grantHandlers.password = (form, reply, respond) => {
    // INVENTED: the error a blocked username-password flow answers with is not documented.
    if (state.passwordFlowBlocked)
      return oauthError(reply, "unsupported_grant_type", "grant type not supported");
    const client = state.connectedApps.get(form.client_id ?? "");
    if (!client) return oauthError(reply, "invalid_client_id", "client identifier invalid");
    if (client.clientSecret !== form.client_secret)
      return oauthError(reply, "invalid_client", "invalid client credentials");
    const holder = checkPassword(ctx, form.username ?? "", form.password ?? "");
    if (!holder) return oauthError(reply, "invalid_grant", "authentication failure");
    return respond({
      orgId: holder.org.Id,
      userId: holder.user.Id,
      clientId: client.clientId,
      clientSecret: client.clientSecret ?? "",
    });
  };
  ctx.grantHandlers[JWT_BEARER] = (form, reply, respond) => {
    const outcome = jwtGrant(ctx, form.assertion ?? "");
    if (outcome === "invalid_client_id")
      return oauthError(reply, "invalid_client_id", "client identifier invalid");
    if (typeof outcome === "string") return oauthError(reply, "invalid_grant", outcome);
    const { scope: _scope, ...body } = respond(outcome) as Record<string, unknown>;
    return body;
  };

  app.addContentTypeParser(["text/xml", "application/xml"], { parseAs: "string" }, (_req, body, done) =>
    done(null, body),
  );
  app.post("/services/Soap/u/:version", async (request, reply) => {
    const xml = String(request.body ?? "");
    const { version } = request.params as { version: string };
    reply.header("content-type", "text/xml; charset=utf-8");
    // SOAP login() does not exist from API 65.0 on (Salesforce help 005132110). INVENTED: the fault's code and words.
    if (Number(version) >= 65) {
      const fault =
        "<soapenv:Fault><faultcode>sf:UNSUPPORTED_API_VERSION</faultcode>" +
        `<faultstring>UNSUPPORTED_API_VERSION: login() is not available in API version ${version} and later</faultstring></soapenv:Fault>`;
      return reply.code(500).send(envelope(fault));
    }
    const holder = checkPassword(ctx, soapField(xml, "username") ?? "", soapField(xml, "password") ?? "");
    if (!holder) {
      // The partner WSDL's LoginFault detail (simple-salesforce reads sf:exceptionCode from it).
      const message = "Invalid username, password, security token; or user locked out.";
      const fault =
        `<soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: ${message}</faultstring>` +
        `<detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>` +
        `<sf:exceptionMessage>${message}</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault>`;
      return reply.code(500).send(envelope(fault));
    }
    const token = state.issueAccessToken({
      orgId: holder.org.Id,
      userId: holder.user.Id,
      clientId: "SOAP",
      clientSecret: "",
    });
    const serverUrl = `${ctx.emulator.urlOf(request)}/services/Soap/u/${version}/${holder.org.Id}`;
    const result =
      `<loginResponse><result><passwordExpired>false</passwordExpired><sandbox>${holder.org.IsSandbox}</sandbox>` +
      `<serverUrl>${serverUrl}</serverUrl><sessionId>${token}</sessionId><userId>${holder.user.Id}</userId>` +
      `<organizationId>${holder.org.Id}</organizationId></result></loginResponse>`;
    return reply.send(envelope(result));
  });

  app.get("/id/:orgId/:userId", async (request, reply) => {
    const { orgId, userId } = request.params as { orgId: string; userId: string };
    const token =
      (request.query as { oauth_token?: string }).oauth_token ?? bearerToken(request.headers.authorization);
    const grant = state.accessTokens.get(token ?? "");
    if (!grant) return reply.code(403).send("Bad_OAuth_Token");
    if (grant.orgId !== orgId) return reply.code(403).send("Wrong_Org");
    const org = state.orgs.get(orgId)!;
    const user = state.userById(org, userId);
    if (!user) return reply.code(404).send("Bad_Id");
    return identity(ctx.emulator.urlOf(request), org, user);
  });

  app.get("/services/data/:version", async (request) => {
    const { version } = request.params as { version: string };
    const grant = ctx.grant(request);
    const resources = ["sobjects", "query", "queryAll", "composite", "search", "limits", "tooling"];
    return {
      ...Object.fromEntries(resources.map((r) => [r, `/services/data/${version}/${r}`])),
      identity: `${ctx.emulator.urlOf(request)}/id/${grant.orgId}/${grant.userId}`,
    };
  });
  app.get("/services/data/:version/limits", async (request) => {
    const usage = state.apiUsage.get(ctx.grant(request).orgId)!;
    return { DailyApiRequests: { Max: usage.limit, Remaining: Math.max(usage.limit - usage.used, 0) } };
  });

  const admin = "/__emulator/salesforce";
  app.post(`${admin}/connected-apps`, async (request, reply) => {
    const body = (request.body ?? {}) as { clientId?: string; clientSecret?: string; publicKeyPem?: string };
    if (!body.clientId) return reply.code(400).send({ message: "clientId is required" });
    state.connectedApps.set(body.clientId, {
      clientId: body.clientId,
      clientSecret: body.clientSecret,
      publicKeyPem: body.publicKeyPem,
    });
    return reply.code(201).send({ clientId: body.clientId });
  });
  app.post(`${admin}/passwords`, async (request, reply) => {
    const body = (request.body ?? {}) as { username?: string; password?: string; securityToken?: string };
    if (!body.username || !body.password)
      return reply.code(400).send({ message: "username and password are required" });
    state.passwords.set(body.username.toLowerCase(), {
      password: body.password,
      securityToken: body.securityToken,
    });
    return reply.code(201).send({ username: body.username.toLowerCase() });
  });
  app.post(`${admin}/licenses`, async (request, reply) => {
    const body = (request.body ?? {}) as { orgId?: string; name?: string; total?: number };
    const org = state.orgs.get(body.orgId ?? "");
    const row = org && setLicenseTotal(ctx, org, String(body.name), Number(body.total));
    return row ? row : reply.code(404).send({ message: "no such org or licence" });
  });
  app.post(`${admin}/api-limit`, async (request) => {
    const body = (request.body ?? {}) as { orgId: string; limit: number; used?: number };
    state.apiUsage.set(body.orgId, { used: body.used ?? 0, limit: body.limit });
    return state.apiUsage.get(body.orgId);
  });
}

/** Sets how many seats a user licence (by Name) or permission set licence (by DeveloperName) has. */
export function setLicenseTotal(ctx: SalesforceContext, org: SalesforceOrg, name: string, total: number) {
  for (const type of ["UserLicense", "PermissionSetLicense"]) {
    for (const row of ctx.state.table(org, type).values()) {
      if (row.Name === name || row.DeveloperName === name) {
        row.TotalLicenses = total;
        return row;
      }
    }
  }
  return undefined;
}
