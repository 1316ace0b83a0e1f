import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as fs from "node:fs";
import * as path from "node:path";

interface OpenApiDoc {
  servers?: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>;
}
interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}

/** One HTTP exchange as a test saw it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/**
 * The responses an OpenAPI 3.1 document allows, checked with a real JSON Schema validator (ajv, draft 2020-12,
 * with formats). Schemas are referenced inside the loaded documents, so the spec's own $refs resolve.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  private readonly docs: { id: string; prefix: string; doc: OpenApiDoc }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(files: string[]) {
    addFormats(this.ajv);
    // OpenAPI's own words: an annotation, and the document sections the $refs point into.
    for (const keyword of ["example", "components", "paths"]) this.ajv.addKeyword(keyword);
    for (const file of files) {
      const doc = JSON.parse(fs.readFileSync(file, "utf8")) as OpenApiDoc;
      const id = `https://contract.local/${path.basename(file)}`;
      this.ajv.addSchema(
        { $id: id, components: (doc as unknown as { components: unknown }).components, paths: doc.paths },
        id,
      );
      const server = doc.servers?.[0]?.url ?? "/";
      this.docs.push({ id, prefix: server === "/" ? "" : server.replace(/\/$/, ""), doc });
    }
  }

  /** The documented operation a request hits: its document, path template and method. */
  operation(method: string, url: string) {
    const [pathname] = url.split("?");
    for (const { id, prefix, doc } of this.docs) {
      if (!pathname.startsWith(prefix)) continue;
      const rest = pathname.slice(prefix.length);
      // Literal paths win over templated ones (…/templates/x before …/{id}).
      const templates = Object.keys(doc.paths).sort((a, b) => a.split("{").length - b.split("{").length);
      for (const template of templates) {
        const pattern = new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$");
        const op = doc.paths[template][method.toLowerCase()];
        if (pattern.test(rest) && op) return { id, template, method: method.toLowerCase(), op };
      }
    }
    return undefined;
  }

  /** Problems with one exchange: an undocumented operation or status, a body the schema rejects, a code the spec does not list. */
  problems(x: Exchange): string[] {
    const found = this.operation(x.method, x.url);
    if (!found) return [`${x.method} ${x.url}: no such operation in the spec`];
    const where = `${x.method} ${found.template} -> ${x.status}`;
    const response = found.op.responses[String(x.status)];
    if (!response) return [`${where}: status not documented (${Object.keys(found.op.responses).join(", ")})`];
    const content = response.content?.["application/json"];
    if (!content?.schema) return x.body === "" || x.body === undefined ? [] : [`${where}: expected no body`];
    const key = `${found.id}#/${pointer("paths", found.template, found.method, "responses", String(x.status), "content", "application/json", "schema")}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: key });
      this.compiled.set(key, validate);
    }
    const out: string[] = [];
    if (!validate(x.body)) out.push(`${where}: ${this.ajv.errorsText(validate.errors)}`);
    const codes = [...(response.description ?? "").matchAll(/Code : ([A-Z_]+)/g)].map((m) => m[1]);
    const code = (x.body as { code?: string } | undefined)?.code;
    if (x.status >= 400 && codes.length > 0 && !codes.includes(code ?? "")) {
      out.push(`${where}: code ${code} is not one the spec lists (${codes.join(", ")})`);
    }
    return out;
  }
}
