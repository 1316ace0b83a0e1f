import { FastifyReply, FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";
import { Emulator } from "../core/emulator";
import { BiotAuth } from "./auth";
import { BiotFailure, errorBody, errorForStatus, sendError } from "./errors";
import { Organizations, UUID } from "./organizations";
import { parseSearchRequest, search } from "./search";
import { BiotState } from "./state";
import { isObject, notConvertible, unknownAttribute } from "./validate";

const BASE = "/organization/v1/organizations";

/** One execution-mode header as received (the request log keeps no headers). */
export interface ExecutionModeEntry {
  method: string;
  path: string;
  mode: string | undefined;
}

/**
 * BioT's Organization service (spec 2.4.2) and the UMS login endpoints: create (by template id or name), get,
 * PATCH, delete, change admin and search, with the spec's error codes and ErrorResponse body.
 */
export class BiotEmulator {
  readonly state = new BiotState();
  readonly auth = new BiotAuth(this.state);
  readonly emulator: Emulator;
  readonly executionModes: ExecutionModeEntry[] = [];
  readonly orgs = new Organizations(this.state);

  constructor() {
    this.emulator = new Emulator({
      name: "biot",
      errorBody: errorForStatus,
      contract: "biot",
      // Served by BioT and called by its SDKs (biotmed-organization-sdk, biotmed-ums-sdk 2.4.3), but not in the
      // 2.4.2 extracts: no contract checks them.
      outsideContract: [
        {
          method: "GET",
          path: /^\/(organization|ums)\/system\/healthCheck$/,
          why: "health checks, BioT SDKs",
        },
        { method: "POST", path: /^\/ums\/v2\/users\/logout$/, why: "logout, biotmed-ums-sdk" },
      ],
      reset: () => {
        this.state.clearCreated();
        this.executionModes.length = 0;
      },
      expireSessions: () => this.auth.expireAll(),
      snapshot: () => [...this.state.orgs.values()].map((o) => this.orgs.toResponse(o)),
    });
    this.auth.routes(this.emulator.app);
    this.routes();
    // Malformed bodies and unknown paths answer with an ErrorResponse too.
    this.emulator.app.setErrorHandler((error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status === 400) {
        const e = notConvertible("body", (error as Error).message);
        return reply.code(400).send(errorBody(e.code, e.message, e.details));
      }
      reply
        .code(status)
        .send(errorForStatus(status, status === 500 ? "Internal server error" : (error as Error).message));
    });
    this.emulator.app.setNotFoundHandler((request, reply) => {
      reply
        .code(404)
        .send(errorForStatus(404, `No route for ${request.method} ${request.url.split("?")[0]}`));
    });
  }

  private executionMode(request: FastifyRequest): "sync" | "async" {
    const mode = request.headers["x-execution-mode"] as string | undefined;
    const [path] = request.url.split("?");
    this.executionModes.push({ method: request.method, path, mode });
    if (mode !== undefined && mode !== "sync" && mode !== "async") {
      throw notConvertible("x-execution-mode", "must be sync or async");
    }
    return mode ?? "async";
  }

  private routes(): void {
    const app = this.emulator.app;
    const handle =
      (run: (request: FastifyRequest, reply: FastifyReply) => unknown) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          return await run(request, reply);
        } catch (e) {
          return sendError(reply, e);
        }
      };
    const params = (request: FastifyRequest) => request.params as Record<string, string>;
    const referencers = (request: FastifyRequest) =>
      (request.query as { includeReferencers?: string }).includeReferencers === "true";

    // The health checks the SDKs call (`HealthCheckAPIApi.health_check`): a VersionResponse, public.
    // INVENTED: the body's values (the spec gives only the optional fields springVersion and traceId).
    const health = async () => ({ traceId: randomUUID().replace(/-/g, "") });
    app.get("/organization/system/healthCheck", health);
    app.get("/ums/system/healthCheck", health);

    // getBrandingForCurrentOrganization (spec 2.4.2): the caller's organization's BrandingResponse.
    app.get(
      `${BASE}/branding/self`,
      handle((request) => {
        const principal = this.auth.require(request, "PROTECTED_API");
        this.orgs.byId(principal.organizationId);
        // INVENTED: no files are emulated, so an organization has no logo, favicon or theme (the spec types
        // them as objects, so they are left out rather than null).
        return {};
      }),
    );

    app.get(
      BASE,
      handle((request) => {
        this.auth.require(request, "PROTECTED_API");
        const req = parseSearchRequest((request.query as Record<string, unknown>).searchRequest);
        const orgs = [...this.state.orgs.values()].sort((a, b) => b.seq - a.seq);
        const result = search(orgs, req, this.orgs.searchable);
        return { data: result.data.map((o) => this.orgs.toResponse(o)), metadata: result.metadata };
      }),
    );

    app.post(
      BASE,
      handle((request, reply) => {
        this.auth.require(request, "ORGANIZATION_CREATE_ORGANIZATION");
        this.executionMode(request);
        const body = request.body as Record<string, unknown> | undefined;
        const templateId = body?._templateId;
        if (typeof templateId !== "string")
          throw new BiotFailure(400, "ATTRIBUTE_IS_MANDATORY", "Attribute [_templateId] is mandatory", {
            attributeName: "_templateId",
          });
        if (!UUID.test(templateId)) throw notConvertible("_templateId", "not a UUID");
        const template = this.state.templates.get(templateId);
        if (!template) {
          throw new BiotFailure(
            404,
            "REFERENCE_CONFIGURATION_ENTITY_NOT_FOUND",
            `Template [${templateId}] not found`,
            { attributeName: "_templateId", entityId: templateId },
          );
        }
        if (template.entityType !== "organization") {
          throw new BiotFailure(
            403,
            "ENTITY_TYPE_TEMPLATE_MISMATCH",
            "The template is not an organization template",
            { templateId, entityType: template.entityType },
          );
        }
        return reply
          .code(201)
          .send(this.orgs.toResponse(this.orgs.create(body, template), referencers(request)));
      }),
    );

    app.post(
      `${BASE}/templates/:templateName`,
      handle((request, reply) => {
        this.auth.require(request, "ORGANIZATION_CREATE_ORGANIZATION");
        this.executionMode(request);
        const { templateName } = params(request);
        const template = this.state.templateByName(templateName, "organization");
        if (!template) {
          throw new BiotFailure(404, "TEMPLATE_NOT_FOUND_BY_NAME", `Template [${templateName}] not found`, {
            templateName,
          });
        }
        const body = request.body;
        if (isObject(body) && "_templateId" in body) throw unknownAttribute("_templateId", template.id);
        return reply
          .code(201)
          .send(this.orgs.toResponse(this.orgs.create(body, template), referencers(request)));
      }),
    );

    app.post(
      `${BASE}/admin/:newAdminId`,
      handle((request) =>
        this.orgs.toResponse(
          this.orgs.changeAdmin(
            this.auth.require(request, "ORGANIZATION_CHANGE_ADMIN"),
            params(request).newAdminId,
          ),
          referencers(request),
        ),
      ),
    );

    app.get(
      `${BASE}/:id`,
      handle((request) => {
        this.auth.require(request, "PROTECTED_API");
        return this.orgs.toResponse(this.orgs.byId(params(request).id), referencers(request));
      }),
    );

    app.patch(
      `${BASE}/:id`,
      handle((request) => {
        this.auth.require(request, "ORGANIZATION_UPDATE_ORGANIZATION");
        return this.orgs.toResponse(
          this.orgs.patch(this.orgs.byId(params(request).id), request.body),
          referencers(request),
        );
      }),
    );

    app.delete(
      `${BASE}/:id`,
      handle((request, reply) => {
        this.auth.require(request, "ORGANIZATION_DELETE_ORGANIZATION");
        const mode = this.executionMode(request);
        this.orgs.remove(this.orgs.byId(params(request).id), mode);
        return reply.code(204).send();
      }),
    );
  }
}
