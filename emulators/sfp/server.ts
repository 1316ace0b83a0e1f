import { FastifyReply, FastifyRequest } from "fastify";
import { randomBytes } from "node:crypto";
import { Emulator } from "../core/emulator";
import { bearerToken, signJwt, verifyJwt } from "../core/jwt";
import {
  describeOrg,
  exchangeRefreshToken,
  parseAuthUrl,
  sandboxAuth,
  SalesforceLinkError,
} from "./salesforce-link";

export type SfpRole = "owner" | "member" | "application";

export interface SfpOrgRecord {
  username: string;
  instanceUrl: string;
  orgId: string;
  organizationType: string;
  instanceName: string;
  parentProductionUsername?: string;
  isJitRegistration: boolean;
  isDevHub: boolean;
  isDefault: boolean;
  metadata: Record<string, unknown>;
  createdAt: string;
  sandboxName?: string;
  sfdxAuthUrl?: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** NestJS's HttpException body. */
export const nestError = (statusCode: number, message: string | string[]) =>
  statusCode === 401
    ? { message, statusCode }
    : { statusCode, message, error: STATUS_TEXT[statusCode] ?? "Error" };

const BASE = "/sfp/api/auth/salesforce";

/** The flxbl sfp server's Salesforce org registry (seed 001), with JWT bearer roles. */
export class SfpEmulator {
  readonly orgs = new Map<string, SfpOrgRecord>();
  readonly emulator: Emulator;
  private secret = randomBytes(32).toString("hex");
  admin = { email: "admin@orgplane.local", password: "orgplane-admin" };

  constructor() {
    this.emulator = new Emulator({
      name: "sfp",
      errorBody: nestError,
      contract: "sfp",
      // NestJS's own answer to an unknown route (the sfp server is a NestJS app).
      notFound: (method, path) => ({
        body: { message: `Cannot ${method} ${path}`, error: "Not Found", statusCode: 404 },
      }),
      reset: () => this.orgs.clear(),
      expireSessions: () => (this.secret = randomBytes(32).toString("hex")),
      snapshot: () =>
        [...this.orgs.values()].map(({ sfdxAuthUrl, ...rest }) => ({ ...rest, hasAuthUrl: !!sfdxAuthUrl })),
    });
    this.routes();
  }

  /** A bearer token for a role, as the sfp server issues them. */
  issueToken(role: SfpRole, email = `${role}@orgplane.local`, ttlSeconds = 3600): string {
    return signJwt({ sub: email, email, role, exp: Math.floor(Date.now() / 1000) + ttlSeconds }, this.secret);
  }

  private find(usernameOrSandbox: string): SfpOrgRecord | undefined {
    const key = usernameOrSandbox.toLowerCase();
    return this.orgs.get(key) ?? [...this.orgs.values()].find((o) => o.sandboxName?.toLowerCase() === key);
  }

  private authorize(request: FastifyRequest, reply: FastifyReply, roles: SfpRole[]): SfpRole | undefined {
    const claims = verifyJwt(bearerToken(request.headers.authorization) ?? "", this.secret);
    if (!claims) {
      reply.code(401).send(nestError(401, "Unauthorized"));
      return undefined;
    }
    const role = claims.role as SfpRole;
    if (role !== "owner" && !roles.includes(role)) {
      reply.code(403).send(nestError(403, `Forbidden - Requires role: ${roles.join(", ")}`));
      return undefined;
    }
    return role;
  }

  private dto(org: SfpOrgRecord, withCreatedAt: boolean) {
    const { sfdxAuthUrl: _secret, sandboxName: _name, createdAt, ...rest } = org;
    return withCreatedAt ? { ...rest, createdAt } : rest;
  }

