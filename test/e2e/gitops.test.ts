import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { RunningEmulators, startEmulators } from "../../emulators";
import { REPO, WORK } from "./workspace";
import { step } from "./step";

const run = promisify(execFile);
const HERE = path.join(WORK, "gitops");
const COPY = path.join(HERE, "my-gitops");
const PACK = ["--policy-pack", "node_modules/orgplane/policy", "--policy-pack-config", "policy-config.json"];

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Runs a command; a failure carries what it printed. */
async function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = COPY): Promise<string> {
  try {
    return (await run(cmd, args, { cwd, env, maxBuffer: 64 << 20 })).stdout;
  } catch (e) {
    const { message, stdout, stderr } = e as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${message}\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

/** examples/gitops copied elsewhere and run as its README says: emulators, a local PostgreSQL, the pack. */
describe("examples/gitops, copied, against the emulators and a local PostgreSQL", () => {
  let running: RunningEmulators;
  let base: NodeJS.ProcessEnv;
  let pgEnv: NodeJS.ProcessEnv;
  const orgs: Record<string, string> = {};
  const pulumi = (args: string[], env: NodeJS.ProcessEnv) =>
    sh(path.join(process.env.ORGPLANE_PULUMI_BIN!, "pulumi"), args, env);
  const apiCalls = () => Object.values(running.byName).reduce((n, s) => n + s.emulator.log.length, 0);

  beforeAll(async () => {
    running = await startEmulators();
    fs.rmSync(HERE, { recursive: true, force: true });
    fs.cpSync(path.join(REPO, "examples/gitops"), COPY, {
      recursive: true,
      filter: (source) => !/node_modules|vendor/.test(path.relative(REPO, source)),
    });
    // What the workflow's jobs get from the environment's secrets, and nothing of the emulators.
    const inherited = Object.entries(process.env).filter(([key]) => !(key in running.env));
    base = {
      ...Object.fromEntries(inherited),
      PATH: `${process.env.ORGPLANE_PULUMI_BIN}:${process.env.PATH}`,
      PULUMI_HOME: path.join(HERE, "home"),
      PULUMI_CONFIG_PASSPHRASE: "orgplane-gitops",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    // As root, the server runs as `postgres`, which must reach the cluster's directory.
    const pgParent = fs.mkdtempSync(path.join(os.tmpdir(), "orgplane-gitops-"));
    fs.chmodSync(pgParent, 0o755);
    pgEnv = {
      ...base,
      ORGPLANE_POSTGRES_DIR: path.join(pgParent, "pg"),
      ORGPLANE_POSTGRES_PORT: String(await freePort()),
    };
    // The org the dev stack registers, made on the Salesforce emulator.
    const reply = await fetch(`${running.env.SF_INSTANCE_URL}/__emulator/orgs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "platform@acme-dev.com" }),
    });
    orgs.SFDX_AUTH_URL_DEV = ((await reply.json()) as { sfdxAuthUrl: string }).sfdxAuthUrl;
  });
  afterAll(async () => {
    await sh(path.join(REPO, "scripts/start-postgres"), ["stop", "--delete"], pgEnv).catch(() => undefined);
    fs.rmSync(path.dirname(pgEnv.ORGPLANE_POSTGRES_DIR!), { recursive: true, force: true });
    await running?.stop();
  });

  test("installed with npm ci, state in PostgreSQL: the pull request previews, main applies", async () => {
    await step(
      "npm ci installs it from its lockfile, with orgplane from a packed tarball and no emulator",
      async () => {
        const version = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version;
        fs.mkdirSync(path.join(COPY, "vendor"));
        const tarball = fs.readdirSync(WORK).find((file) => file.endsWith(".tgz"))!;
        fs.copyFileSync(path.join(WORK, tarball), path.join(COPY, `vendor/orgplane-${version}.tgz`));
        await sh("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], base);
        const installed = JSON.parse(
          fs.readFileSync(path.join(COPY, "node_modules/orgplane/package.json"), "utf8"),
        );
        expect(installed.version).toBe(version);
        expect(fs.existsSync(path.join(COPY, "node_modules/fastify"))).toBe(false);
        await sh("npx", ["tsc", "--noEmit"], base);
      },
    );
    await step("scripts/start-postgres starts the state backend in one command", async () => {
      const out = await sh(path.join(REPO, "scripts/start-postgres"), [], pgEnv);
      const url = /^export PULUMI_BACKEND_URL='(postgres:\/\/[^']+)'$/m.exec(out)?.[1];
      expect(url).toContain(`127.0.0.1:${pgEnv.ORGPLANE_POSTGRES_PORT}/pulumi`);
      base.PULUMI_BACKEND_URL = url;
      await pulumi(["stack", "init", "dev", "--non-interactive"], base);
      expect(fs.readFileSync(path.join(COPY, "Pulumi.dev.yaml"), "utf8")).toMatch(/^encryptionsalt: /m);
    });
    await step(
      "the pull request's preview, with the preview job's secrets only, passes the pack and calls no API",
      async () => {
        const out = await pulumi(["preview", "--stack", "dev", "--diff", "--non-interactive", ...PACK], {
          ...base,
          ...orgs,
        });
        expect(out).toMatch(/\+ 2 to create/);
        expect(apiCalls()).toBe(0);
      },
    );
    await step("main's up, with the up job's secrets, applies it", async () => {
      await pulumi(["up", "--stack", "dev", "--yes", "--non-interactive", ...PACK], {
        ...base,
        ...orgs,
        ...running.env,
      });
      const sfp = running.byName.sfp.facts as { sfp: { orgs: Map<string, unknown> } };
      expect([...sfp.sfp.orgs.keys()]).toEqual(["platform@acme-dev.com"]);
      const outputs = JSON.parse(await pulumi(["stack", "output", "--stack", "dev", "--json"], base));
      expect(outputs.orgs[0].orgId).toMatch(/^00D/);
    });
  });
});
