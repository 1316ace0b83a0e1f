import { LocalWorkspace, OutputMap, PulumiCommand, Stack, UpdateSummary } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";
import { WORK } from "./workspace";

export interface ProgramStack {
  stack: Stack;
  dir: string;
  /** The program's entry file (index.js or index.ts). */
  main: string;
  backendDir: string;
  /** Every line the CLI printed, for secret scans (also kept in .work/output/<name>.log). */
  output: string[];
  onOutput: (line: string) => void;
  onError: (line: string) => void;
  stateText(): string;
}

/** How the language host runs the program (Pulumi.yaml runtime options). */
export interface ProgramRuntime {
  /** A TypeScript program (index.ts), which the host type-checks before it runs (no transpile-only). */
  typescript?: boolean;
  /** Extra arguments for node. */
  nodeargs?: string;
}

/** A strict tsconfig.json, as a user's TypeScript program has one. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    esModuleInterop: true,
    skipLibCheck: true,
  },
};

function writeProgram(dir: string, name: string, source: string, runtime: ProgramRuntime): void {
  const main = runtime.typescript ? "index.ts" : "index.js";
  fs.writeFileSync(path.join(dir, main), source);
  if (runtime.typescript)
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const options = [
    `    typescript: ${runtime.typescript === true}`,
    ...(runtime.nodeargs ? [`    nodeargs: ${JSON.stringify(runtime.nodeargs)}`] : []),
  ];
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n${options.join("\n")}\nmain: ${main}\n`,
  );
}

/** The built CLI, looked up once per test file (each lookup runs `pulumi version`). */
let cli: Promise<PulumiCommand> | undefined;
const pulumiCommand = () =>
  (cli ??= PulumiCommand.get({
    root: path.dirname(process.env.ORGPLANE_PULUMI_BIN!),
    skipVersionCheck: true,
  }));

/**
 * The stack "e2e" of the project in `dir`: the built CLI, a file:// backend, passphrase secrets, `env` besides.
 * A `fresh` backend has no stack yet: it is created without first trying to select it.
 */
export async function engineStack(
  dir: string,
  backendDir: string,
  home: string,
  env: Record<string, string>,
  fresh = false,
) {
  const bin = process.env.ORGPLANE_PULUMI_BIN!;
  const envVars = {
    ...env,
    PATH: `${bin}:${process.env.PATH}`,
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "orgplane-e2e",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
  };
  const args = { stackName: "e2e", workDir: dir };
  const options = { envVars, pulumiHome: home, pulumiCommand: await pulumiCommand() };
  const stack = fresh
    ? await LocalWorkspace.createStack(args, options)
    : await LocalWorkspace.createOrSelectStack(args, options);
  readResultsCheaply(stack, backendDir);
  return { stack, envVars };
}

/** Pulumi's marker of a secret value in exported state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
type Exported = { [SECRET_SIG]?: string; plaintext?: string } | unknown;
const isSecret = (v: Exported): v is { plaintext: string } =>
  typeof v === "object" && v !== null && SECRET_SIG in v;
/** An exported value with its secrets opened, as `pulumi stack output --show-secrets` prints it. */
const opened = (v: Exported): unknown =>
  isSecret(v)
    ? opened(JSON.parse(v.plaintext))
    : Array.isArray(v)
      ? v.map(opened)
      : typeof v === "object" && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, opened(x)]))
        : v;

/**
 * After each `up`, the Automation API runs three more CLI calls: `stack output` twice (masked, then with
 * secrets) and `stack history`; `refresh` and `destroy` run the last. Each loads the state and derives the
 * passphrase key again: about 50 s of the suite's CPU. The same results, read here instead: the outputs from the
 * stack's checkpoint file, or from one `stack export` (which opens secrets) when one is a secret; the summary from
 * the update's history record that the file:// backend wrote (the file `stack history` reads).
 */
function readResultsCheaply(stack: Stack, backendDir: string) {
  stack.outputs = async (): Promise<OutputMap> => {
    // The checkpoint file, unless an output is a secret (ciphertext there): then the export, which opens it.
    const stored = await storedOutputs(stack, backendDir);
    const outputs =
      stored && !JSON.stringify(stored).includes(SECRET_SIG)
        ? stored
        : rootOutputs((await stack.exportStack()).deployment.resources);
    return Object.fromEntries(
      Object.entries(outputs).map(([key, value]) => [key, { value: opened(value), secret: isSecret(value) }]),
    );
  };
  stack.info = async (): Promise<UpdateSummary | undefined> => {
    const project = (await stack.workspace.projectSettings()).name;
    const dir = path.join(backendDir, ".pulumi", "history", project, stack.name);
    const newest = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".history.json"))
      .map((f) => ({ f, at: BigInt(/-(\d+)\.history\.json$/.exec(f)![1]) }))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
    if (!newest) return undefined;
    const record = JSON.parse(fs.readFileSync(path.join(dir, newest.f), "utf8"));
    return {
      ...record,
      startTime: new Date(record.startTime * 1000),
      endTime: new Date(record.endTime * 1000),
    };
  };
}

/**
 * A stack for a program written into <work>/programs/<name> (JavaScript unless `runtime` says TypeScript):
 * file:// backend, passphrase secrets, its own PULUMI_HOME, and the environment given (emulator URLs and
 * tokens). `work` is where orgplane was installed.
 */
export async function programStack(
  name: string,
  source: string,
  env: Record<string, string>,
  work = WORK,
  runtime: ProgramRuntime = {},
): Promise<ProgramStack> {
  const dir = path.join(work, "programs", name);
  const backendDir = path.join(work, "state", name);
  const home = path.join(work, "home");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(backendDir, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  writeProgram(dir, name, source, runtime);
  const { stack } = await engineStack(dir, backendDir, home, env, true);
  const output: string[] = [];
  const outputFile = path.join(work, "output", `${name}.log`);
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.rmSync(outputFile, { force: true });
  const record = (line: string) => {
    output.push(line);
    fs.appendFileSync(outputFile, line.endsWith("\n") ? line : `${line}\n`);
  };
  return {
    stack,
    dir,
    main: path.join(dir, runtime.typescript ? "index.ts" : "index.js"),
    backendDir,
    output,
    onOutput: record,
    onError: record,
    stateText: () => {
      const files: string[] = [];
      const walk = (d: string) =>
        fs
          .readdirSync(d, { withFileTypes: true })
          .forEach((e) =>
            e.isDirectory()
              ? walk(path.join(d, e.name))
              : e.name.endsWith(".json") && files.push(path.join(d, e.name)),
          );
      walk(backendDir);
      return files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    },
  };
}

const rootOutputs = (resources: { type: string; outputs?: Record<string, Exported> }[] = []) =>
  resources.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs ?? {};

/** The stack's latest deployment as its file:// checkpoint stores it (a secret as ciphertext), once it has one. */
export async function storedDeployment(stack: Stack, backendDir: string) {
  const project = (await stack.workspace.projectSettings()).name;
  const file = path.join(backendDir, ".pulumi", "stacks", project, `${stack.name}.json`);
  if (!fs.existsSync(file)) return undefined;
  const { checkpoint } = JSON.parse(fs.readFileSync(file, "utf8"));
  return (checkpoint?.latest ?? {}) as { resources?: { type: string; outputs?: Record<string, Exported> }[] };
}

/** The stack's outputs as its checkpoint stores them. */
export async function storedOutputs(stack: Stack, backendDir: string) {
  const deployment = await storedDeployment(stack, backendDir);
  return deployment && rootOutputs(deployment.resources);
}
