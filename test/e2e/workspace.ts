import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "../..");
export const WORK = path.join(REPO, "test/e2e/.work");

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The Pulumi bin directory from scripts/ensure-pulumi (builds the CLI when missing). */
export function pulumiBin(): string {
  const out = execFileSync(path.join(REPO, "scripts/ensure-pulumi"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

/**
 * Packs orgplane (which builds it), and unpacks the tarball into <work>/node_modules/orgplane (a real copy, as
 * `npm install <tarball>` makes), beside its dependencies and @pulumi/pulumi. Programs under <work>/programs
 * consume orgplane exactly as users do. `work` defaults to test/e2e/.work (the benchmark uses its own).
 * `packed` is a tarball `npm pack` made of this checkout already (scripts/test packs it beside the lint).
 */
export function installPackedOrgplane(work = WORK, packed?: string): string {
  fs.mkdirSync(work, { recursive: true });
  for (const old of fs.readdirSync(work).filter((f) => f.endsWith(".tgz"))) fs.rmSync(path.join(work, old));
  let tarball: string;
  if (packed) {
    tarball = path.basename(packed);
    fs.copyFileSync(packed, path.join(work, tarball));
  } else {
    // `npm pack` builds dist/ first (the package's prepare script), as it does for a user packing a clone.
    tarball = run("npm", ["pack", "--silent", "--pack-destination", work], REPO).trim().split("\n").pop()!;
  }
  // Its dependencies first (npm test has installed them beside the lint already).
  run(process.execPath, [path.join(REPO, "scripts/e2e-deps.js"), work], REPO);
  const target = path.join(work, "node_modules/orgplane");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  run("tar", ["-xzf", path.join(work, tarball), "-C", target, "--strip-components=1"], work);
  return work;
}
