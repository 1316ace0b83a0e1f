import { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomBytes, randomUUID } from "node:crypto";
import { isBase64 } from "./validate";
import { cvError } from "./views";

/** 401 body of every Commvault API (notes §2.2, §6). */
export const ACCESS_DENIED = cvError("Access denied", 5);

interface LoginSession {
  userName: string;
  lastUsed: number;
  idleMs: number;
}

interface AccessToken {
  userName: string;
  refreshToken: string;
  expiresAt: number;
  chain: string;
  /** Renewed already: presenting it again revokes its chain. */
  used?: boolean;
}

/** Requests allowed per hour, as Commvault Cloud's per-tenant limiter (notes §7). Off unless set. */
export interface RateLimit {
  writesPerHour: number;
  readsPerHour: number;
}

const HOUR_MS = 3_600_000;

/** Users, login sessions (`QSDK` tokens with idle expiry) and API access tokens. */
export class CommvaultAuth {
  readonly users = new Map<string, { password: string; userGUID: string }>();
  private sessions = new Map<string, LoginSession>();
  /** Sessions that timed out or were expired, not logged out: RenewLoginToken still takes them (cvpysdk renews on 401). */
  private expired = new Map<string, LoginSession>();
  private accessTokens = new Map<string, AccessToken>();
  private revokedChains = new Set<string>();
  /** A login token dies after this much inactivity (30 minutes, notes §2.1). */
  idleMs = 30 * 60_000;
  rateLimit?: RateLimit;
  /** The clock (tests move it forward instead of waiting). */
  now: () => number = Date.now;
  private window = { start: this.now(), reads: 0, writes: 0 };

  addUser(userName: string, password: string): void {
    this.users.set(userName.toLowerCase(), { password, userGUID: randomUUID().toUpperCase() });
  }

  /** An access token (API key) as Command Center creates it, valid for `ttlMs`. */
  issueAccessToken(userName: string, ttlMs = 30 * 60_000, chain: string = randomUUID()) {
    const accessToken = randomBytes(32).toString("hex");
    const refreshToken = randomBytes(32).toString("hex");
    this.accessTokens.set(accessToken, { userName, refreshToken, expiresAt: this.now() + ttlMs, chain });
    return { accessToken, refreshToken };
  }

  /** Ends every login session (the fault "expireSessions"). Access tokens live on. */
  expireSessions(): void {
    for (const [hex, session] of this.sessions) this.expired.set(hex, session);
    this.sessions.clear();
  }

  reset(): void {
    this.sessions.clear();
    this.expired.clear();
    this.window = { start: this.now(), reads: 0, writes: 0 };
  }

  /** The user behind a request: `Authtoken: QSDK x | x | Bearer x`, or `Authorization: Bearer x`. */
  authenticate(request: FastifyRequest): string | undefined {
    const header = request.headers.authtoken || request.headers.authorization;
    const value = (Array.isArray(header) ? header[0] : header)?.trim();
    if (!value) return undefined;
    const token = value.replace(/^(QSDK|Bearer|SAML)\s+/i, "");
    const session = this.sessions.get(token);
    if (session) {
      if (this.now() - session.lastUsed > session.idleMs) {
        this.sessions.delete(token);
        this.expired.set(token, session);
        return undefined;
      }
      session.lastUsed = this.now();
      return session.userName;
    }
    const access = this.accessTokens.get(token);
    const live =
      access && !access.used && access.expiresAt > this.now() && !this.revokedChains.has(access.chain);
    if (live) return access.userName;
    return undefined;
  }

  /** Counts a request against the hourly limiter; false when over it. */
  admit(method: string): boolean {
    if (!this.rateLimit) return true;
    if (this.now() - this.window.start > HOUR_MS) this.window = { start: this.now(), reads: 0, writes: 0 };
    const kind = method === "GET" ? "reads" : "writes";
    const limit = kind === "reads" ? this.rateLimit.readsPerHour : this.rateLimit.writesPerHour;
    if (this.window[kind] >= limit) return false;
    this.window[kind]++;
    return true;
  }

