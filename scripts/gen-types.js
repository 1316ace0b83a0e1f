#!/usr/bin/env node
// npm run build runs this before tsc: writes provider/<backend>/types.generated.ts (each kind's Args and Outputs
// interfaces, and the connection) from the zod schemas, so the published declarations are plain TypeScript.
// It runs from the sources (TypeScript compiled on load), so a fresh clone needs no dist/.
const fs = require("node:fs");
const path = require("node:path");
require("./ts-hook");

const repo = path.resolve(__dirname, "..");
// --check: write nothing, list the stale files and fail (test/unit/core/typegen.test.ts runs it).
const check = process.argv.includes("--check");
const { generatedTypes } = require("./typegen.ts");
generatedTypes(repo).then(
  (files) => {
    for (const [file, text] of files) {
      if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
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
