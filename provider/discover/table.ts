import { Discovered, Placeholder } from "./inventory";
import { forEachPlaceholder } from "./names";

/** A cell as the terminal shows it: control characters (TAB, ESC, BEL...) as `\uXXXX`. */
const printable = (cell: string) =>
  // eslint-disable-next-line no-control-regex
  cell.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A plain text table: columns padded to their widest cell. */
export function table(header: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

const status = (item: Discovered) =>
  item.refusals.length === 0 ? "adopt" : `refused: ${item.refusals.map((r) => r.field).join(", ")}`;

/** The inventory as a table: one row per object. */
export const inventoryTable = (items: Discovered[]) =>
  table(
    ["backend", "kind", "key", "id", "status"],
    items.map((i) => [i.backend, i.kind, i.key, i.id, status(i)]),
  );

/** The config values an object's declaration reads (once the objects are named). */
function configOf(item: Discovered) {
  const out: Placeholder[] = [];
  forEachPlaceholder(item.inputs, (p) => out.push(p));
  return out
    .filter((p) => p.configKey)
    .map((p) => ({ key: p.configKey, secret: p.secret, suffix: p.suffix }));
}

/** The inventory as JSON: what was found, what it becomes, what check refuses, the config it needs. */
export function inventoryJson(items: Discovered[]) {
  return items.map((i) => ({
    backend: i.backend,
    kind: i.kind,
    key: i.key,
    id: i.id,
    ...(i.name ? { name: i.name, config: configOf(i) } : {}),
    refusals: i.refusals,
  }));
}
