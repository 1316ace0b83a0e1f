import * as fs from "node:fs";
import * as path from "node:path";

// js-yaml comes with @pulumi/pulumi; it has no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml: { load(text: string): any } = require("js-yaml");

const EXAMPLE = path.resolve(__dirname, "../../examples/gitops");
const read = (file: string) => fs.readFileSync(path.join(EXAMPLE, file), "utf8");
const workflow = yaml.load(read(".github/workflows/orgplane.yml"));
const stacks = ["dev", "staging", "prod"];
/** The variables that hold the auth URLs of the orgs of these stacks (authUrlVariable in each stack file). */
const authUrlVariables = (names: string[]): string[] =>
  names.flatMap((stack) =>
    yaml
      .load(read(`Pulumi.${stack}.yaml`))
      .config["orgplane-gitops:orgs"].map((org: { authUrlVariable: string }) => org.authUrlVariable),
  );
const runs = (job: string) => workflow.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");

describe("the GitOps example's workflow", () => {
  test("previews on pull requests and applies on main, both through the installed policy pack", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.jobs.preview.if).toMatch(/^github.event_name == 'pull_request' && /);
    expect(workflow.jobs.up.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    for (const [job, command] of [
      ["preview", "pulumi preview"],
      ["up", "pulumi up"],
    ]) {
      expect(runs(job)).toContain(command);
      expect(runs(job)).toContain("--policy-pack node_modules/orgplane/policy");
      expect(runs(job)).toContain("--policy-pack-config policy-config.json");
      expect(workflow.jobs[job].environment).toBe("${{ matrix.stack }}");
    }
    expect(workflow.jobs.up.strategy.matrix.stack).toEqual(stacks);
    expect(runs("preview")).not.toContain("pulumi up");
    expect(workflow.jobs.up.concurrency.group).toBe("orgplane-up-${{ matrix.stack }}");
  });

  test("secrets reach only the jobs that need them: a pull request never sees production's", () => {
    const secretsIn = (value: unknown) => JSON.stringify(value ?? {}).match(/secrets\.\w+/g) ?? [];
    // Nothing secret at the workflow level, where every job would see it.
    expect(secretsIn(workflow.env)).toEqual([]);
    const preview = workflow.jobs.preview;
    expect(preview.strategy.matrix.stack).not.toContain("prod");
    expect(preview.strategy.matrix.stack.length).toBeGreaterThan(0);
    const previewSecrets = secretsIn(preview);
    expect(previewSecrets).toContain("secrets.PULUMI_CONFIG_PASSPHRASE");
    expect(previewSecrets).not.toContain("secrets.SFDX_AUTH_URL_PROD");
    // A preview calls no API, so the server credentials are only in the job that applies.
    expect(previewSecrets.filter((name) => /SFP_|COMMVAULT_|SF_AUTH|BIOT_|IICS_/.test(name))).toEqual([]);
  });

  test("every variable orgplane and the program read comes from a secret of the same name in the up job", () => {
    const needed = [
      "PULUMI_BACKEND_URL",
      "PULUMI_CONFIG_PASSPHRASE",
      "SFP_SERVER_URL",
      "SFP_SERVER_TOKEN",
      "COMMVAULT_URL",
      "SF_AUTH_URL",
      "BIOT_URL",
      "IICS_LOGIN_URL",
      ...authUrlVariables(stacks),
    ];
    expect(needed).toContain("SFDX_AUTH_URL_PROD");
    for (const name of needed) expect(workflow.jobs.up.env[name]).toBe(`\${{ secrets.${name} }}`);
    // The preview job has what a preview of its stacks reads.
    const previewStacks: string[] = workflow.jobs.preview.strategy.matrix.stack;
    for (const name of ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", ...authUrlVariables(previewStacks)])
      expect(workflow.jobs.preview.env[name]).toBe(`\${{ secrets.${name} }}`);
  });

  test("npm ci has a lockfile that matches package.json", () => {
    const manifest = JSON.parse(read("package.json"));
    const lock = JSON.parse(read("package-lock.json"));
    const root = lock.packages[""];
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }))
      expect(lock.packages[`node_modules/${name}`]).toBeDefined();
    // orgplane comes from the tarball `npm pack` makes; its dependencies in the lock are the package's own.
    const rootManifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
    expect(lock.packages["node_modules/orgplane"].dependencies).toEqual(rootManifest.dependencies);
    expect(lock.packages["node_modules/orgplane"].version).toBe(rootManifest.version);
    expect(manifest.dependencies.orgplane).toBe(`file:vendor/orgplane-${rootManifest.version}.tgz`);
  });

  test("the stacks' metadata satisfies the repository's policy config", () => {
    const config = JSON.parse(read("policy-config.json"));
    const program = read("index.ts");
    for (const key of config["sfp-required-metadata"].requiredKeys)
      expect(program).toContain(`${key}: config.require("${key}")`);
    for (const stack of stacks) {
      const settings = yaml.load(read(`Pulumi.${stack}.yaml`)).config;
      for (const key of config["sfp-required-metadata"].requiredKeys)
        expect(settings[`orgplane-gitops:${key}`]).toBeTruthy();
    }
    const defaults = stacks.flatMap((stack) =>
      yaml
        .load(read(`Pulumi.${stack}.yaml`))
        .config["orgplane-gitops:orgs"].filter((org: { isDefault?: boolean }) => org.isDefault),
    );
    expect(defaults).toHaveLength(1); // one default DevHub across the sfp server
  });
});
