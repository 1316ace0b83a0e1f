import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { Format } from "./codegen";

/** Formats generated TypeScript with prettier's own CLI, as a project's `prettier --write` would. */
export const prettierFormat: Format = async (code) => {
  const bin = path.join(path.dirname(require.resolve("prettier/package.json")), "bin/prettier.cjs");
  return execFileSync(
    process.execPath,
    [bin, "--no-config", "--stdin-filepath", "index.ts", "--print-width", "100"],
    {
      input: code,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
};
