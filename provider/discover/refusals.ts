import type * as dynamic from "@pulumi/pulumi/dynamic";
import { failurePath, UNKNOWN } from "../core";
import { providers as biot } from "../biot/provider";
import { providers as commvault } from "../commvault/provider";
import { providers as iics } from "../iics/provider";
import { providers as salesforce } from "../salesforce/provider";
import { providers as sfp } from "../sfp/provider";
import { Discovered, Placeholder, Reference, Refusal } from "./inventory";

const PROVIDERS: Record<string, dynamic.ResourceProvider> = {
  "sfp.SalesforceOrgRegistration": sfp.SalesforceOrgRegistration,
  "sfp.SandboxRegistration": sfp.SandboxRegistration,
  "commvault.Organization": commvault.Organization,
  "commvault.AccessNodeBinding": commvault.AccessNodeBinding,
  "salesforce.User": salesforce.User,
  "biot.Organization": biot.Organization,
  "iics.Organization": iics.Organization,
};

/** The inputs as check sees them: a reference is its value as read, a placeholder is not known yet. */
export function checkable(value: unknown): unknown {
  if (value instanceof Reference) return value.value;
  if (value instanceof Placeholder) return UNKNOWN;
  if (Array.isArray(value)) return value.map(checkable);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, checkable(v)]));
  return value;
}

/** What the kind's own check (schema and cross-field rules) refuses in the inputs as read. */
export async function refusalsOf(item: Discovered): Promise<Refusal[]> {
  const provider = PROVIDERS[item.kind];
  const news = { ...(checkable(item.inputs) as Record<string, unknown>), adopt: true };
  const result = await provider.check!({}, news).catch((e: Error) => ({
    failures: [{ property: "", reason: `check failed: ${e.message}` }],
  }));
  return (result.failures ?? []).map((f) => ({ field: failurePath(f) || "(inputs)", reason: f.reason }));
}
