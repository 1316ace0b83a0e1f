#!/usr/bin/env node
import * as path from "node:path";
import { parseArgs } from "node:util";
import { OrgplaneError } from "../core";
import { stackConnectionConfig, withStackConfig } from "./connections";
import { chooseBackends, checkOutputDir, listEstate, Output, writeProject } from "./discover";
import { Backend, BACKENDS } from "./inventory";
import { ListOptions } from "./listers";
import { inventoryJson, inventoryTable } from "./table";
import { managedKeys, stackResources, unmanaged, unmanagedTable } from "./unmanaged";

export const USAGE = `Usage: orgplane discover [options]      (also: orgplane-discover [options])

Lists the objects of every backend orgplane has credentials for and writes a Pulumi TypeScript program that
adopts them. Connections come from the same environment variables as the resources.

  --backends <list>     backends to include, comma-separated: ${BACKENDS.join(", ")} (default: every one with credentials)
  --out <dir>           where to write the program (default: ./estate)
  --force               overwrite a program already in --out
  --dry-run             write nothing; print the inventory
  --json                print JSON instead of a table
  --access-nodes <how>  Commvault access nodes as "bindings" (AccessNodeBinding resources, default) or "inline"
  --active-only         Salesforce: active users only
  --profile <name>      Salesforce: users of this profile
  --domain <domain>     Salesforce: users whose username ends in @<domain>
  --where <soql>        Salesforce: users matching this SOQL WHERE condition
  --unmanaged           list the objects no given stack manages (needs --stack; writes nothing)
  --stack <name>        a stack whose state to compare (repeat for several); read with \`pulumi stack export\`
  --cwd <dir>           the Pulumi project directory of those stacks (default: the current directory)
  --config-stack <name> read connections from this stack's orgplane:* config keys (an environment variable
                        still wins per field, as for the resources)
`;

export interface Options {
  backends?: Backend[];
  out: string;
  force: boolean;
  dryRun: boolean;
  json: boolean;
  list: ListOptions;
  unmanaged: boolean;
  stacks: string[];
  cwd: string;
  configStack?: string;
  help: boolean;
}

/** Parses the command line (without `node`, the script and a leading `discover`). Bad input throws. */
export function parseOptions(argv: string[]): Options {
  const args = argv[0] === "discover" ? argv.slice(1) : argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      backends: { type: "string", multiple: true },
      out: { type: "string" },
      force: { type: "boolean" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      "access-nodes": { type: "string" },
      "active-only": { type: "boolean" },
      profile: { type: "string" },
      domain: { type: "string" },
      where: { type: "string" },
      unmanaged: { type: "boolean" },
      stack: { type: "string", multiple: true },
      cwd: { type: "string" },
      "config-stack": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (positionals.length > 0)
    throw new OrgplaneError(`unknown command or argument: ${positionals.join(" ")}`);
  const asked = values.backends
    ?.flatMap((b) => b.split(","))
    .map((b) => b.trim())
    .filter(Boolean);
  const unknown = asked?.filter((b) => !(BACKENDS as readonly string[]).includes(b)) ?? [];
  if (unknown.length > 0)
    throw new OrgplaneError(`unknown backend ${unknown.join(", ")}: choose from ${BACKENDS.join(", ")}`);
  const accessNodes = values["access-nodes"] ?? "bindings";
  if (accessNodes !== "bindings" && accessNodes !== "inline")
    throw new OrgplaneError(`--access-nodes must be "bindings" or "inline", not "${accessNodes}"`);
  if (values.unmanaged && !values.stack?.length)
    throw new OrgplaneError("--unmanaged needs at least one --stack");
  return {
    backends: asked as Backend[] | undefined,
    out: values.out ?? "estate",
    force: !!values.force,
    dryRun: !!values["dry-run"],
    json: !!values.json,
    list: {
      accessNodes,
      users: {
        activeOnly: values["active-only"] || undefined,
        profile: values.profile,
        domain: values.domain,
        where: values.where,
      },
    },
    unmanaged: !!values.unmanaged,
    stacks: values.stack ?? [],
    cwd: values.cwd ?? process.cwd(),
    configStack: values["config-stack"],
    help: !!values.help,
  };
}

/** Runs the command; returns the exit code. Nothing is written before every check passed and the listing ended. */
export async function main(argv: string[], io: Output): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) return (io.out(USAGE), 0);
    const config = options.configStack
      ? await stackConnectionConfig(options.configStack, path.resolve(options.cwd))
      : {};
    return await withStackConfig(config, () => run(options, io));
  } catch (e) {
    const usage = e instanceof TypeError && (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    io.err(`orgplane discover: ${(e as Error).message}\n${usage ? `\n${USAGE}` : ""}`);
    return usage ? 2 : 1;
  }
}

/** Lists, then writes the project or prints the inventory (inside the stack config, when one was named). */
async function run(options: Options, io: Output): Promise<number> {
  const backends = chooseBackends(options.backends);
  if (options.unmanaged) {
    const managed = managedKeys(await stackResources(options.stacks, path.resolve(options.cwd)));
    const rest = unmanaged(await listEstate(backends, options.list, io), managed);
    io.out(options.json ? JSON.stringify(inventoryJson(rest), null, 2) + "\n" : unmanagedTable(rest));
    return 0;
  }
  if (!options.dryRun) checkOutputDir(options.out, options.force);
  const items = await listEstate(backends, options.list, io);
  if (items.length === 0)
    throw new OrgplaneError(`no objects found in ${backends.join(", ")}; nothing was written.`);
  if (!options.dryRun) {
    const files = await writeProject(options.out, items);
    io.err(`wrote ${files.join(", ")} to ${options.out}\n`);
  }
  io.out(options.json ? JSON.stringify(inventoryJson(items), null, 2) + "\n" : inventoryTable(items));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => process.stdout.write("", () => process.exit(code)));
}
