import * as fs from "node:fs";
import * as path from "node:path";
import {
  defaultPolicySettings,
  orgplanePolicies,
  policies,
  resolvePolicySettings,
} from "../../../policy/policies";

const REPO = path.resolve(__dirname, "../../..");

describe("the orgplane policy set", () => {
  test("has the 17 documented policies, each with a unique name, a description and a level", () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(defaultPolicySettings).sort());
    expect(names).toHaveLength(17);
    for (const p of policies) {
      expect(p.name).toMatch(/^[a-z0-9-]+$/);
      expect(p.description.length).toBeGreaterThan(20);
      expect(p.enforcementLevel).toBe(
        defaultPolicySettings[p.name as keyof typeof defaultPolicySettings].enforcementLevel,
      );
    }
  });

  test("every policy is documented in policy/README.md with its default level and config keys", () => {
    const readme = fs.readFileSync(path.join(REPO, "policy/README.md"), "utf8");
    for (const [name, settings] of Object.entries(defaultPolicySettings)) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      expect(row).toBeDefined();
      expect(row).toContain(settings.enforcementLevel);
      for (const key of Object.keys(settings).filter((k) => k !== "enforcementLevel"))
        expect(row).toContain(`\`${key}\``);
    }
  });

  test("config sets levels and settings, and refuses unknown policies", () => {
    const built = orgplanePolicies({
      "sfp-required-metadata": "mandatory",
      "commvault-min-access-nodes": { minimum: 3 },
      "iics-error-emails": "disabled",
    });
    const level = (name: string) => built.find((p) => p.name === name)!.enforcementLevel;
    expect(level("sfp-required-metadata")).toBe("mandatory");
    expect(level("iics-error-emails")).toBe("disabled");
    expect(level("commvault-min-access-nodes")).toBe("advisory");
    expect(
      resolvePolicySettings({ "commvault-min-access-nodes": { minimum: 3 } })["commvault-min-access-nodes"],
    ).toEqual({
      enforcementLevel: "advisory",
      minimum: 3,
    });
    expect(() => orgplanePolicies({ "no-such-policy": "advisory" } as never)).toThrow(
      'orgplane policy config: unknown policy "no-such-policy"',
    );
  });

  test("policies with settings publish a config schema with the defaults", () => {
    const minNodes = policies.find((p) => p.name === "commvault-min-access-nodes")!;
    expect(minNodes.configSchema).toEqual({ properties: { minimum: { type: "number", default: 2 } } });
    const metadata = policies.find((p) => p.name === "sfp-required-metadata")!;
    expect(metadata.configSchema?.properties.requiredKeys).toEqual({
      type: "array",
      items: { type: "string" },
      default: ["environment", "owner"],
    });
    expect(policies.find((p) => p.name === "sfp-no-skip-validation")!.configSchema).toBeUndefined();
  });

  test("the pack directory is runnable from an installed orgplane", () => {
    const root = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    const pack = JSON.parse(fs.readFileSync(path.join(REPO, "policy/package.json"), "utf8"));
    // @pulumi/policy names the pack's version after the package.json in the pack directory.
    expect(pack.version).toBe(root.version);
    expect(path.normalize(path.join("policy", pack.main))).toBe(path.normalize("dist/policy/index.js"));
    for (const file of ["policy/PulumiPolicy.yaml", "policy/package.json", "policy/README.md"])
      expect(root.files).toContain(file);
    expect(root.exports["./policy"]).toEqual({
      types: "./dist/policy/policies.d.ts",
      default: "./dist/policy/policies.js",
    });
    expect(fs.readFileSync(path.join(REPO, "policy/PulumiPolicy.yaml"), "utf8")).toMatch(
      /runtime:\s*\n\s+name: nodejs/,
    );
  });
});
