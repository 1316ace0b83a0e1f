import { FastifyError, FastifyInstance } from "fastify";
import { Emulator } from "../core/emulator";
import { CommvaultAuth } from "./auth";
import { clientRoutes } from "./clients";
import { lookupRoutes } from "./lookups";
import { salesforceRoutes } from "./salesforce";
import { sdkRoutes } from "./sdk";
import { CommvaultState } from "./state";
import { cvError } from "./views";

/** The two web service roots (notes §1): Command Center, and the legacy Web Console. */
export const API_ROOTS = ["/commandcenter/api", "/webconsole/api"];

/**
 * The Commvault REST API for Salesforce organizations (notes §9): login and tokens, create/modify/list,
 * clients, instances, backup sets, retire and delete, and plan/company/client/client-group lookups.
 * Paths match case-insensitively, as real clients mix `/Client` and `/client`.
 */
export class CommvaultEmulator {
  readonly state = new CommvaultState();
  readonly auth = new CommvaultAuth();
  readonly emulator: Emulator;
  readonly admin = { username: "admin", password: "orgplane-cv-admin" };
  /** An API access token for the admin, for `connection.token` and COMMVAULT_TOKEN. */
  readonly accessToken: string;

  constructor() {
    this.emulator = new Emulator({
      name: "commvault",
      contract: "commvault",
      caseInsensitivePaths: true,
      // cvpysdk posts /Logout and /WhoAmI with `Content-type: application/xml` and no body.
      xmlBodies: true,
      errorBody: (status, message) => cvError(message, status === 401 ? 5 : 2),
      reset: () => {
        this.state.seed();
        this.auth.reset();
      },
      expireSessions: () => this.auth.expireSessions(),
      snapshot: () =>
        [...this.state.orgs.values()].map(({ account, syncDatabase, ...rest }) => ({
          ...rest,
          account: { ...account, password: "***", consumerSecret: "***", token: account.token && "***" },
          syncDatabase: syncDatabase && { ...syncDatabase, password: "***" },
        })),
    });
    this.auth.addUser(this.admin.username, this.admin.password);
    this.accessToken = this.auth.issueAccessToken(this.admin.username, 365 * 24 * 3600_000).accessToken;
    for (const root of API_ROOTS)
      this.emulator.app.register((scope, _opts, done) => this.api(scope, done), { prefix: root });
  }

  /** Where a client should point: the Command Center root of this emulator. */
  get apiUrl(): string {
    return `${this.emulator.url}${API_ROOTS[0]}`;
  }

  private api(scope: FastifyInstance, done: () => void): void {
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      reply.code(status).send(cvError(status === 500 ? "Internal server error" : error.message, 2));
    });
    scope.setNotFoundHandler((request, reply) => {
      reply.code(404).send(cvError(`No such API: ${request.method} ${request.url.split("?")[0]}`, 2));
    });
    this.auth.publicRoutes(scope);
    // cvpysdk's first call, without a token: `GET <root>/` must answer 200 (Commcell._is_valid_service).
    // INVENTED: the body (cvpysdk reads only the status).
    scope.get("/", async () => ({ status: "ok" }));
    scope.register((secured, _opts, next) => {
      secured.addHook("preHandler", (request, reply) => this.auth.guard(request, reply));
      this.auth.logoutRoute(secured);
      salesforceRoutes(secured, this.state);
      clientRoutes(secured, this.state);
      lookupRoutes(secured, this.state);
      sdkRoutes(secured, this.state);
      next();
    });
    done();
  }
}
