import { Discovered, Placeholder, Reference } from "./inventory";

/** Short variable prefixes per kind, so that names read as what they are. */
const PREFIX: Record<string, string> = {
  "sfp.SalesforceOrgRegistration": "org",
  "sfp.SandboxRegistration": "sandbox",
  "commvault.Organization": "backup",
  "commvault.AccessNodeBinding": "accessNode",
  "salesforce.User": "user",
  "biot.Organization": "biot",
  "iics.Organization": "iics",
};

/** `Admin@Acme.com` -> `admin-acme-com`: lower case, letters and digits joined by single dashes. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "unnamed";
}

const pascal = (s: string) =>
  s
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

function unique(wanted: string, taken: Set<string>, join: string): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}${join}${n}`;
  taken.add(name);
  return name;
}

/** Sets every object's resource name (unique per kind) and variable (unique in index.ts), and the config keys. */
export function assignNames(items: Discovered[]): void {
  const names = new Map<string, Set<string>>();
  const variables = new Set<string>(["config", "pulumi"]);
  for (const item of items) {
    const taken = names.get(item.kind) ?? new Set<string>();
    names.set(item.kind, taken);
    item.name = unique(slug(item.nameHint), taken, "-");
    item.variable = unique(`${PREFIX[item.kind]}${pascal(item.name)}`, variables, "_");
  }
  for (const item of items)
    forEachPlaceholder(item.inputs, (p) => (p.configKey = `${item.variable}${p.suffix}`));
}

/** Visits the placeholders in a value. */
export function forEachPlaceholder(value: unknown, visit: (p: Placeholder) => void): void {
  if (value instanceof Placeholder) return visit(value);
  if (value instanceof Reference || !value || typeof value !== "object") return;
  for (const v of Object.values(value)) forEachPlaceholder(v, visit);
}
