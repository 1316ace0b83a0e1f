import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { RunningEmulators, startEmulators } from "../../emulators";
import { REPO, WORK } from "./workspace";
import { step } from "./step";

const run = promisify(execFile);
const TEMPLATE = path.join(REPO, "templates/orgplane-typescript");
const HERE = path.join(WORK, "template");
const project = path.join(HERE, "project");

/** What a user answers to the template's prompts, from the emulators' environment; `secret` as the template marks. */
function answers(env: Record<string, string>): { key: string; value: string; secret: boolean }[] {
  const plain = {
    "orgplane:sfpServerUrl": env.SFP_SERVER_URL,
    "orgplane:commvaultUrl": env.COMMVAULT_URL,
    "orgplane:commvaultUsername": env.COMMVAULT_USERNAME,
    "orgplane:biotUrl": env.BIOT_URL,
    "orgplane:biotServiceId": env.BIOT_SERVICE_ID,
    "orgplane:iicsLoginUrl": env.IICS_LOGIN_URL,
    "orgplane:iicsUsername": env.IICS_USERNAME,
  };
  const secret = {
    "orgplane:sfpServerToken": env.SFP_SERVER_TOKEN,
    productionAuthUrl: env.ORGPLANE_DEMO_PRODUCTION_AUTH_URL,
    "orgplane:commvaultPassword": env.COMMVAULT_PASSWORD,
    backupUserPassword: "template-Backup-pa55",
    backupConsumerSecret: "template-consumer-secret",
    "orgplane:sfAuthUrl": env.SF_AUTH_URL,
    "orgplane:biotServiceSecretKey": env.BIOT_SERVICE_SECRET_KEY,
    "orgplane:iicsPassword": env.IICS_PASSWORD,
    iicsAdminPassword: "template-Iics-Adm1n",
  };
  const list = (values: Record<string, string>, isSecret: boolean) =>
    Object.entries(values).map(([key, value]) => ({ key, value, secret: isSecret }));
  return [...list(plain, false), ...list(secret, true)];
}

/** The template's config keys and whether each is marked secret (its prompts). */
function templatePrompts(): { key: string; secret: boolean }[] {
  const yaml = fs.readFileSync(path.join(TEMPLATE, "Pulumi.yaml"), "utf8");
  const block = yaml.slice(yaml.indexOf("  config:\n"));
  return [...block.matchAll(/^ {4}(\S+):\n((?: {6}.*\n)*)/gm)].map(([, key, body]) => ({
    key,
    secret: /^ {6}secret: true$/m.test(body),
  }));
}

describe("templates/orgplane-typescript: pulumi new, then preview and up against the emulators", () => {
  let running: RunningEmulators;
  let cliEnv: NodeJS.ProcessEnv;
  const cli = (args: string[], cwd = project) =>
    run(path.join(process.env.ORGPLANE_PULUMI_BIN!, "pulumi"), args, {
      cwd,
      env: cliEnv,
      maxBuffer: 64 << 20,
    });

  beforeAll(async () => {
    running = await startEmulators();
    fs.rmSync(HERE, { recursive: true, force: true });
    fs.mkdirSync(project, { recursive: true });
    // Only the stack config connects the program: none of the emulators' variables is in the environment.
    const inherited = Object.entries(process.env).filter(([key]) => !(key in running.env));
    cliEnv = {
      ...Object.fromEntries(inherited),
      PULUMI_HOME: path.join(HERE, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(HERE, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "orgplane-template",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      npm_config_prefer_offline: "true",
      PATH: `${process.env.ORGPLANE_PULUMI_BIN}:${process.env.PATH}`,
    };
    fs.mkdirSync(path.join(HERE, "state"), { recursive: true });
  });
  afterAll(() => running?.stop());

  test("the template prompts for every answer below, and marks exactly the secrets secret", () => {
    const given = answers(running.env).map(({ key, secret }) => ({ key, secret }));
    const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
    expect(templatePrompts().sort(byKey)).toEqual(given.sort(byKey));
  });

  test("pulumi new makes the project, preview plans one resource of each backend, up creates them and destroy removes them", async () => {
    await step("pulumi new makes the project; the secrets set after it are stored encrypted", async () => {
      const all = answers(running.env);
      // `pulumi new --config` stores a value in plain text even where the template marks it secret (Pulumi
      // 3.248), so the secrets go through `pulumi config set --secret`, as the README says.
      const config = all
        .filter((a) => !a.secret)
        .flatMap(({ key, value }) => ["--config", `${key}=${value}`]);
      await cli(
        [
          "new",
          TEMPLATE,
          "--yes",
          "--non-interactive",
          "--name",
          "orgs",
          "--stack",
          "dev",
          "--dir",
          project,
          ...config,
        ],
        HERE,
      );
      for (const { key, value } of all.filter((a) => a.secret))
        await cli(["config", "set", "--secret", key, value, "--non-interactive"]);
      for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"])
        expect(fs.existsSync(path.join(project, file))).toBe(true);
      expect(fs.existsSync(path.join(project, "node_modules/@pulumi/pulumi"))).toBe(true);
      const stackFile = fs.readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8");
      expect(stackFile).toMatch(/orgplane:sfpServerToken:\s+secure: /);
      expect(stackFile).toMatch(/orgplane:iicsPassword:\s+secure: /);
      for (const { value } of all.filter((a) => a.secret)) expect(stackFile).not.toContain(value);
    });
    await step(
      "with orgplane installed from its tarball, preview plans one resource of each backend",
      async () => {
        const tarball = fs.readdirSync(WORK).find((file) => file.endsWith(".tgz"))!;
        await run(
          "npm",
          ["install", "--no-audit", "--no-fund", "--loglevel=error", path.join(WORK, tarball)],
          {
            cwd: project,
            env: cliEnv,
          },
        );
        const { stdout } = await cli(["preview", "--non-interactive", "--json"]);
        const steps = JSON.parse(stdout).steps as { op: string; urn: string }[];
        const created = steps
          .filter((step) => step.op === "create" && step.urn.includes("dynamic/orgplane/"))
          .map((step) => step.urn.split("::")[2].replace("pulumi-nodejs:dynamic/orgplane/", ""))
          .sort();
        expect(created).toEqual([
          "biot:Organization",
          "commvault:Organization",
          "iics:Organization",
          "salesforce:User",
          "sfp:SalesforceOrgRegistration",
        ]);
      },
    );
    await step("up creates them and destroy removes them", async () => {
      await cli(["up", "--yes", "--non-interactive", "--skip-preview"]);
      const { stdout } = await cli(["stack", "output", "--json"]);
      const outputs = JSON.parse(stdout);
      expect(outputs.productionOrgId).toMatch(/^00D/);
      expect(outputs.clinicId).toMatch(/^[0-9a-f-]{36}$/);
      expect(outputs.iicsSubOrgId).toBeTruthy();
      await cli(["destroy", "--yes", "--non-interactive", "--skip-preview"]);
      const sfp = running.byName.sfp.facts as { sfp: { orgs: Map<string, unknown> } };
      expect(sfp.sfp.orgs.size).toBe(0);
    });
  });
});
