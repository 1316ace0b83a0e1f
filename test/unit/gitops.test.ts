import * as fs from "node:fs";
import * as path from "node:path";

// js-yaml comes with @pulumi/pulumi; it has no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml: { load(text: string): any } = require("js-yaml");

const EXAMPLE = path.resolve(__dirname, "../../examples/gitops");
const read = (file: string) => fs.readFileSync(path.join(EXAMPLE, file), "utf8");
const workflow = yaml.load(read(".github/workflows/orgplane.yml"));
const stacks = ["dev", "staging", "prod"];
const runs = (job: string) => workflow.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");

describe("the GitOps example's workflow", () => {
  test("previews on pull requests and applies on main, both through the installed policy pack", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.jobs.preview.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.up.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    for (const [job, command] of [
      ["preview", "pulumi preview"],
      ["up", "pulumi up"],
    ]) {
      expect(workflow.jobs[job].strategy.matrix.stack).toEqual(stacks);
      expect(runs(job)).toContain(command);
      expect(runs(job)).toContain("--policy-pack node_modules/orgplane/policy");
      expect(runs(job)).toContain("--policy-pack-config policy-config.json");
    }
    expect(runs("preview")).not.toContain("pulumi up");
    expect(workflow.jobs.up.concurrency.group).toBe("orgplane-up-${{ matrix.stack }}");
  });

  test("every variable orgplane and the program read comes from a CI secret of the same name", () => {
    const needed = [
      "PULUMI_BACKEND_URL",
      "PULUMI_CONFIG_PASSPHRASE",
      "SFP_SERVER_URL",
      "SFP_SERVER_TOKEN",
      "COMMVAULT_URL",
      "SF_AUTH_URL",
      "BIOT_URL",
      "IICS_LOGIN_URL",
      // Each stack's orgs name the variable that holds their auth URL.
      ...stacks.flatMap((stack) =>
        yaml
          .load(read(`Pulumi.${stack}.yaml`))
          .config["orgplane-gitops:orgs"].map((org: { authUrlVariable: string }) => org.authUrlVariable),
      ),
    ];
    expect(needed).toContain("SFDX_AUTH_URL_PROD");
    for (const name of needed) expect(workflow.env[name]).toBe(`\${{ secrets.${name} }}`);
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
