import * as fs from "node:fs";
import * as path from "node:path";
import { markdownTable } from "../reliability/report";
import { hits } from "../reliability/secrets";
import { SCAN_DIR } from "./secret-scan";
import { WORK } from "./workspace";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * After every e2e suite: every secret any suite used, looked for in every stack state file
 * (test/e2e/.work/state/**) and every CLI transcript (.work/output). Fails the run on a single hit.
 */
export default async function globalTeardown(): Promise<void> {
  const secretFiles = filesUnder(SCAN_DIR).filter((f) => f.endsWith(".json"));
  const secrets = [
    ...new Set(secretFiles.flatMap((f) => JSON.parse(fs.readFileSync(f, "utf8")) as string[])),
  ];
  if (secrets.length === 0) return;
  const rows = [
    ["state files", filesUnder(path.join(WORK, "state"))],
    ["CLI output", filesUnder(path.join(WORK, "output"))],
  ].map(([label, files]) => {
    const found = (files as string[]).flatMap((f) =>
      hits(fs.readFileSync(f, "utf8"), secrets).map((h) => `${path.relative(WORK, f)} ×${h.count}`),
    );
    return { label: label as string, files: (files as string[]).length, found };
  });
  const table = markdownTable(
    ["scanned", "files", "secrets looked for", "hits"],
    rows.map((r) => [r.label, String(r.files), String(secrets.length), String(r.found.length)]),
  );
  console.log(`\nSecret sweep after the e2e suites\n${table}\n`);
  const found = rows.flatMap((r) => r.found);
  if (found.length > 0) throw new Error(`secrets in plaintext after the e2e run: ${found.join(", ")}`);
}
