import * as fs from "node:fs";
import * as path from "node:path";

export const RELIABILITY_DOC = path.resolve(__dirname, "../../docs/reliability.md");

/** A Markdown table; every cell is text. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Where suites leave a generated section for `npm run docs` to copy into docs/reliability.md. */
export const FRESH_SECTIONS = path.resolve(__dirname, "../.work/doc-sections");

/** The generated section `name` of docs/reliability.md, between its begin/end markers. */
export function docSection(name: string): string {
  const text = fs.readFileSync(RELIABILITY_DOC, "utf8");
  const begin = `<!-- generated:${name}:begin -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(`<!-- generated:${name}:end -->`);
  if (from < 0 || to < from) throw new Error(`docs/reliability.md has no section ${name}`);
  return text.slice(from + begin.length, to).trim();
}

/**
 * Staleness check: throws when the generated section `name` of docs/reliability.md differs from `body`. Tests
 * never write docs/: the fresh body goes to test/.work/doc-sections/<name>.md, and `npm run docs` copies it in.
 */
export function checkDocSection(name: string, body: string): void {
  fs.mkdirSync(FRESH_SECTIONS, { recursive: true });
  fs.writeFileSync(path.join(FRESH_SECTIONS, `${name}.md`), `${body.trim()}\n`);
  if (docSection(name) !== body.trim()) {
    throw new Error(`docs/reliability.md section "${name}" is stale: run \`npm run docs\` and commit it`);
  }
}
