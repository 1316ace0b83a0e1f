import * as fs from "node:fs";
import * as path from "node:path";

export const RELIABILITY_DOC = path.resolve(__dirname, "../../docs/reliability.md");

/** A Markdown table; every cell is text. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function withLock<T>(file: string, run: () => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, "wx"));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return run();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Replaces the generated section `name` of docs/reliability.md (between its begin/end markers) with `body`.
 * Suites in other processes write other sections, hence the lock.
 */
export function writeDocSection(name: string, body: string): void {
  const begin = `<!-- generated:${name}:begin -->`;
  const end = `<!-- generated:${name}:end -->`;
  withLock(RELIABILITY_DOC, () => {
    const text = fs.readFileSync(RELIABILITY_DOC, "utf8");
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/reliability.md has no section ${name}`);
    const next = `${text.slice(0, from + begin.length)}\n${body.trim()}\n${text.slice(to)}`;
    if (next !== text) fs.writeFileSync(RELIABILITY_DOC, next);
  });
}
