import { FastifyReply, FastifyRequest } from "fastify";
import { randomBytes } from "node:crypto";
import { Emulator } from "../core/emulator";
import { orgProblems, UPDATABLE_DEFAULTS, userProblems, wholeNumber } from "./rules";
import { newOrg, OrgRecord, orgDto, randomId, SessionRecord, UserRecord, userDto } from "./state";
import { parseXml, toXml } from "./xml";

/** The v2 error object. Only UI_10000 is a documented code; the others are this emulator's (UNVERIFIED). */
/** The v2 error object. INVENTED: every code but UI_10000 (login); Informatica documents no others. */
export const iicsError = (statusCode: number, code: string, description: string) => ({
  "@type": "error",
  code,
  description,
  statusCode,
});

export const LOGIN_PATH = "/ma/api/v2/user/login";
const API = "/saas/api/v2";
/** Sessions die after 30 minutes without a call (the docs' grace period is not emulated). */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** Fields register takes for the new org (the register doc's list). */
const REGISTER_ORG_FIELDS = [
  "name",
  "address1",
  "address2",
  "address3",
  "city",
  "state",
  "zipcode",
  "country",
  "timezone",
  "employees",
  "offerCode",
];

interface Caller {
  user: UserRecord;
  org: OrgRecord;
}

const sameName = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
const pick = (from: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => from[k] !== undefined && from[k] !== "").map((k) => [k, from[k]]));
const asObject = (v: unknown) =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Informatica IICS platform REST API v2: login, org and register (seed 004, notes §B.9). */
export class IicsEmulator {
  readonly orgs = new Map<string, OrgRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly emulator: Emulator;
  /** Seed 004's reading: state and zipcode required only for US addresses (default: for every country). */
  addressOnlyForUS = false;
  /** The seeded parent org and its administrator: the credentials orgplane logs in with. */
  partner = { orgId: "", username: "admin@orgplane-partner.example", password: "Orgplane-Partner-1" };
  private clockOffsetMs = 0;

  constructor() {
    this.emulator = new Emulator({
      name: "iics",
      contract: "iics",
      errorBody: (status, message) => iicsError(status, `HTTP_${status}`, message),
      reset: () => this.seed(),
      expireSessions: () => this.sessions.clear(),
      snapshot: () => [...this.orgs.values()].map((org) => orgDto(org)),
    });
    this.seed();
    this.installFormats();
    this.routes();
  }

  /** The emulator's clock: tests move it forward to let sessions idle out. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** A parent (partner) org with an Admin user who may register sub-orgs. */
  addParentOrg(options: {
    name: string;
    username: string;
    password: string;
    subOrgLimit?: number;
    restApiSessionLimit?: number;
  }) {
    const stamp = new Date(this.now()).toISOString();
    const org = newOrg(
      { name: options.name, address1: "1 Partner Way", city: "Redwood City", state: "CA", zipcode: "94063" },
      {
        parentOrgId: "0",
        by: "system",
        now: stamp,
        subOrgLimit: options.subOrgLimit ?? 50,
        restApiSessionLimit: options.restApiSessionLimit ?? 500,
      },
    );
    Object.assign(org.fields, { country: "US", employees: "101_500" });
    this.orgs.set(org.id, org);
    const user: UserRecord = {
      id: randomId(),
      orgId: org.id,
      name: options.username,
      password: options.password,
      firstName: "Partner",
      lastName: "Admin",
      roles: ["Admin"],
      createTime: stamp,
    };
    this.users.set(user.id, user);
    return { orgId: org.id, username: user.name, password: user.password };
  }

  subOrgsOf(parentId: string): OrgRecord[] {
    return [...this.orgs.values()].filter((o) => o.parentOrgId === parentId);
  }

  /** Every sub-org of every parent. */
  allSubOrgs(): OrgRecord[] {
    return [...this.orgs.values()].filter((o) => o.parentOrgId !== "0");
  }

  private seed(): void {
    this.orgs.clear();
    this.users.clear();
    this.sessions.clear();
    this.clockOffsetMs = 0;
    const { password, username } = this.partner;
    this.partner = { ...this.addParentOrg({ name: "Orgplane Partner", username, password }) };
  }

