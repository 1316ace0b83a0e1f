/**
 * Just enough XML for the IICS v2 API: the root element names the object (`<org>` is `{"@type":"org"}`), child
 * elements are fields, repeated children become lists. No attributes, namespaces or mixed content.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name] ?? whole;
    const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return String.fromCodePoint(code);
  });
const encode = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface Node {
  name: string;
  children: Node[];
  text: string;
}

export class XmlError extends Error {}

function toValue(node: Node): unknown {
  if (node.children.length === 0) return decode(node.text.trim());
  const out: Record<string, unknown> = {};
  for (const child of node.children) {
    const value = toValue(child);
    if (!(child.name in out)) out[child.name] = value;
    else if (Array.isArray(out[child.name])) (out[child.name] as unknown[]).push(value);
    else out[child.name] = [out[child.name], value];
  }
  return out;
}

/** Parses a document into `{"@type": <root element>, ...fields}`. */
export function parseXml(source: string): Record<string, unknown> {
  const body = source.replace(/<\?xml[^>]*\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const root: Node = { name: "", children: [], text: "" };
  const stack: Node[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|([^<]+)/g;
  for (const m of body.matchAll(tag)) {
    const top = stack[stack.length - 1];
    if (m[4] !== undefined) {
      top.text += m[4];
      continue;
    }
    if (m[1]) {
      if (top.name !== m[2]) throw new XmlError(`unexpected </${m[2]}>`);
      stack.pop();
      continue;
    }
    const node: Node = { name: m[2], children: [], text: "" };
    top.children.push(node);
    if (!m[3]) stack.push(node);
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new XmlError("expected one root element");
  const [doc] = root.children;
  const value = toValue(doc);
  return { "@type": doc.name, ...(typeof value === "object" ? (value as object) : {}) };
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join("");
  if (typeof value === "object") {
    const inner = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== "@type")
      .map(([key, v]) => element(key, v))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${encode(String(value))}</${name}>`;
}

/**
 * Serializes an object under its `@type` as the root element. A list becomes `<list>` holding its items
 * (the vendor's XML for list replies is UNVERIFIED).
 */
export function toXml(value: unknown): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (Array.isArray(value)) {
    const items = value.map((item) =>
      element(String((item as { "@type"?: string })["@type"] ?? "item"), item),
    );
    return `${head}<list>${items.join("")}</list>`;
  }
  const type = (value as { "@type"?: string } | null)?.["@type"] ?? "object";
  return head + element(type, value);
}
