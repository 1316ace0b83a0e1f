#!/usr/bin/env node
// npm run build runs this before tsc: writes provider/<backend>/types.generated.ts (each kind's Args and Outputs
// interfaces, and the connection) from the zod schemas, so the published declarations are plain TypeScript.
// It runs from the sources (TypeScript compiled on load), so a fresh clone needs no dist/.
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const GENERATED = "types.generated.ts";
// --check: write nothing, list the stale files and fail (test/unit/core/typegen.test.ts runs it).
const check = process.argv.includes("--check");

/** As make does: nothing to do when every generated file is newer than the provider sources and the generator. */
function upToDate() {
  const sources = [__filename, ...["ts-hook.js", "typegen.ts"].map((f) => path.join(__dirname, f))];
  const outputs = [];
  for (const entry of fs.readdirSync(path.join(repo, "provider"), { recursive: true })) {
    const file = path.join(repo, "provider", entry);
    if (file.endsWith(GENERATED)) outputs.push(file);
    else if (file.endsWith(".ts")) sources.push(file);
  }
  const backends = fs.readdirSync(path.join(repo, "provider")).filter((d) => {
    const dir = path.join(repo, "provider", d);
    return d !== "core" && fs.statSync(dir).isDirectory() && fs.existsSync(path.join(dir, "schema.ts"));
  });
  if (outputs.length < backends.length) return false;
  const newestSource = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  return Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) >= newestSource;
}

if (!check && upToDate()) process.exit(0);
require("./ts-hook");
const { generatedTypes } = require("./typegen.ts");
generatedTypes(repo).then(
  (files) => {
    const now = new Date();
    for (const [file, text] of files) {
      if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) {
        if (!check) fs.utimesSync(file, now, now); // checked against the sources just now
        continue;
      }
      if (check) {
        console.log(`stale: ${path.relative(repo, file)} (npm run build regenerates it)`);
        process.exitCode = 1;
      } else {
        fs.writeFileSync(file, text);
        console.log(`wrote ${path.relative(repo, file)}`);
      }
    }
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
