import { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomBytes } from "node:crypto";
import { bearerToken } from "../core/jwt";
import { BiotFailure, sendError, UMS_SERVICE } from "./errors";
import { BiotState, Permission, Principal } from "./state";

interface Token {
  principalId: string;
  expiresAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Token lifetimes in seconds; tests shorten them to exercise renewal. */
export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
}

/** The User Management Service's login endpoints, with opaque access and refresh tokens. */
export class BiotAuth {
  private access = new Map<string, Token>();
  private refresh = new Map<string, Token>();
  lifetimes: TokenLifetimes = { accessSeconds: 900, refreshSeconds: 86_400 };

  constructor(private readonly state: BiotState) {}

  /** Every token stops working (the emulator's "expireSessions" fault). */
  expireAll(): void {
    this.access.clear();
    this.refresh.clear();
  }

  /** The caller of an API request, or a 401 TOKEN_NOT_VALID. */
  principalOf(request: FastifyRequest): Principal {
    const token = this.access.get(bearerToken(request.headers.authorization) ?? "");
    const principal = token && token.expiresAt > Date.now() && this.state.principals.get(token.principalId);
    if (!principal) throw new BiotFailure(401, "TOKEN_NOT_VALID", "Token is not valid");
    return principal;
  }

  /** The caller, if it holds the permission; else 401 or 403 ACCESS_DENIED. */
  require(request: FastifyRequest, permission: Permission): Principal {
    const principal = this.principalOf(request);
    if (!principal.permissions.has(permission)) {
      throw new BiotFailure(403, "ACCESS_DENIED", `Access denied: ${permission} is required`);
    }
    return principal;
  }

  private issue(store: Map<string, Token>, principal: Principal, seconds: number) {
    const token = randomBytes(24).toString("base64url");
    const expiresAt = Date.now() + seconds * 1000;
    store.set(token, { principalId: principal.id, expiresAt });
    return { token, expiration: new Date(expiresAt).toISOString() };
  }

  private loginResponse(principal: Principal) {
    return {
      userId: principal.id,
      ownerOrganizationId: principal.organizationId,
      accessJwt: this.issue(this.access, principal, this.lifetimes.accessSeconds),
      refreshJwt: this.issue(this.refresh, principal, this.lifetimes.refreshSeconds),
      mfaRequired: false,
      passwordResetRequired: false,
    };
  }

  routes(app: FastifyInstance): void {
    const handle =
      (run: (body: Record<string, unknown>) => unknown) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          const body = request.body;
          if (!body || typeof body !== "object")
            throw new BiotFailure(400, "BAD_REQUEST", "Body is required");
          return run(body as Record<string, unknown>);
        } catch (e) {
          return sendError(reply, e, UMS_SERVICE);
        }
      };

    app.post(
      "/ums/v2/users/login",
      handle((body) => {
        if (typeof body.username !== "string")
          throw new BiotFailure(400, "BAD_REQUEST", "username is required");
        const user = [...this.state.principals.values()].find(
          (p) => p.kind === "user" && p.username?.toLowerCase() === String(body.username).toLowerCase(),
        );
        if (user?.locked) throw new BiotFailure(401, "USER_LOCKED", "User is locked");
        if (!user || body.password !== user.secret)
          throw new BiotFailure(403, "LOGIN_FAILED", "Login failed");
        return this.loginResponse(user);
      }),
    );

    app.post(
      "/ums/v2/users/token/refresh",
      handle((body) => {
        if (typeof body.refreshToken !== "string") {
          throw new BiotFailure(400, "BAD_REQUEST", "refreshToken is required");
        }
        const token = this.refresh.get(body.refreshToken);
        const principal =
          token && token.expiresAt > Date.now() && this.state.principals.get(token.principalId);
        if (!principal) throw new BiotFailure(403, "REFRESH_TOKEN_NOT_VALID", "Refresh token is not valid");
        this.refresh.delete(body.refreshToken);
        return this.loginResponse(principal);
      }),
    );

    // Logout (biotmed-ums-sdk `LoginAPIApi.logout`, public): the refresh token stops working; 200, no body.
    // INVENTED: an unknown refresh token is refused as on refresh.
    app.post(
      "/ums/v2/users/logout",
      handle((body) => {
        if (typeof body.refreshToken !== "string" || !this.refresh.delete(body.refreshToken)) {
          throw new BiotFailure(403, "REFRESH_TOKEN_NOT_VALID", "Refresh token is not valid");
        }
        return "";
      }),
    );

    app.post(
      "/ums/v2/services/accessToken",
      handle((body) => {
        if (typeof body.id !== "string" || !UUID.test(body.id) || typeof body.secretKey !== "string") {
          throw new BiotFailure(400, "BAD_REQUEST", "id (uuid) and secretKey are required");
        }
        const service = this.state.principals.get(body.id);
        if (service?.kind === "service" && service.locked) {
          throw new BiotFailure(401, "SERVICE_LOCKED", "Service user is locked");
        }
        if (service?.kind !== "service" || service.secret !== body.secretKey) {
          throw new BiotFailure(403, "LOGIN_FAILED", "Login failed");
        }
        const { token, expiration } = this.issue(this.access, service, this.lifetimes.accessSeconds);
        return { accessToken: token, accessTokenExpiration: expiration };
      }),
    );
  }
}
