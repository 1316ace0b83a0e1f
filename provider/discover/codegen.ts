import * as fs from "node:fs";
import * as path from "node:path";
import { commentOutRefused, emitRefused, emitResource } from "./emit";
import { BACKENDS, Discovered, Placeholder } from "./inventory";
import { forEachPlaceholder } from "./names";

/** Formats TypeScript source (prettier). */
export type Format = (code: string) => Promise<string>;

/** The files of the generated project, by name. */
export type ProjectFiles = Record<string, string>;

/** The tsconfig `pulumi new typescript` writes. */
export const PULUMI_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** This package's version, for the generated package.json (found above this file in source and in dist). */
export function orgplaneVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "orgplane" && pkg.version) return pkg.version;
  }
  return "*";
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** index.ts before formatting: the adopted resources, then the refused ones commented out. */
export function indexSource(items: Discovered[]): string {
  const used = BACKENDS.filter((b) => items.some((i) => i.backend === b && i.refusals.length === 0));
  const lines = [
    "// Written by `orgplane discover`: every object it found, declared as read and adopted (adopt: true).",
    'import * as pulumi from "@pulumi/pulumi";',
    ...(used.length > 0 ? [`import { ${used.join(", ")} } from "orgplane";`] : []),
    "",
    "const config = new pulumi.Config();",
  ];
  for (const backend of BACKENDS) {
    const ofBackend = items.filter((i) => i.backend === backend);
    if (ofBackend.length === 0) continue;
    lines.push("", `// ${backend}`);
    for (const item of ofBackend) {
      if (item.refusals.length === 0) lines.push(emitResource(item));
      else lines.push("", emitRefused(item), "");
    }
  }
  return lines.join("\n") + "\n";
}

/** The placeholders the adopted resources read from config, in order. */
export function placeholdersOf(items: Discovered[]): Placeholder[] {
  const out: Placeholder[] = [];
  for (const item of items.filter((i) => i.refusals.length === 0))
    forEachPlaceholder(item.inputs, (p) => out.push(p));
  return out;
}

function readme(project: string, items: Discovered[]): string {
  const adopted = items.filter((i) => i.refusals.length === 0);
  const refused = items.filter((i) => i.refusals.length > 0);
  const commands = placeholdersOf(items).map((p) =>
    p.secret
      ? `pulumi config set --secret ${p.configKey}   # ${p.what}`
      : `pulumi config set ${p.configKey} '<value>'   # ${p.what}`,
  );
  return [
    `# ${project}`,
    "",
    `Written by \`orgplane discover\`: ${adopted.length} objects declared as they were read, each with \`adopt: true\`.`,
    "",
    "## Before the first `pulumi up`",
    "",
    "Some values cannot be read back from the APIs: secrets (auth URLs, passwords, consumer secrets) and",
    "create-only fields (administrators). Set each of them in the stack's config:",
    "",
    "```sh",
    `npm install   # orgplane is not on the npm registry yet: npm install /path/to/orgplane-${orgplaneVersion()}.tgz`,
    "pulumi stack init <stack>",
    ...commands,
    "```",
    "",
    "`pulumi config set --secret <key>` without a value prompts for it, so it stays out of your shell history.",
    "",
    "## Adopting",
    "",
    "The first `pulumi up` takes each object over (the resources' `adopt: true`). It writes to an API only where a",
    "declared value differs from what exists. A secret cannot be compared: adopting never writes it on its own,",
    "it records its hash in the state, and a later change of its config value writes it. Where an API takes a",
    "secret together with other fields (sfp's register, a Commvault Salesforce account), a real difference in those",
    "fields writes the secret from config with them.",
    "",
    "With hundreds of objects, `PULUMI_SKIP_CHECKPOINTS=true pulumi up --parallel 16` is much faster: the engine",
    "saves the state once at the end instead of after every step. It is safe for this first `up`, which creates",
    "nothing: if it is interrupted, run it again and the objects are adopted again.",
    "",
    "Once adopted, the objects are in the stack's state and `adopt: true` can go. While it stays, a change that",
    "would replace a resource is refused: the replacement would take over whatever holds the new key.",
    "",
    ...(refused.length > 0
      ? [
          "## Not adopted",
          "",
          "orgplane's check refuses these objects as they are; index.ts holds each one commented out, with the fields to fix:",
          "",
          ...refused.map(
            (i) =>
              `- ${i.kind} \`${i.key}\`: ${i.refusals.map((r) => `${r.field}: ${oneLine(r.reason)}`).join("; ")}`,
          ),
          "",
        ]
      : []),
  ].join("\n");
}

/** Every file of the project. `format` formats TypeScript (prettier). */
export async function projectFiles(
  project: string,
  items: Discovered[],
  format: Format,
): Promise<ProjectFiles> {
  return {
    "Pulumi.yaml": [
      `name: ${project}`,
      "description: An estate found by orgplane discover, adopted",
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    packagemanager: npm",
      "",
    ].join("\n"),
    "package.json": json({
      name: project,
      main: "index.ts",
      devDependencies: { "@types/node": "^20", typescript: "^5.0.0" },
      dependencies: { "@pulumi/pulumi": "^3.248.0", orgplane: `^${orgplaneVersion()}` },
    }),
    "tsconfig.json": json(PULUMI_TSCONFIG),
    ".gitignore": "/bin/\n/node_modules/\n",
    "index.ts": commentOutRefused(await format(indexSource(items))),
    "README.md": readme(project, items),
  };
}