  private routes(): void {
    const app = this.emulator.app;
    app.get("/sfp/api", async () => ({ status: "ok" }));
    app.get("/sfp/api/ping", async () => ({ status: "ok", timestamp: new Date().toISOString() }));

    app.post("/sfp/api/auth/admin/login", async (request, reply) => {
      const { email, password } = (request.body ?? {}) as { email?: string; password?: string };
      if (email !== this.admin.email || password !== this.admin.password) {
        return reply.code(401).send(nestError(401, "Invalid credentials"));
      }
      const user = { id: "00000000-0000-4000-8000-000000000001", email, role: "owner" };
      return {
        success: true,
        access_token: this.issueToken("owner", email),
        refresh_token: randomBytes(16).toString("hex"),
        user,
        error: null,
      };
    });

    app.post(`${BASE}/register`, async (request, reply) => {
      if (!this.authorize(request, reply, ["owner"])) return;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems = validateRegistration(body);
      if (problems.length) return reply.code(400).send(nestError(400, problems));
      const sfdxAuthUrl = body.sfdxAuthUrl as string;
      const parsed = parseAuthUrl(sfdxAuthUrl);
      if (!parsed) return reply.code(400).send(nestError(400, "Invalid SFDX Auth URL format"));
      let facts: {
        username?: string;
        instanceUrl: string;
        orgId: string;
        organizationType: string;
        instanceName: string;
      };
      if (body.skipValidation === true) {
        if (typeof body.username !== "string") {
          return reply.code(400).send(nestError(400, "username is required when skipValidation is true"));
        }
        facts = {
          instanceUrl: (body.instanceUrl as string) ?? parsed.loginUrl,
          orgId: "",
          organizationType: "",
          instanceName: "",
        };
      } else {
        try {
          facts = await describeOrg(parsed);
        } catch (e) {
          const message = e instanceof SalesforceLinkError ? e.message : "unexpected error";
          return reply
            .code(400)
            .send(nestError(400, `Failed to validate connection to Salesforce org: ${message}`));
        }
      }
      const username = ((body.username as string | undefined) ?? facts.username ?? "").toLowerCase();
      const existing = this.orgs.get(username);
      if (body.isDefault === true) for (const org of this.orgs.values()) org.isDefault = false;
      const record: SfpOrgRecord = {
        username,
        instanceUrl: (body.instanceUrl as string | undefined) ?? facts.instanceUrl,
        orgId: facts.orgId,
        organizationType: facts.organizationType,
        instanceName: facts.instanceName,
        isJitRegistration: false,
        isDevHub: body.isDevHub === true,
        isDefault: body.isDefault === true,
        metadata: (body.metadata as Record<string, unknown>) ?? {},
        createdAt: existing?.createdAt ?? new Date().toISOString(),
        sfdxAuthUrl,
      };
      this.orgs.set(username, record);
      return reply.code(201).send(this.dto(record, false));
    });

    // Not in seed 001 (contracts/sfp/sfp-docs.openapi.json). INVENTED: the reply is the seed's SalesforceOrgDto.
    app.post(`${BASE}/register-sandbox-by-name`, async (request, reply) => {
      if (!this.authorize(request, reply, ["owner"])) return;
      const body = (request.body ?? {}) as { sandboxName?: unknown; productionUsername?: unknown };
      const problems = [
        ...(typeof body.sandboxName === "string" && body.sandboxName ? [] : ["sandboxName must be a string"]),
        ...(typeof body.productionUsername === "string" && body.productionUsername
          ? []
          : ["productionUsername must be a string"]),
      ];
      if (problems.length) return reply.code(400).send(nestError(400, problems));
      const prod = this.orgs.get((body.productionUsername as string).toLowerCase());
      if (!prod?.sfdxAuthUrl) {
        return reply
          .code(400)
          .send(nestError(400, `Production org ${body.productionUsername} is not registered`));
      }
      let facts;
      try {
        facts = await sandboxAuth(parseAuthUrl(prod.sfdxAuthUrl)!, body.sandboxName as string);
      } catch (e) {
        const message = e instanceof SalesforceLinkError ? e.message : "unexpected error";
        return reply.code(400).send(nestError(400, `Sandbox validation failed: ${message}`));
      }
      const existing = this.orgs.get(facts.username);
      const record: SfpOrgRecord = {
        username: facts.username,
        instanceUrl: facts.instanceUrl,
        orgId: facts.orgId,
        organizationType: facts.organizationType,
        instanceName: facts.instanceName,
        parentProductionUsername: prod.username,
        isJitRegistration: true,
        isDevHub: false,
        isDefault: false,
        metadata: existing?.metadata ?? {},
        createdAt: existing?.createdAt ?? new Date().toISOString(),
        sandboxName: (body.sandboxName as string).toLowerCase(),
      };
      this.orgs.set(record.username, record);
      return reply.code(201).send(this.dto(record, false));
    });

    app.get(`${BASE}/org`, async (request, reply) => {
      const role = this.authorize(request, reply, ["member", "application"]);
      if (!role) return;
      const { username, authType } = request.query as { username?: string; authType?: string };
      if (!username) return reply.code(400).send(nestError(400, ["username should not be empty"]));
      if (authType !== undefined && authType !== "accessToken" && authType !== "sfdxAuthUrl") {
        return reply
          .code(400)
          .send(nestError(400, ["authType must be one of the following values: accessToken, sfdxAuthUrl"]));
      }
      const org = this.find(username);
      if (!org) return reply.code(404).send(nestError(404, "Organization not found"));
      const details = this.dto(org, true);
      // The seed's default authType is accessToken: a GET without one mints a Salesforce token too.
      if (role === "member") return details;
      if (authType === "sfdxAuthUrl") return { ...details, sfdxAuthUrl: org.sfdxAuthUrl ?? null };
      try {
        const token = await this.accessTokenFor(org);
        return { ...details, ...token };
      } catch (e) {
        return reply
          .code(400)
          .send(nestError(400, `Failed to authenticate to Salesforce org: ${(e as Error).message}`));
      }
    });

    app.delete(`${BASE}/org`, async (request, reply) => {
      if (!this.authorize(request, reply, ["owner"])) return;
      const { username } = request.query as { username?: string };
      const org = username ? this.find(username) : undefined;
      if (!org) return reply.code(404).send(nestError(404, "Organization not found"));
      this.orgs.delete(org.username);
      return reply.code(200).send();
    });

    app.get(`${BASE}/orgs`, async (request, reply) => {
      const role = this.authorize(request, reply, ["member", "application"]);
      if (!role) return;
      const query = request.query as {
        type?: string;
        devhub?: string;
        metadata?: string;
        includeSfdxAuthUrl?: string;
      };
      let filter: Record<string, string> = {};
      if (query.metadata) {
        try {
          filter = query.metadata.trim().startsWith("{")
            ? JSON.parse(query.metadata)
            : Object.fromEntries(
                query.metadata.split(",").map((pair) => pair.split("=").map((s) => s.trim())),
              );
        } catch {
          return reply.code(400).send(nestError(400, "Invalid metadata filter"));
        }
      }
      const withAuth = query.includeSfdxAuthUrl === "true" && role !== "member";
      return [...this.orgs.values()]
        .filter((o) => !query.type || o.organizationType.toLowerCase().includes(query.type.toLowerCase()))
        .filter((o) => query.devhub !== "true" || o.isDevHub)
        .filter((o) => Object.entries(filter).every(([k, v]) => String(o.metadata[k]) === String(v)))
        .map((o) => (withAuth ? { ...this.dto(o, true), sfdxAuthUrl: o.sfdxAuthUrl } : this.dto(o, true)));
    });

    app.post(`${BASE}/test-connection`, async (request, reply) => {
      if (!this.authorize(request, reply, ["application"])) return;
      const { username } = request.query as { username?: string };
      const org = username ? this.find(username) : undefined;
      if (!org) return reply.code(404).send(nestError(404, "Organization not found"));
      try {
        await this.accessTokenFor(org);
        return {
          isValid: true,
          username: org.username,
          orgId: org.orgId,
          organizationType: org.organizationType,
          instanceName: org.instanceName,
        };
      } catch (e) {
        return { isValid: false, username: org.username, error: (e as Error).message };
      }
    });

    app.get(`${BASE}/frontdoor`, async (request, reply) => {
      if (!this.authorize(request, reply, ["member", "application"])) return;
      const { target, redirect } = request.query as { target?: string; redirect?: string };
      if (!target) return reply.code(400).send(nestError(400, ["target should not be empty"]));
      const org = this.find(target);
      if (!org)
        return reply.code(404).send(nestError(404, `No org, pool instance or sandbox found for ${target}`));
      try {
        const { accessToken, instanceUrl } = await this.accessTokenFor(org);
        const url = `${instanceUrl}/secur/frontdoor.jsp?sid=${encodeURIComponent(accessToken)}`;
        // INVENTED: the redirect=false body (the seed lists only 403; the contract leaves its shape open).
        if (redirect === "false") return { url };
        return reply.redirect(url, 302);
      } catch (e) {
        return reply
          .code(400)
          .send(nestError(400, `Failed to authenticate to Salesforce org: ${(e as Error).message}`));
      }
    });
  }

