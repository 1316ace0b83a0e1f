#!/usr/bin/env node
// Contract coverage: of the endpoints and fields orgplane used in the test suites (observations the emulators
// wrote to $1, see emulators/core/contract-observations.ts), the share whose contract names a source.
const fs = require("node:fs");
const path = require("node:path");

const dir = process.argv[2];
const lines = fs.existsSync(dir ?? "")
  ? fs.readdirSync(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean))
  : [];
const backends = new Map();
for (const o of lines.map((l) => JSON.parse(l))) {
  const group = `${o.backend}${o.apart ? " (beside the vendor document)" : ""}`;
  const b = backends.get(group) ?? { endpoints: new Map(), fields: new Map() };
  backends.set(group, b);
  const endpoint = `${o.method} ${o.template}`;
  b.endpoints.set(endpoint, (b.endpoints.get(endpoint) ?? false) || o.sourced);
  for (const side of ["request", "response"])
    for (const f of o[side]) {
      const key = `${endpoint} ${side} ${f.path}`;
      b.fields.set(key, (b.fields.get(key) ?? false) || f.sourced);
    }
}
const share = (m) => {
  const sourced = [...m.values()].filter(Boolean).length;
  return `${sourced}/${m.size} (${m.size ? ((100 * sourced) / m.size).toFixed(1) : "0.0"}%)`;
};
console.log("contract coverage: endpoints and fields orgplane used that have a named source");
for (const [name, b] of [...backends].sort())
  console.log(`  ${name.padEnd(40)} endpoints ${share(b.endpoints).padEnd(16)} fields ${share(b.fields)}`);
if (process.argv.includes("--unsourced"))
  for (const [name, b] of [...backends].sort())
    for (const [key, ok] of [...b.endpoints, ...b.fields]) if (!ok) console.log(`  unsourced ${name}: ${key}`);
if (backends.size === 0) console.log("  (no observations: run the unit or e2e suites with ORGPLANE_CONTRACT_OBSERVATIONS set)");
