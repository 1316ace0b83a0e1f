/** Field paths of a JSON body: `a.b`, `items[].name`; array items merge into one `[]` step. */
export function fieldPaths(body: unknown, prefix = "", out = new Set<string>()): string[] {
  if (Array.isArray(body)) {
    for (const item of body) fieldPaths(item, `${prefix}[]`, out);
  } else if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) {
      const at = prefix ? `${prefix}.${key}` : key;
      out.add(at);
      fieldPaths(value, at, out);
    }
  }
  return [...out];
}

type Schema = Record<string, unknown>;
const SOURCE = "x-source";

function steps(path: string): string[] {
  return path
    .split(/\.|(?=\[\])/)
    .flatMap((s) => (s.startsWith("[]") ? ["[]", s.slice(2)] : [s]))
    .filter(Boolean);
}

/** Schemas a node stands for: itself after $ref, and its allOf/anyOf/oneOf branches. */
function variants(node: unknown, deref: (n: unknown) => unknown): Schema[] {
  const schema = deref(node) as Schema | undefined;
  if (!schema || typeof schema !== "object") return [];
  const branches = ["allOf", "anyOf", "oneOf"].flatMap((k) => (schema[k] as unknown[]) ?? []);
  return [schema, ...branches.flatMap((b) => variants(b, deref))];
}

const ANNOTATIONS = new Set(["description", "title", "example", "examples", SOURCE, "default", "type"]);

/** An object that takes any keys: `{type: object}` without properties, or an empty schema. */
function freeForm(schema: Schema): boolean {
  if (schema.type !== undefined && schema.type !== "object") return false;
  if (schema.additionalProperties === false) return false;
  return Object.keys(schema).every((k) => ANNOTATIONS.has(k) || k === "additionalProperties");
}

/**
 * Where a field path lands in a schema: undefined when the schema does not describe it; `sourced` when the
 * field's schema or one around it names a source (`x-source`). A free-form object describes all below it.
 */
export function resolveField(
  root: unknown,
  path: string,
  deref: (n: unknown) => unknown,
): { sourced: boolean } | undefined {
  let current = variants(root, deref);
  let sourced = current.some((s) => typeof s[SOURCE] === "string");
  for (const step of steps(path)) {
    const next: Schema[] = [];
    for (const schema of current) {
      if (step === "[]") {
        if (schema.items) next.push(...variants(schema.items, deref));
        continue;
      }
      const props = schema.properties as Record<string, unknown> | undefined;
      if (props && step in props) next.push(...variants(props[step], deref));
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        next.push(...variants(schema.additionalProperties, deref));
      else if (freeForm(schema)) next.push({ ...(schema[SOURCE] ? { [SOURCE]: schema[SOURCE] } : {}) });
    }
    if (next.length === 0) return undefined;
    sourced = sourced || next.some((s) => typeof s[SOURCE] === "string");
    current = next;
  }
  return { sourced };
}