  private async accessTokenFor(org: SfpOrgRecord): Promise<{ accessToken: string; instanceUrl: string }> {
    if (org.sfdxAuthUrl) return exchangeRefreshToken(parseAuthUrl(org.sfdxAuthUrl)!);
    const prod = org.parentProductionUsername ? this.orgs.get(org.parentProductionUsername) : undefined;
    if (!prod?.sfdxAuthUrl || !org.sandboxName) throw new SalesforceLinkError("no stored credentials");
    const facts = await sandboxAuth(parseAuthUrl(prod.sfdxAuthUrl)!, org.sandboxName);
    return { accessToken: facts.accessToken, instanceUrl: facts.instanceUrl };
  }
}

/** The pattern seed 001 declares for SalesforceOrgRegistrationDto.instanceUrl, read as JSON Schema reads it. */
const INSTANCE_URL_PATTERN = "https://*.salesforce.com";

/**
 * class-validator style messages, as NestJS's ValidationPipe returns them: all of them before the handler
 * changes anything. INVENTED: the instanceUrl pattern message (class-validator's @Matches wording).
 */
function validateRegistration(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.sfdxAuthUrl !== "string" || body.sfdxAuthUrl === "") {
    problems.push("sfdxAuthUrl should not be empty", "sfdxAuthUrl must be a string");
  }
  if (body.username !== undefined && typeof body.username !== "string")
    problems.push("username must be a string");
  if (
    body.instanceUrl !== undefined &&
    (typeof body.instanceUrl !== "string" || !/^https?:\/\//.test(body.instanceUrl))
  ) {
    problems.push("instanceUrl must be a URL address");
  } else if (
    typeof body.instanceUrl === "string" &&
    !new RegExp(INSTANCE_URL_PATTERN, "u").test(body.instanceUrl)
  ) {
    problems.push(`instanceUrl must match ${INSTANCE_URL_PATTERN} regular expression`);
  }
  for (const flag of ["isDevHub", "isDefault", "skipValidation"]) {
    if (body[flag] !== undefined && typeof body[flag] !== "boolean")
      problems.push(`${flag} must be a boolean value`);
  }
  if (
    body.metadata !== undefined &&
    (typeof body.metadata !== "object" || body.metadata === null || Array.isArray(body.metadata))
  ) {
    problems.push("metadata must be an object");
  }
  return problems;
}
