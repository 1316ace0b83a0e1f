import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";
import { e2eEmulators } from "./emulators";
import { Postgres, startPostgres } from "./postgres";
import { step } from "./step";
import { REPO, WORK } from "./workspace";

/**
 * The GitOps example's documented production setup: many runners, one PostgreSQL backend. Each environment's
 * stack runs from its own checkout of examples/gitops (as CI runners do), through the installed policy pack.
 */
const EXAMPLE = path.join(REPO, "examples/gitops");
const PACK = path.join(WORK, "node_modules/orgplane/policy");
const environments = {
  dev: { username: "platform@acme-dev.com", variable: "SFDX_AUTH_URL_DEV", sandboxes: [] as string[] },
  staging: { username: "platform@acme-staging.com", variable: "SFDX_AUTH_URL_STAGING", sandboxes: ["qa"] },
  prod: { username: "platform@acme.com", variable: "SFDX_AUTH_URL_PROD", sandboxes: ["uat"] },
};
type Env = keyof typeof environments;
const names = Object.keys(environments) as Env[];

/** A runner's checkout of the example (everything but node_modules; orgplane resolves from .work). */
function checkout(name: string): string {
  const dir = path.join(WORK, "programs", name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
  return dir;
}

const timed = async <T>(run: () => Promise<T>) => {
  const started = Date.now();
  const result = await run();
  return { result, ms: Date.now() - started };
};

describe("the GitOps example with its state in PostgreSQL, many runners at once", () => {
  let pg: Postgres;
  let emu: Awaited<ReturnType<typeof e2eEmulators>>;
  let envVars: Record<string, string>;
  let pulumiCommand: PulumiCommand;
  const stacks = {} as Record<Env, Stack>;
  const dirs = {} as Record<Env, string>;
  const authUrls: string[] = [];
  const output: Record<string, string[]> = {};
  const figures: string[] = [];
  const home = path.join(WORK, "home");
  const log = (key: string) => (line: string) => (output[key] ??= []).push(line);
  // Keys as the backend names them, without the prefix the PostgreSQL bucket adds (the database name).
  const stateKeys = () =>
    pg
      .query("SELECT key FROM pulumi_state ORDER BY key")
      .split("\n")
      .map((key) => key.slice(key.indexOf(".pulumi/")));

  const runnerStack = (env: Env, dir: string) =>
    LocalWorkspace.createOrSelectStack(
      { stackName: env, workDir: dir },
      { envVars, pulumiHome: home, pulumiCommand },
    );

  beforeAll(async () => {
    pg = await startPostgres();
    emu = await e2eEmulators();
    const bin = process.env.ORGPLANE_PULUMI_BIN!;
    pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
    envVars = {
      ...emu.env,
      PATH: `${bin}:${process.env.PATH}`,
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: pg.url,
      PULUMI_CONFIG_PASSPHRASE: "orgplane-gitops-e2e",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      // .work has no TypeScript of its own, so Pulumi's vendored one only transpiles; gitops.test.ts type-checks
      // the example, installed with npm ci.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    for (const env of names) {
      const { username, variable, sandboxes } = environments[env];
      envVars[variable] = emu.newOrg(username, sandboxes).sfdxAuthUrl;
      authUrls.push(envVars[variable]);
    }
    fs.mkdirSync(home, { recursive: true });
    for (const env of names) {
      dirs[env] = checkout(`gitops-${env}`);
      stacks[env] = await runnerStack(env, dirs[env]);
    }
  });

  afterAll(async () => {
    if (figures.length) console.log(`GitOps shared state in PostgreSQL:\n  ${figures.join("\n  ")}`);
    await emu?.running.stop();
    pg?.stop();
  });

  test("pull request: every stack previews in parallel through the policy pack", async () => {
    const policyPackConfigs = (env: Env) => [path.join(dirs[env], "policy-config.json")];
    const runs = await timed(() =>
      Promise.all(
        names.map((env) =>
          stacks[env].preview({
            policyPacks: [PACK],
            policyPackConfigs: policyPackConfigs(env),
            onOutput: log(`preview ${env}`),
          }),
        ),
      ),
    );
    figures.push(`${names.length} previews in parallel: ${runs.ms} ms wall`);
    runs.result.forEach((preview) => expect(preview.changeSummary.create).toBeGreaterThanOrEqual(2));
    for (const env of names) expect(output[`preview ${env}`].join("")).not.toContain("[mandatory]");
    // The one advisory the example documents: prod has no commvault.Organization yet.
    expect(output["preview prod"].join("")).toMatch(/\[advisory\]\s+sfp-production-has-commvault-backup/);
    expect(output["preview dev"].join("")).not.toContain("[advisory]");
  });

  test("main: every stack goes up in parallel; the lock refuses a second up; refresh shows no drift", async () => {
    await step("main: every stack goes up in parallel, with its state in PostgreSQL", async () => {
      const perStack: Record<string, number> = {};
      const runs = await timed(() =>
        Promise.all(
          names.map(async (env) => {
            const run = await timed(() =>
              stacks[env].up({
                policyPacks: [PACK],
                policyPackConfigs: [path.join(dirs[env], "policy-config.json")],
                onOutput: log(`up ${env}`),
              }),
            );
            perStack[env] = run.ms;
            return run.result;
          }),
        ),
      );
      figures.push(
        `${names.length} ups in parallel: ${runs.ms} ms wall (each stack's own: ${JSON.stringify(perStack)})`,
      );
      runs.result.forEach((up, i) => {
        expect(up.summary.result).toBe("succeeded");
        expect(up.summary.resourceChanges?.create).toBe(2 + environments[names[i]].sandboxes.length);
      });
      for (const env of names) {
        const { username, sandboxes } = environments[env];
        expect(emu.sfp.orgs.get(username)?.metadata).toMatchObject({ owner: "platform-team" });
        for (const sandbox of sandboxes) expect(emu.sfp.orgs.has(`${username}.${sandbox}`)).toBe(true);
      }
      expect(emu.sfp.orgs.get(environments.prod.username)?.isDefault).toBe(true);
      // The checkpoints are rows in PostgreSQL, with the auth URLs only as ciphertext.
      const keys = stateKeys();
      for (const env of names)
        expect(keys.filter((key) => key === `.pulumi/stacks/orgplane-gitops/${env}.json`)).toHaveLength(1);
      // Each row holds one file of the backend, base64 in a JSON document.
      const files = pg.query(
        "SELECT string_agg(convert_from(decode(data->>'data', 'base64'), 'UTF8'), '') FROM pulumi_state",
      );
      expect(files).toContain('"secrets_providers":{"type":"passphrase"');
      expect(files).toContain("ciphertext");
      for (const url of authUrls) expect(files.includes(url)).toBe(false);
    });
    await step(
      "a second up on a stack that is updating is refused by the lock, and the state stays intact",
      async () => {
        const before = (await stacks.dev.exportStack()).deployment.resources.length;
        await stacks.dev.setConfig("owner", { value: "sre-team" });
        // Hold the update inside the provider: the server registers, and its reply waits for the release below.
        const faults = emu.sfp.emulator.faults;
        faults.add({ method: "POST", path: "/register$", commitThenHang: true, times: 1 });
        emu.sfp.emulator.clearLog();
        const first = stacks.dev.up({ onOutput: log("up dev (first)") });
        const locks = () => stateKeys().filter((key) => key.startsWith(".pulumi/locks/"));
        try {
          const deadline = Date.now() + 60000;
          while (!locks().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
          expect(locks()).toHaveLength(1);

          // Another runner, with its own checkout, tries the same stack.
          const runner2Dir = checkout("gitops-dev-runner-2");
          fs.copyFileSync(path.join(dirs.dev, "Pulumi.dev.yaml"), path.join(runner2Dir, "Pulumi.dev.yaml"));
          const runner2 = await runnerStack("dev", runner2Dir);
          const second = await timed(() =>
            runner2.up({ onOutput: log("up dev (second)") }).then(
              () => "ran",
              (e: Error) => e.message,
            ),
          );
          figures.push(`second up on the locked stack refused after ${second.ms} ms`);
          expect(second.result).toContain("the stack is currently locked by 1 lock(s)");
          // The first up is still inside the provider, holding the lock.
          expect(locks()).toHaveLength(1);
        } finally {
          faults.clear(); // the held reply goes
        }

        const done = await first;
        expect(done.summary.result).toBe("succeeded");
        expect(done.summary.resourceChanges?.update).toBe(1);
        expect(locks()).toEqual([]);
        expect(emu.sfp.emulator.calls({ method: "POST", path: /\/register$/ })).toHaveLength(1);
        const state = (await stacks.dev.exportStack()).deployment;
        expect(state.resources).toHaveLength(before);
        expect(state.pending_operations ?? []).toEqual([]);
        expect(emu.sfp.orgs.get(environments.dev.username)?.metadata).toMatchObject({ owner: "sre-team" });
      },
    );
    await step("refresh on every stack shows no drift", async () => {
      const refreshes = await Promise.all(
        names.map((env) => stacks[env].refresh({ onOutput: log(`refresh ${env}`) })),
      );
      refreshes.forEach((refresh, i) => {
        const changes = refresh.summary.resourceChanges ?? {};
        expect(Object.keys(changes)).toEqual(["same"]);
        expect(changes.same).toBe(2 + environments[names[i]].sandboxes.length); // the stack, its orgs
      });
    });
  });
});
