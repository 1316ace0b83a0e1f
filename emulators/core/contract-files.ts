import * as fs from "node:fs";
import * as path from "node:path";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One file of a backend's contract, as contracts/<backend>/index.json lists it. */
export interface ContractEntry {
  file: string;
  /** Where the document comes from. */
  source: string;
  /** The vendor's own document, used as it is: every endpoint and field in it has that source. */
  asIs?: boolean;
  /** Endpoints the vendor's main document lacks: coverage counts them apart. */
  apart?: boolean;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  $ref?: string;
}
export interface Media {
  schema?: unknown;
}
export interface Operation {
  "x-source"?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, Media>; $ref?: string };
  responses?: Record<string, { content?: Record<string, Media>; $ref?: string }>;
  security?: unknown[];
}
export interface OpenApiDoc {
  servers?: { url: string }[];
  security?: unknown[];
  components?: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
}

/** contracts/ beside emulators/ (from the sources) or beside dist/ (from the built package). */
export function contractsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, "contracts");
    if (fs.existsSync(path.join(candidate, "README.md"))) return candidate;
  }
  throw new Error(`no contracts/ directory above ${__dirname}`);
}

/** The OpenAPI documents of a file: a JSON file is one; a Markdown page has one per ```json block. */
export function documentsOf(file: string): unknown[] {
  const text = fs.readFileSync(file, "utf8");
  if (file.endsWith(".json")) return [JSON.parse(text)];
  return [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]));
}
