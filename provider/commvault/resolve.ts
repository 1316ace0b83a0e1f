import { LookupCache, OrgplaneError } from "../core";
import { CommvaultClient, Company, Plan } from "./client";
import { AccessNodeRef, OrganizationInputs, PlanRef } from "./schema";

/** An access node as orgplane reports it (the `memberServers` output): a server or a server group. */
import type { AccessNode } from "./types.generated";

export type { AccessNode };

export const isGroup = (node: AccessNode): node is { clientGroupId: number; clientGroupName: string } =>
  "clientGroupId" in node;
/** A stable key for set comparison: type and id. */
export const nodeKey = (node: AccessNode) =>
  isGroup(node) ? `group:${node.clientGroupId}` : `client:${node.clientId}`;

/** Plans, companies, servers and server groups by name or id: one lookup per process, credential and minute. */
const lookups = new LookupCache();
const cached = <T>(client: CommvaultClient, what: string, ref: unknown, lookup: () => Promise<T>) =>
  lookups.get(`${client.lookupScope}|${what}|${JSON.stringify(ref)}`, lookup);

const missing = (what: string, ref: unknown, where: string) =>
  new OrgplaneError(`commvault: no ${what} ${JSON.stringify(ref)} (${where})`);

/** The API wants both the plan's id and name: one lookup fills in the half the user left out. */
export async function resolvePlan(client: CommvaultClient, ref: PlanRef): Promise<Plan> {
  const plan = await cached(client, "plan", ref, () =>
    ref.planId !== undefined ? client.getPlan(ref.planId) : client.findPlan(ref.planName!),
  );
  if (!plan) throw missing("plan", ref, "plan");
  return plan;
}

/** The CommCell (id 0) and companies given by id need no lookup: the company name is optional on the wire. */
export async function resolveCompany(
  client: CommvaultClient,
  ref: OrganizationInputs["company"],
): Promise<Partial<Company> & { companyId: number; multiCommcellId?: number }> {
  const extra = ref.multiCommcellId !== undefined ? { multiCommcellId: ref.multiCommcellId } : {};
  if (ref.companyId !== undefined) return { companyId: ref.companyId, ...extra };
  if (ref.companyName!.toLowerCase() === "commcell")
    return { companyId: 0, companyName: "Commcell", ...extra };
  const company = await cached(client, "company", ref.companyName, () =>
    client.findCompany(ref.companyName!),
  );
  if (!company) throw missing("company", { companyName: ref.companyName }, "company");
  return { ...company, ...extra };
}

/** A server needs both id and name on the wire, a group one of them; both are filled in by one lookup. */
export async function resolveAccessNode(
  client: CommvaultClient,
  ref: AccessNodeRef,
  where: string,
): Promise<AccessNode> {
  if (ref.clientId !== undefined || ref.clientName !== undefined) {
    const found = await cached(client, "client", ref, () =>
      ref.clientId !== undefined ? client.getClient(ref.clientId) : client.findClient(ref.clientName!),
    );
    if (!found) throw missing("client", ref, where);
    return { clientId: found.clientId, clientName: found.clientName };
  }
  const group = await cached(client, "group", ref, () =>
    ref.clientGroupId !== undefined
      ? client.getClientGroup(ref.clientGroupId)
      : client.findClientGroup(ref.clientGroupName!),
  );
  if (!group) throw missing("client group", ref, where);
  return { clientGroupId: group.clientGroupId, clientGroupName: group.clientGroupName };
}

export function resolveAccessNodes(client: CommvaultClient, refs: AccessNodeRef[]): Promise<AccessNode[]> {
  return Promise.all(refs.map((ref, i) => resolveAccessNode(client, ref, `accessNodes[${i}]`)));
}

/** Whether a reference names the resolved entity (so rewriting `{name}` as `{id}` is no change). */
export function refersTo(
  ref: Record<string, unknown> | undefined,
  id: unknown,
  name: unknown,
  keys: [string, string],
) {
  if (!ref) return false;
  const [idKey, nameKey] = keys;
  if (ref[idKey] !== undefined) return ref[idKey] === id;
  return (
    typeof ref[nameKey] === "string" &&
    typeof name === "string" &&
    ref[nameKey].toLowerCase() === name.toLowerCase()
  );
}
