import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as fs from "node:fs";
import * as path from "node:path";
import { contractsDir, ContractEntry, documentsOf, Json, OpenApiDoc, Operation } from "./contract-files";
import { fieldPaths, resolveField } from "./contract-fields";

/** One operation of a contract that a request hits. */
export interface ContractMatch {
  docIndex: number;
  template: string;
  method: string;
  op: Operation;
}

/** A field a request or response carried, and whether the contract names a source for it. */
export interface FieldUse {
  path: string;
  described: boolean;
  sourced: boolean;
}

const JSON_TYPE = "application/json";
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** OpenAPI 3.0's `nullable` in JSON Schema 2020-12 terms, so both versions validate alike. */
function nullableToType(node: Json): Json {
  if (Array.isArray(node)) return node.map(nullableToType);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node as Record<string, Json>)) out[k] = nullableToType(v);
  if (out.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

/**
 * A backend's contract (contracts/<backend>/index.json): OpenAPI documents written by the vendor or from the
 * vendor's material. Checks requests and responses with ajv (JSON Schema 2020-12, with formats).
 */
export class Contract {
  readonly entries: ContractEntry[] = [];
  private readonly docs: { entry: ContractEntry; id: string; prefixes: string[]; doc: OpenApiDoc }[] = [];
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly params = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    readonly backend: string,
    private readonly caseInsensitive = false,
    dir = path.join(contractsDir(), backend),
  ) {
    addFormats(this.ajv);
    addFormats(this.params);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8")) as {
      documents: ContractEntry[];
    };
    for (const entry of manifest.documents) {
      this.entries.push(entry);
      documentsOf(path.join(dir, entry.file)).forEach((raw, n) => {
        const doc = nullableToType(raw as Json) as unknown as OpenApiDoc;
        if (!doc.paths) return;
        const id = `https://contracts.orgplane.local/${backend}/${entry.file}/${n}`;
        const schema = { $id: id, components: doc.components ?? {}, paths: doc.paths };
        this.ajv.addSchema(schema);
        const servers = (doc.servers ?? [{ url: "/" }]).map((s) => s.url.replace(/\/$/, ""));
        this.docs.push({ entry, id, prefixes: servers, doc });
      });
    }
  }

  entryOf(match: ContractMatch): ContractEntry {
    return this.docs[match.docIndex].entry;
  }

  /** The documented operation for a method and path; literal path segments win over templated ones. */
  match(method: string, pathname: string): ContractMatch | undefined {
    const flags = this.caseInsensitive ? "i" : "";
    for (const [docIndex, { prefixes, doc }] of this.docs.entries()) {
      const templates = Object.keys(doc.paths).sort((a, b) => a.split("{").length - b.split("{").length);
      for (const prefix of prefixes) {
        if (!pathname.toLowerCase().startsWith(prefix.toLowerCase())) continue;
        const rest = pathname.slice(prefix.length) || "/";
        for (const template of templates) {
          const op = doc.paths[template][method.toLowerCase()];
          const pattern = new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$", flags);
          if (op && pattern.test(rest)) return { docIndex, template, method: method.toLowerCase(), op };
        }
      }
    }
    return undefined;
  }

  /** Whether the documented operation has a named source (a vendor document as is, or `x-source`). */
  operationSourced(match: ContractMatch): boolean {
    return !!this.docs[match.docIndex].entry.asIs || typeof match.op["x-source"] === "string";
  }

  private validator(ajv: Ajv2020, key: string, schema: () => object): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema());
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private deref<T>(docIndex: number, node: T): T {
    const ref = (node as { $ref?: string })?.$ref;
    if (!ref?.startsWith("#/")) return node;
    const doc = this.docs[docIndex].doc as unknown as Record<string, unknown>;
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part.replace(/~1/g, "/")], doc);
    return this.deref(docIndex, target as T);
  }

  /** Problems with a request: path and query parameters, and the body against the documented schema. */
  requestProblems(
    match: ContractMatch,
    pathname: string,
    query: Record<string, unknown>,
    body: unknown,
    contentType: string | undefined,
  ): string[] {
    const { docIndex, template, method, op } = match;
    const problems: string[] = [];
    const prefix = this.docs[docIndex].prefixes.find((p) =>
      pathname.toLowerCase().startsWith(p.toLowerCase()),
    );
    const segments = pathname.slice(prefix?.length ?? 0).split("/");
    const pathValues: Record<string, string> = {};
    template.split("/").forEach((part, i) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name) pathValues[name] = decodeURIComponent(segments[i] ?? "");
    });
    const params = (op.parameters ?? []).map((p) => this.deref(docIndex, p));
    for (const where of ["path", "query"] as const) {
      const declared = params.filter((p) => p.in === where);
      if (declared.length === 0) continue;
      const values = where === "path" ? pathValues : { ...query };
      const schema = {
        type: "object",
        properties: Object.fromEntries(declared.map((p) => [p.name, this.deref(docIndex, p.schema) ?? {}])),
        required: declared.filter((p) => p.required || where === "path").map((p) => p.name),
      };
      const validate = this.validator(
        this.params,
        `${docIndex} ${method} ${template} ${where}`,
        () => schema,
      );
      if (!validate(values)) problems.push(`${where} ${this.params.errorsText(validate.errors)}`);
    }
    const requestBody = this.deref(docIndex, op.requestBody);
    const hasBody = body !== undefined && body !== null && body !== "";
    if (!requestBody) {
      if (hasBody) problems.push("the operation takes no request body");
      return problems;
    }
    if (!hasBody) {
      if (requestBody.required) problems.push("request body is required");
      return problems;
    }
    const type = (contentType ?? JSON_TYPE).split(";")[0].trim().toLowerCase();
    const media = requestBody.content?.[type];
    if (!media) {
      problems.push(`content type ${type} is not one the operation takes`);
      return problems;
    }
    if (!media.schema) return problems;
    const id = this.docs[docIndex].id;
    const ref = `${id}#/${pointer("paths", template, method, "requestBody", "content", type, "schema")}`;
    const validate = this.validator(this.ajv, ref, () =>
      op.requestBody?.$ref ? { $ref: this.requestBodyRef(match, type) } : { $ref: ref },
    );
    if (!validate(body)) problems.push(`body ${this.ajv.errorsText(validate.errors, { dataVar: "body" })}`);
    return problems;
  }

  private requestBodyRef(match: ContractMatch, type: string): string {
    const ref = (match.op.requestBody as { $ref: string }).$ref.slice(2).split("/");
    return `${this.docs[match.docIndex].id}#/${pointer(...ref, "content", type, "schema")}`;
  }

  /** The documented response for a status: exact, then `4XX`-style ranges, then `default`. */
  responseKey(match: ContractMatch, status: number): string | undefined {
    const responses = match.op.responses ?? {};
    const range = `${String(status)[0]}XX`;
    return [String(status), range, range.toLowerCase(), "default"].find((k) => k in responses);
  }

  /** The same operation in the contract's other documents (a supplement documents what the seed lacks). */
  private withSupplements(match: ContractMatch): ContractMatch[] {
    const others = this.docs
      .map((d, docIndex) => ({ docIndex, op: d.doc.paths[match.template]?.[match.method] }))
      .filter((o) => o.op && o.docIndex !== match.docIndex)
      .map((o) => ({ ...match, docIndex: o.docIndex, op: o.op! }));
    return [match, ...others];
  }

  /** The document and response key that describe a status: the matched document first, then supplements. */
  documenting(match: ContractMatch, status: number): { at: ContractMatch; key: string } | undefined {
    for (const at of this.withSupplements(match)) {
      const key = this.responseKey(at, status);
      if (key) return { at, key };
    }
    return undefined;
  }

  /** Problems with a response: an undocumented status, or a JSON body its schema rejects. */
  responseProblems(match: ContractMatch, status: number, body: unknown): string[] {
    const found = this.documenting(match, status);
    if (!found) {
      // RFC 6750: a bearer-protected operation answers 401 to a missing or bad token.
      const secured = (match.op.security ?? this.docs[match.docIndex].doc.security ?? []).length > 0;
      if (status === 401 && secured) return [];
      return [`status ${status} is not documented (${Object.keys(match.op.responses ?? {}).join(", ")})`];
    }
    const { docIndex, template, method, op } = found.at;
    const key = found.key;
    const response = this.deref(docIndex, op.responses![key]);
    const schema = response?.content?.[JSON_TYPE]?.schema;
    if (!schema || body === undefined) return [];
    const id = this.docs[docIndex].id;
    const ref = op.responses![key].$ref
      ? `${id}#/${pointer(...op.responses![key].$ref!.slice(2).split("/"), "content", JSON_TYPE, "schema")}`
      : `${id}#/${pointer("paths", template, method, "responses", key, "content", JSON_TYPE, "schema")}`;
    const validate = this.validator(this.ajv, ref, () => ({ $ref: ref }));
    return validate(body) ? [] : [`response ${this.ajv.errorsText(validate.errors, { dataVar: "body" })}`];
  }

  /** Every field of a body, and whether the contract describes it and names its source. */
  fieldUses(match: ContractMatch, side: "request" | "response", status: number, body: unknown): FieldUse[] {
    const { docIndex, op } = match;
    const asIs = !!this.docs[docIndex].entry.asIs;
    let schema: unknown;
    if (side === "request") {
      const content = this.deref(docIndex, op.requestBody)?.content ?? {};
      schema = (content[JSON_TYPE] ?? Object.values(content)[0])?.schema;
    } else {
      const found = this.documenting(match, status);
      const response = found && this.deref(found.at.docIndex, found.at.op.responses![found.key]);
      schema = response?.content?.[JSON_TYPE]?.schema;
      if (found && found.at.docIndex !== docIndex) {
        const deref = (node: unknown) => this.deref(found.at.docIndex, node);
        const sourced = !!this.docs[found.at.docIndex].entry.asIs;
        return fieldPaths(body).map((field) => {
          const hit = schema ? resolveField(schema, field, deref) : undefined;
          return { path: field, described: !!hit, sourced: !!hit && (sourced || hit.sourced) };
        });
      }
    }
    const deref = (node: unknown) => this.deref(docIndex, node);
    return fieldPaths(body).map((field) => {
      const found = schema ? resolveField(schema, field, deref) : undefined;
      return { path: field, described: !!found, sourced: !!found && (asIs || found.sourced) };
    });
  }
}
