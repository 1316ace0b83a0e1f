import * as fs from "node:fs";
import * as path from "node:path";
import { OrgplaneError } from "../core";
import { projectFiles } from "./codegen";
import { checkConnection, hasCredentials, variablesOf } from "./connections";
import { prettierFormat } from "./format";
import { Backend, BACKENDS, Discovered } from "./inventory";
import { LISTERS, ListOptions } from "./listers";
import { assignNames } from "./names";
import { refusalsOf } from "./refusals";

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** The backends to list: the ones asked for (each needs credentials), else every one that has credentials. */
export function chooseBackends(asked: Backend[] | undefined): Backend[] {
  const backends = asked ?? BACKENDS.filter(hasCredentials);
  if (backends.length === 0) {
    const all = BACKENDS.map((b) => `${b} (${variablesOf(b).join(", ")})`).join("; ");
    throw new OrgplaneError(
      `no backend has credentials. Set the environment variables of at least one: ${all}.`,
    );
  }
  for (const backend of backends) checkConnection(backend);
  return backends;
}

/** Lists every chosen backend, one after the other, with progress on stderr; then runs each kind's check. */
export async function listEstate(
  backends: Backend[],
  options: ListOptions,
  io: Output,
): Promise<Discovered[]> {
  const items: Discovered[] = [];
  for (const backend of backends) {
    const started = Date.now();
    const found = await LISTERS[backend](options, (message) => io.err(`[${backend}] ${message}\n`));
    io.err(`[${backend}] ${found.length} objects in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const filtered = Object.values(options.users).some((v) => v !== undefined && v !== false);
    if (backend === "salesforce" && filtered && found.length === 0)
      throw new OrgplaneError("salesforce: the user filters match no user; nothing was written.");
    items.push(...found);
  }
  for (const item of items) item.refusals = await refusalsOf(item);
  return items;
}

const PROGRAM_FILES = ["Pulumi.yaml", "Pulumi.yml", "index.ts", "package.json"];

/** Refuses an output directory that already holds a program, unless `force`. */
export function checkOutputDir(dir: string, force: boolean): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new OrgplaneError(`${dir} exists and is not a directory.`);
  const held = PROGRAM_FILES.filter((f) => fs.existsSync(path.join(dir, f)));
  if (held.length > 0 && !force) {
    throw new OrgplaneError(
      `${dir} already holds a program (${held.join(", ")}). Choose another --out directory, or pass --force to overwrite it.`,
    );
  }
}

/** Writes the project; the directory name (slugged) is the project name. */
export async function writeProject(dir: string, items: Discovered[]): Promise<string[]> {
  const project =
    path
      .basename(path.resolve(dir))
      .toLowerCase()
      .replace(/[^a-z0-9-_.]+/g, "-") || "estate";
  assignNames(items);
  const files = await projectFiles(project, items, prettierFormat);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return Object.keys(files);
}
