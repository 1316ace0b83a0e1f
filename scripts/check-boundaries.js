#!/usr/bin/env node
// Part of `npm run lint`: the emulators judge the provider, so neither may import the other.
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
const rules = [
  { dir: "emulators", forbidden: "provider" },
  { dir: "provider", forbidden: "emulators" },
];
const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)["']([^"']+)["']/g;

function* tsFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "dist") yield* tsFiles(full);
    else if (entry.isFile() && entry.name.endsWith(".ts")) yield full;
  }
}

const problems = [];
for (const { dir, forbidden } of rules) {
  const root = path.join(repo, dir);
  for (const file of tsFiles(root)) {
    for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : spec;
      const inside = path.relative(repo, target).split(path.sep)[0];
      const byName = spec === `orgplane/${forbidden}` || spec.startsWith(`orgplane/${forbidden}/`);
      if ((spec.startsWith(".") && inside === forbidden) || byName) {
        problems.push(`${path.relative(repo, file)} imports ${spec} (${dir}/ must not import ${forbidden}/)`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("boundaries: emulators/ and provider/ import nothing from each other");