  /** XML bodies in (the seed's example is XML) and XML replies for `Accept: application/xml`; vendor-shaped errors. */
  private installFormats(): void {
    const app = this.emulator.app;
    app.addContentTypeParser(["application/xml", "text/xml"], { parseAs: "string" }, (_req, body, done) => {
      try {
        done(null, parseXml(body as string));
      } catch (e) {
        done(Object.assign(new Error(`Malformed XML: ${(e as Error).message}`), { statusCode: 400 }));
      }
    });
    app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      const status = error.statusCode ?? 500;
      return reply
        .code(status)
        .send(iicsError(status, status < 500 ? "BAD_REQUEST" : "INTERNAL", error.message));
    });
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send(iicsError(404, "NOT_FOUND", `No resource at ${request.method} ${request.url}`)),
    );
    app.addHook("onSend", async (request, reply, payload) => {
      const accept = String(request.headers.accept ?? "");
      const json = String(reply.getHeader("content-type") ?? "").includes("json");
      if (!accept.includes("xml") || accept.includes("json") || !json || typeof payload !== "string")
        return payload;
      reply.header("content-type", "application/xml; charset=utf-8");
      return toXml(JSON.parse(payload));
    });
  }

  /** The caller of a v2 call, from the icSessionId header; else a 401 is sent. Each call restarts the idle timer. */
  private caller(request: FastifyRequest, reply: FastifyReply): Caller | undefined {
    const id = request.headers["icsessionid"];
    const session = typeof id === "string" ? this.sessions.get(id) : undefined;
    const expired = session && this.now() - session.lastUsed > IDLE_TIMEOUT_MS;
    if (session && expired) this.sessions.delete(session.id);
    const user = session && !expired ? this.users.get(session.userId) : undefined;
    const org = user && this.orgs.get(user.orgId);
    if (!session || expired || !user || !org) {
      reply.code(401).send(iicsError(401, "AUTH_01", "Invalid or expired session. Log in again."));
      return undefined;
    }
    session.lastUsed = this.now();
    return { user, org };
  }

  /** An org the caller may see: its own, or a sub-org of it. */
  private visible(caller: Caller, org: OrgRecord | undefined): org is OrgRecord {
    return !!org && (org.id === caller.org.id || org.parentOrgId === caller.org.id);
  }

  private hierarchy(caller: Caller): OrgRecord[] {
    const root = caller.org.parentOrgId === "0" ? caller.org : this.orgs.get(caller.org.parentOrgId)!;
    return [root, ...this.subOrgsOf(root.id)];
  }

  private notFound(reply: FastifyReply, what: string) {
    return reply.code(404).send(iicsError(404, "NOT_FOUND", `Organization ${what} was not found.`));
  }

  private routes(): void {
    const app = this.emulator.app;

    app.post(LOGIN_PATH, async (request, reply) => {
      const body = asObject(request.body) ?? {};
      const { username, password } = body;
      if (typeof username !== "string" || typeof password !== "string" || !username || !password) {
        return reply.code(400).send(iicsError(400, "BAD_REQUEST", "username and password are required."));
      }
      if (username.length > 255 || password.length > 255) {
        return reply
          .code(400)
          .send(iicsError(400, "BAD_REQUEST", "username and password are at most 255 characters."));
      }
      const user = [...this.users.values()].find(
        (u) => sameName(u.name, username) && u.password === password,
      );
      // The documented example answers 403; a reader reports 400 from real servers.
      if (!user)
        return reply.code(403).send(iicsError(403, "UI_10000", "User name or password is not valid."));
      const org = this.orgs.get(user.orgId)!;
      const live = [...this.sessions.values()].filter(
        (s) => this.now() - s.lastUsed <= IDLE_TIMEOUT_MS && this.users.get(s.userId)?.orgId === org.id,
      );
      if (org.restApiSessionLimit > 0 && live.length >= org.restApiSessionLimit) {
        return reply
          .code(403)
          .send(iicsError(403, "SESSION_LIMIT", "The organization has reached its REST API session limit."));
      }
      const session = { id: randomBytes(18).toString("base64url"), userId: user.id, lastUsed: this.now() };
      this.sessions.set(session.id, session);
      const serverUrl = `${request.protocol}://${request.host}/saas`;
      return { ...userDto(user, org), serverUrl, icSessionId: session.id };
    });

    app.get(`${API}/org`, async (request, reply) => {
      const caller = this.caller(request, reply);
      if (!caller) return reply;
      const subOrgs = caller.org.parentOrgId === "0" ? this.subOrgsOf(caller.org.id) : undefined;
      return [orgDto(caller.org, subOrgs)];
    });

    app.get(`${API}/org/name/:name`, async (request, reply) => {
      const caller = this.caller(request, reply);
      if (!caller) return reply;
      const { name } = request.params as { name: string };
      const org = this.hierarchy(caller).find((o) => sameName(o.fields.name, name));
      return this.visible(caller, org) ? orgDto(org) : this.notFound(reply, `named ${name}`);
    });

    app.get(`${API}/org/:id`, async (request, reply) => {
      const caller = this.caller(request, reply);
      if (!caller) return reply;
      const { id } = request.params as { id: string };
      const org = this.orgs.get(id);
      if (!this.visible(caller, org)) return this.notFound(reply, id);
      return orgDto(org, org.parentOrgId === "0" ? this.subOrgsOf(org.id) : undefined);
    });

    app.post(`${API}/org/:id`, async (request, reply) => {
      const caller = this.caller(request, reply);
      if (!caller) return reply;
      const { id } = request.params as { id: string };
      const org = this.orgs.get(id);
      if (!this.visible(caller, org)) return this.notFound(reply, id);
      const body = { ...(asObject(request.body) ?? {}) };
      // The seed's field table says `address`; its example and the GET reply say `address1`. Take both.
      if (body.address1 === undefined && body.address !== undefined) body.address1 = body.address;
      const problems = orgProblems(body, this.addressOnlyForUS);
      if (problems.length) return reply.code(400).send(iicsError(400, "VALIDATION", problems.join(" ")));
      const clash = this.hierarchy(caller).find((o) => o.id !== id && sameName(o.fields.name, body.name));
      if (clash)
        return reply
          .code(400)
          .send(iicsError(400, "ORG_NAME_TAKEN", `An organization named ${body.name} exists.`));
      // Full update: every updatable field takes the body's value or goes back to its default. INVENTED: from
      // third-party clients (the MCP tool's "FULL update"); Informatica's docs do not say.
      for (const [key, fallback] of Object.entries(UPDATABLE_DEFAULTS)) {
        const value = body[key];
        const given = value !== undefined && value !== null && value !== "";
        org.fields[key] = !given ? fallback : typeof fallback === "number" ? wholeNumber(value) : value;
      }
      org.updateTime = new Date(this.now()).toISOString();
      org.updatedBy = caller.user.name;
      return orgDto(org, org.parentOrgId === "0" ? this.subOrgsOf(org.id) : undefined);
    });

    app.delete(`${API}/org/:id`, async (request, reply) => {
      const caller = this.caller(request, reply);
      if (!caller) return reply;
      const { id } = request.params as { id: string };
      const org = this.orgs.get(id);
      if (org && org.id === caller.org.id) {
        return reply.code(403).send(iicsError(403, "FORBIDDEN", "An organization cannot delete itself."));
      }
      if (!org || org.parentOrgId !== caller.org.id) return this.notFound(reply, id);
      if (!caller.user.roles.includes("Admin")) {
        return reply
          .code(403)
          .send(iicsError(403, "FORBIDDEN", "Only an administrator of the parent may delete."));
      }
      this.orgs.delete(id);
      for (const user of [...this.users.values()].filter((u) => u.orgId === id)) {
        this.users.delete(user.id);
        for (const s of [...this.sessions.values()].filter((s) => s.userId === user.id))
          this.sessions.delete(s.id);
      }
      return reply.code(200).send();
    });

    app.post(`${API}/user/register`, async (request, reply) => this.register(request, reply));
  }

  private register(request: FastifyRequest, reply: FastifyReply) {
    const caller = this.caller(request, reply);
    if (!caller) return reply;
    if (caller.org.parentOrgId !== "0" || !caller.user.roles.includes("Admin")) {
      return reply
        .code(403)
        .send(
          iicsError(
            403,
            "FORBIDDEN",
            "Only an administrator of a parent org may register sub-organizations.",
          ),
        );
    }
    const body = asObject(request.body) ?? {};
    const org = asObject(body.org);
    const user = asObject(body.user);
    if (!org || !user)
      return reply.code(400).send(iicsError(400, "VALIDATION", "A registration needs org and user."));
    const problems = [...orgProblems(org, this.addressOnlyForUS), ...userProblems(user)];
    if (problems.length) return reply.code(400).send(iicsError(400, "VALIDATION", problems.join(" ")));
    const parent = caller.org;
    if (this.subOrgsOf(parent.id).length >= parent.subOrgLimit) {
      return reply
        .code(403)
        .send(
          iicsError(
            403,
            "SUBORG_LIMIT",
            `The organization may have at most ${parent.subOrgLimit} sub-organizations.`,
          ),
        );
    }
    if (this.hierarchy(caller).some((o) => sameName(o.fields.name, org.name))) {
      return reply
        .code(400)
        .send(iicsError(400, "ORG_NAME_TAKEN", `An organization named ${org.name} exists.`));
    }
    if ([...this.users.values()].some((u) => sameName(u.name, user.name))) {
      return reply.code(400).send(iicsError(400, "USER_NAME_TAKEN", `The user name ${user.name} is taken.`));
    }
    // INVENTED: the register reply (its shape is not documented; the contract has no schema for it).
    const stamp = new Date(this.now()).toISOString();
    const record = newOrg(pick(org, REGISTER_ORG_FIELDS), {
      parentOrgId: parent.id,
      by: caller.user.name,
      now: stamp,
      subOrgLimit: 0,
      restApiSessionLimit: 0,
    });
    this.orgs.set(record.id, record);
    const admin: UserRecord = {
      id: randomId(),
      orgId: record.id,
      name: String(user.name),
      password: String(user.password),
      firstName: user.firstName as string,
      lastName: user.lastName as string,
      title: user.title as string | undefined,
      phone: user.phone as string | undefined,
      timezone: user.timezone as string | undefined,
      roles: ["Admin"],
      createTime: stamp,
    };
    this.users.set(admin.id, admin);
    // The real reply's shape is UNVERIFIED: this one is the new administrator's user object (its orgId is the new org).
    return userDto(admin, record);
  }
}
