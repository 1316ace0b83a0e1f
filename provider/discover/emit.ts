import { Discovered, Placeholder, Reference } from "./inventory";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as TypeScript source: literals as read, placeholders as config reads, references as outputs. */
export function emitValue(value: unknown): string {
  if (value instanceof Placeholder)
    return `config.${value.secret ? "requireSecret" : "require"}(${JSON.stringify(value.configKey)})`;
  if (value instanceof Reference) {
    // A reference to an object that is written commented out is its value as read.
    const usable = value.target.refusals.length === 0 && value.target.variable;
    return usable ? `${value.target.variable}.${value.output}` : JSON.stringify(value.value);
  }
  if (Array.isArray(value)) return `[${value.map(emitValue).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${emitValue(v)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** One resource declaration: `const <variable> = new <kind>("<name>", { ...inputs, adopt: true });`. */
export function emitResource(item: Discovered): string {
  const inputs = emitValue({ ...item.inputs, adopt: true });
  return `const ${item.variable} = new ${item.kind}(${JSON.stringify(item.name)}, ${inputs});`;
}

const START = "// @@refused-start";
const END = "// @@refused-end";

/**
 * A refused object: its declaration between markers, under the fields to fix. After formatting,
 * `commentOutRefused` comments the declaration out, so it is formatted like the rest.
 */
export function emitRefused(item: Discovered): string {
  const reasons = item.refusals.map((r) => `//   ${r.field}: ${r.reason.replace(/\s+/g, " ").trim()}`);
  return [
    `// ${item.kind} ${JSON.stringify(item.key)} is not adopted: orgplane's check refuses what it holds.`,
    "// Fix these fields (in the object, or in this declaration), then uncomment it:",
    ...reasons,
    START,
    emitResource(item),
    END,
  ].join("\n");
}

/** Comments out the code between the refused markers, and drops the markers. */
export function commentOutRefused(code: string): string {
  let inside = false;
  const out: string[] = [];
  for (const line of code.split("\n")) {
    if (line.trim() === START || line.trim() === END) {
      inside = line.trim() === START;
      continue;
    }
    out.push(inside ? `// ${line}`.trimEnd() : line);
  }
  return out.join("\n");
}
