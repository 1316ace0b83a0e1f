import { FastifyInstance, FastifyRequest } from "fastify";

/** Methods whose requests carry no body: clients still send a Content-Type on them (simple-salesforce, sf CLI). */
const NO_BODY = new Set(["GET", "HEAD", "DELETE", "OPTIONS"]);

const status = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });

/**
 * Body parsers as the vendors' servers behave: an empty body is no body under any content type on a
 * request that takes none; JSON, forms and plain text parse as usual; XML parses as text where the API
 * speaks it; any other non-empty body is 415.
 */
export function bodyParsers(app: FastifyInstance, xml: boolean): void {
  const json = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) =>
    body === "" && NO_BODY.has(request.method) ? done(null, undefined) : json(request, body as string, done),
  );
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  if (xml) {
    app.addContentTypeParser(["application/xml", "text/xml"], { parseAs: "string" }, (_req, body, done) =>
      done(null, body === "" ? undefined : body),
    );
  }
  app.addContentTypeParser("*", { parseAs: "buffer" }, (request: FastifyRequest, body, done) => {
    if ((body as Buffer).length === 0) return done(null, undefined);
    done(status(415, `Unsupported Media Type: ${request.headers["content-type"]}`), undefined);
  });
}
