import { Discovered } from "./inventory";

/** A plain text table: columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
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

/** The inventory as JSON: what was found, what it becomes, what check refuses. Placeholders show their keys. */
export function inventoryJson(items: Discovered[]) {
  return items.map((i) => ({
    backend: i.backend,
    kind: i.kind,
    key: i.key,
    id: i.id,
    ...(i.name ? { name: i.name } : {}),
    refusals: i.refusals,
  }));
}
