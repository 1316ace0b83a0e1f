// Jest's global setup: provider/<backend>/types.generated.ts are build output, not tracked; the tests import
// the providers, so the types are generated (or refreshed) first, as npm run build and npm run lint do.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

module.exports = function generateTypes() {
  const run = spawnSync("node", ["scripts/gen-types.js"], {
    cwd: path.resolve(__dirname, ".."),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`scripts/gen-types.js failed:\n${run.stdout}${run.stderr}`);
};
