/**
 * The published types of each backend, generated from its zod schemas: `<Kind>Args`, `<Kind>Outputs` and the
 * connection, as plain TypeScript with each field's description as its doc comment. scripts/gen-types.js writes
 * them to provider/<backend>/types.generated.ts; test/unit/core/typegen.test.ts fails when they are stale.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { InputSpec } from "../provider/core/diff";
import { specOf } from "../provider/core/provider";
import { outputNames } from "../provider/core/resource";
import { metaOf } from "../provider/core/schema";

export const GENERATED_FILE = "types.generated.ts";

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * How a type is written: `input` with every value a `pulumi.Input` (Args), `output` with defaults applied
 * (Outputs), `plain` for values passed as they are (the connection of a lookup).
 */
type Mode = "input" | "output" | "plain";

/** The value under a field's wrappers, and whether the field may be left out. */
function unwrap(schema: z.ZodType, mode: Mode) {
  let optional = false;
  let defaulted: unknown;
  let nullable = false;
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === "optional") optional = true;
    else if (def.type === "default" || def.type === "prefault") {
      defaulted = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
    } else if (def.type === "nullable") nullable = true;
    else if (def.type === "pipe") current = def.in!;
    if (def.type === "pipe") continue;
    if (!def.innerType) break;
    current = def.innerType;
  }
  const mayOmit =
    mode === "output" ? optional && defaulted === undefined : optional || defaulted !== undefined;
  return { core: current, mayOmit, defaulted, nullable };
}

const parenthesized = (type: string) => (/[|&]/.test(type) ? `(${type})` : type);
const wrap = (type: string, mode: Mode) => (mode === "input" ? `pulumi.Input<${type}>` : type);

function docComment(description: string | undefined, defaulted: unknown): string {
  const lines = [...(description ? [description] : [])];
  if (defaulted !== undefined) lines.push(`@default ${JSON.stringify(defaulted)}`);
  if (lines.length === 0) return "";
  if (lines.length === 1 && lines[0].length < 90) return `/** ${lines[0].replace(/\*\//g, "*\\/")} */\n`;
  return `/**\n${lines.map((line) => ` * ${line.replace(/\*\//g, "*\\/")}`).join("\n *\n")}\n */\n`;
}

/**
 * Types a schema names with `.meta({ id })`, written once as `export type <id>` (outputs and plain values only:
 * an Args form differs). Filled while a backend's file is generated.
 */
const named = new Map<string, string>();

/** The TypeScript type of a schema's value (without its own Input wrapper). */
function typeOf(schema: z.ZodType, mode: Mode): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (id && mode !== "input") {
    if (!named.has(id)) {
      named.set(id, "");
      const description = z.globalRegistry.get(schema)?.description;
      named.set(
        id,
        `${docComment(description, undefined)}export type ${id} = ${typeOf(schema.clone(), mode)};`,
      );
    }
    return id;
  }
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return "string";
    case "number":
    case "int":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
      return Object.values(def.entries ?? {})
        .map((v) => JSON.stringify(v))
        .join(" | ");
    case "literal":
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    case "array":
      return `${parenthesized(fieldType(def.element!, mode))}[]`;
    case "record":
      return `Record<string, ${fieldType(def.valueType!, mode)}>`;
    case "union":
      // One Input around the whole union (fieldType), none around each option.
      return [...new Set((def.options ?? []).map((option) => typeOf(unwrap(option, mode).core, mode)))].join(
        " | ",
      );
    case "object":
      return objectType(def.shape ?? {}, mode);
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "pipe":
      return fieldType(schema, mode);
    default:
      // z.json(), z.unknown(), custom checks: any value.
      return "unknown";
  }
}

/** A value's type with its wrappers: `null` where nullable, and a pulumi.Input around it in input mode. */
function fieldType(schema: z.ZodType, mode: Mode): string {
  const { core, nullable } = unwrap(schema, mode);
  const type = typeOf(core, mode);
  if (type === "unknown") return type;
  return wrap(nullable ? `${type} | null` : type, mode);
}

/** One member of an object type, with its doc comment. `asOutput`: a resource's `readonly x: pulumi.Output<T>`. */
function member(key: string, child: z.ZodType, mode: Mode, asOutput = false): string {
  const { meta } = metaOf(child);
  const { mayOmit, defaulted } = unwrap(child, mode === "output" ? "output" : "input");
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  const type = fieldType(child, mode);
  const doc = docComment(meta.description, mode === "input" ? defaulted : undefined);
  if (asOutput) return `${doc}readonly ${name}: pulumi.Output<${type}${mayOmit ? " | undefined" : ""}>;`;
  return `${doc}${name}${mayOmit ? "?" : ""}: ${type};`;
}

