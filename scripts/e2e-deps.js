#!/usr/bin/env node
// The dependencies the e2e programs find beside installed orgplane: orgplane's own, @pulumi/pulumi,
// @pulumi/policy and typescript, at the versions this checkout pins. Installed into <work> (default
// test/e2e/.work) with npm, unless <work>/.deps shows they are there already. npm test runs this beside the lint;
// test/e2e/workspace.ts runs it too (then it finds them installed).
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const work = path.resolve(process.argv[2] || path.join(repo, "test/e2e/.work"));
const root = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
const manifest = JSON.stringify(
  {
    name: "orgplane-e2e-work",
    private: true,
    dependencies: {
      ...root.dependencies,
      "@pulumi/pulumi": root.devDependencies["@pulumi/pulumi"],
      "@pulumi/policy": root.devDependencies["@pulumi/policy"],
      // TypeScript programs are type-checked with the project's compiler, as in a user's project.
      typescript: root.devDependencies.typescript,
    },
  },
  null,
  2,
);
const stamp = path.join(work, ".deps");
if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== manifest) {
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, "package.json"), manifest);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: work,
    stdio: ["ignore", "pipe", "inherit"],
  });
  fs.writeFileSync(stamp, manifest);
}
