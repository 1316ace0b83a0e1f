#!/usr/bin/env node
// npm run docs: regenerates the inputs tables in provider/<backend>/README.md from each kind's zod schema.
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const { withInputTables } = require(path.join(repo, "dist/provider/core/readme.js"));
for (const backend of fs.readdirSync(path.join(repo, "dist/provider"))) {
  const compiled = path.join(repo, "dist/provider", backend, "provider.js");
  const readme = path.join(repo, "provider", backend, "README.md");
  if (!fs.existsSync(compiled) || !fs.existsSync(readme)) continue;
  const { providers } = require(compiled);
  const before = fs.readFileSync(readme, "utf8");
  const after = withInputTables(before, providers);
  if (after !== before) {
    fs.writeFileSync(readme, after);
    console.log(`updated provider/${backend}/README.md`);
  }
}
