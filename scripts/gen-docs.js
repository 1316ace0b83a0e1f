#!/usr/bin/env node
// npm run docs: regenerates the inputs tables in provider/<backend>/README.md from each kind's zod schema, and
// the generated sections of docs/reliability.md from what the last test run left (see the end of this file).
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

// Generated sections of docs/reliability.md: the suites that make them (fault matrix, bad input, e2e faults,
// ownership, load) leave the fresh text in test/.work/doc-sections/<name>.md and fail while docs/ differs.
const sections = path.join(repo, "test/.work/doc-sections");
const reliability = path.join(repo, "docs/reliability.md");
if (fs.existsSync(sections)) {
  let text = fs.readFileSync(reliability, "utf8");
  const before = text;
  for (const file of fs.readdirSync(sections).filter((f) => f.endsWith(".md"))) {
    const name = file.slice(0, -3);
    const begin = `<!-- generated:${name}:begin -->`;
    const from = text.indexOf(begin);
    const to = text.indexOf(`<!-- generated:${name}:end -->`);
    if (from < 0 || to < from) throw new Error(`docs/reliability.md has no section ${name}`);
    const body = fs.readFileSync(path.join(sections, file), "utf8").trim();
    text = `${text.slice(0, from + begin.length)}\n${body}\n${text.slice(to)}`;
  }
  if (text !== before) {
    fs.writeFileSync(reliability, text);
    console.log("updated docs/reliability.md");
  }
}