/** An object type; credentials are left out of outputs. */
function objectType(shape: Record<string, z.ZodType>, mode: Mode): string {
  const keys = Object.keys(shape).filter((key) => mode !== "output" || !metaOf(shape[key]).meta.secret);
  return `{\n${keys.map((key) => member(key, shape[key], mode)).join("\n")}\n}`;
}

const shapeOf = (schema: z.ZodType | undefined) =>
  schema ? (defOf(unwrap(schema, "plain").core).shape ?? {}) : {};

const article = (word: string) => (/^[AEIOU]/.test(word) ? "an" : "a");

/** `<Kind>Args` and `<Kind>Outputs` of one kind. */
export function kindTypes(kind: string, spec: InputSpec): string {
  const inputs = shapeOf(spec.schema);
  const outputs = shapeOf(spec.outputs);
  const inputLines = Object.keys(inputs).map((key) => member(key, inputs[key], "input"));
  // What the API reports wins over the input of the same name (a computed input, resolved).
  const outputLines = outputNames(spec).map((key) =>
    outputs[key] ? member(key, outputs[key], "output", true) : member(key, inputs[key], "output", true),
  );
  return [
    `/** The inputs of ${article(kind)} ${kind}. */`,
    `export interface ${kind}Args {\n${inputLines.join("\n")}\n}`,
    "",
    `/** The outputs of ${article(kind)} ${kind}: every input but the credentials, and what the API reports. */`,
    `export interface ${kind}Outputs {\n${outputLines.join("\n")}\n}`,
  ].join("\n");
}

/** The connection of a backend as lookups take it: plain values. */
export function connectionType(name: string, schema: z.ZodType): string {
  const { meta } = metaOf(schema);
  const shape = shapeOf(schema);
  const lines = Object.keys(shape).map((key) => member(key, shape[key], "plain"));
  const doc = docComment(meta.description ?? "Where and as whom to call the API.", undefined);
  return `${doc}export interface ${name} {\n${lines.join("\n")}\n}`;
}

const header = (backend: string) =>
  `// Generated from provider/${backend}/schema.ts by scripts/gen-types.js (npm run build). Do not edit.\n`;

/** A backend's generated types file: its kinds, then its connection. */
export function backendTypes(
  backend: string,
  providers: Record<string, dynamic.ResourceProvider>,
  connection: z.ZodType,
): string {
  named.clear();
  const kinds = Object.entries(providers).map(([kind, provider]) => {
    const spec = specOf(provider);
    if (!spec) throw new Error(`provider/${backend}: ${kind} is not made by schemaProvider`);
    return kindTypes(kind, spec);
  });
  const connectionName = `${backend[0].toUpperCase()}${backend.slice(1)}Connection`;
  return [
    header(backend),
    `import type * as pulumi from "@pulumi/pulumi";`,
    "",
    ...kinds.flatMap((text) => [text, ""]),
    connectionType(connectionName, connection),
    "",
    ...[...named.values()].flatMap((text) => [text, ""]),
  ].join("\n");
}

/** Every backend under provider/ (a directory with stubs of its kinds), by name. */
export const backendsIn = (repo: string) =>
  fs
    .readdirSync(path.join(repo, "provider"))
    .filter((name) => fs.existsSync(path.join(repo, "provider", name, "stubs")))
    .sort();

/** The generated file of every backend, formatted as the repository formats code: path -> text. */
export async function generatedTypes(repo: string): Promise<Map<string, string>> {
  // Loaded here, not above: prettier formats through a dynamic import, which jest (that loads kindTypes) refuses.
  const { format } = require("prettier") as typeof import("prettier");
  const prettierConfig = JSON.parse(fs.readFileSync(path.join(repo, ".prettierrc.json"), "utf8"));
  const out = new Map<string, string>();
  for (const backend of backendsIn(repo)) {
    const dir = path.join(repo, "provider", backend);
    const { providers } = require(path.join(dir, "provider.ts"));
    const { connectionSchema } = require(path.join(dir, "schema.ts"));
    const text = backendTypes(backend, providers, connectionSchema);
    out.set(path.join(dir, GENERATED_FILE), await format(text, { ...prettierConfig, parser: "typescript" }));
  }
  return out;
}