  /** Seconds until the limiter's window resets. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.window.start + HOUR_MS - this.now()) / 1000));
  }

  private startSession(userName: string, idleMinutes?: number): string {
    const hex = randomBytes(48).toString("hex");
    const idleMs = idleMinutes && idleMinutes > 0 ? idleMinutes * 60_000 : this.idleMs;
    this.sessions.set(hex, { userName, lastUsed: this.now(), idleMs });
    return `QSDK ${hex}`;
  }

  /** The guard for every path but the login ones: 401 without a live token, 429 over the limiter. */
  async guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!this.authenticate(request)) {
      return reply.code(401).send(ACCESS_DENIED);
    }
    if (!this.admit(request.method)) {
      const limit = request.method === "GET" ? this.rateLimit!.readsPerHour : this.rateLimit!.writesPerHour;
      reply.header("X-RateLimit-Limit", String(limit));
      reply.header("X-RateLimit-Period", String(this.retryAfterSeconds));
      return reply.code(429).send(cvError("Too many requests: API rate limit exceeded", 429));
    }
  }

  /** POST /Login, /RenewLoginToken and /V4/AccessToken/Renew, which need no token. */
  publicRoutes(app: FastifyInstance): void {
    app.post("/Login", async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const { username, password, timeout } = body as {
        username?: unknown;
        password?: unknown;
        timeout?: unknown;
      };
      if (typeof username !== "string" || !username || typeof password !== "string" || !password) {
        return reply.code(400).send(cvError("username and password are required", 2));
      }
      if (!isBase64(password)) {
        return reply.code(400).send(cvError("password must be Base64 encoded", 2));
      }
      const user = this.users.get(username.toLowerCase());
      const plain = Buffer.from(password, "base64").toString("utf8");
      if (!user || user.password !== plain) {
        // cvpysdk reads a failed login from a 200 without a token (notes §2.1).
        return { errList: [{ errLogMessage: "Invalid Username or Password", errorCode: 1116 }] };
      }
      const token = this.startSession(username, typeof timeout === "number" ? timeout : undefined);
      return {
        token,
        userName: username,
        userGUID: user.userGUID,
        aliasName: "1",
        loginAttempts: 0,
        remainingLockTime: 0,
        smtpAddress: `${username}@cv.local`,
        providerType: 1,
        ccn: 0,
        capability: 9663676416,
        forcePasswordChange: false,
        isAccountLocked: false,
        ownerOrganization: { GUID: randomUUID(), providerId: 0, providerDomainName: "Commcell" },
        errList: [],
      };
    });

    app.post("/RenewLoginToken", async (request, reply) => {
      const { sessionId } = (request.body ?? {}) as { sessionId?: string };
      const hex = (sessionId ?? "").replace(/^QSDK\s+/i, "");
      // Inference from cvpysdk, which renews after a 401: a timed-out session renews, a logged-out one does not.
      const session = this.sessions.get(hex) ?? this.expired.get(hex);
      if (!session) return reply.code(401).send(ACCESS_DENIED);
      this.sessions.delete(hex);
      this.expired.delete(hex);
      return { token: this.startSession(session.userName, session.idleMs / 60_000) };
    });

    app.post("/V4/AccessToken/Renew", async (request, reply) => {
      const { accessToken, refreshToken } = (request.body ?? {}) as Record<string, string | undefined>;
      const current = this.accessTokens.get(accessToken ?? "");
      if (!current || current.refreshToken !== refreshToken || this.revokedChains.has(current.chain)) {
        return reply.code(401).send(ACCESS_DENIED);
      }
      if (current.used) {
        // Reusing an old pair invalidates the whole chain (notes §2.3).
        this.revokedChains.add(current.chain);
        return reply.code(401).send(ACCESS_DENIED);
      }
      current.used = true;
      const renewed = this.issueAccessToken(current.userName, 30 * 60_000, current.chain);
      return {
        error: { errorCode: 0 },
        tokenInfo: { ...renewed, tokenExpiryTimestamp: this.now() + 1800_000 },
      };
    });
  }

  /** POST /Logout: 200 text "User logged out"; a second logout gets 401 from the guard. POST /WhoAmI. */
  logoutRoute(app: FastifyInstance): void {
    // cvpysdk who_am_i (token login) reads `user.userName` when `errorCode` is 0 (notes §2.2).
    app.post("/WhoAmI", async (request) => {
      const userName = this.authenticate(request)!;
      const user = this.users.get(userName.toLowerCase());
      // INVENTED: userId (cvpysdk reads only userName).
      return { user: { userName, userGUID: user?.userGUID, userId: 1 }, errorCode: 0 };
    });
    app.post("/Logout", async (request, reply) => {
      const header = String(request.headers.authtoken ?? "").replace(/^(QSDK|Bearer)\s+/i, "");
      this.sessions.delete(header);
      this.expired.delete(header);
      return reply.type("text/plain").send("User logged out");
    });
  }
}
