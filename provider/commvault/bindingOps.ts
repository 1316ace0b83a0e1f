import type * as dynamic from "@pulumi/pulumi/dynamic";
import { OrgplaneError, ResourceOperations, State } from "../core";
import { CommvaultClient, OrganizationIds } from "./client";
import { withLock } from "./lock";
import { organizationLockKey } from "./organizationOps";
import { AccessNode, isGroup, nodeKey, refersTo, resolveAccessNode } from "./resolve";
import { BindingInputs, bindingOutputKeys } from "./schema";
import { accessNodeBody, memberServers } from "./wire";

/** A client's backup set id never changes: one lookup per organization per process. */
const backupsetIds = new Map<string, number>();

async function backupsetIdOf(client: CommvaultClient, organizationId: string): Promise<number> {
  const key = organizationLockKey(client, organizationId);
  const known = backupsetIds.get(key);
  if (known !== undefined) return known;
  const backupset = await client.getBackupset(organizationId);
  if (!backupset) throw new OrgplaneError(`commvault: organization ${organizationId} has no backup set`);
  backupsetIds.set(key, backupset.backupSetEntity.backupsetId);
  return backupset.backupSetEntity.backupsetId;
}

const nodeId = (node: AccessNode) => (isGroup(node) ? node.clientGroupId : node.clientId);
const nodeName = (node: AccessNode) => (isGroup(node) ? node.clientGroupName : node.clientName);

/** The binding's id: `<organizationId>/client/<clientId>` or `<organizationId>/clientGroup/<clientGroupId>`. */
const bindingId = (organizationId: string, node: AccessNode) =>
  `${organizationId}/${isGroup(node) ? "clientGroup" : "client"}/${nodeId(node)}`;

function outputsOf(node: AccessNode, ids: Partial<OrganizationIds>): State {
  return {
    nodeType: isGroup(node) ? "clientGroup" : "client",
    nodeId: nodeId(node),
    nodeName: nodeName(node),
    instanceId: ids.instanceId,
    backupsetId: ids.backupsetId,
  };
}

/** The stored node of a binding, for finding it again in the list. */
const storedKey = (state: State) =>
  `${state.nodeType === "clientGroup" ? "group" : "client"}:${state.nodeId}`;

/** The organization's current list; undefined when the organization is gone. */
async function currentNodes(client: CommvaultClient, organizationId: string) {
  const instance = await client.getInstance(organizationId);
  return instance && { instanceId: instance.instance.instanceId, nodes: memberServers(instance) };
}

/** Writes the whole list (Modify has no add or remove), then reads it back to check the change held. */
async function writeList(
  client: CommvaultClient,
  ids: OrganizationIds,
  nodes: AccessNode[],
  key: string,
  present: boolean,
): Promise<void> {
  await client.modifyOrganization(ids, { accessNodes: nodes.map(accessNodeBody) });
  const after = await currentNodes(client, String(ids.clientId));
  if (!after || after.nodes.some((n) => nodeKey(n) === key) !== present) {
    throw new OrgplaneError(
      `commvault: the access-node list of organization ${ids.clientId} changed while orgplane was writing it ` +
        "(another writer outside this process?); run the update again.",
    );
  }
}

export const bindingOps: ResourceOperations<BindingInputs> = {
  async create(inputs) {
    const client = CommvaultClient.for(inputs.connection);
    const orgId = inputs.organizationId;
    const ref = inputs.client ?? inputs.clientGroup!;
    const node = await resolveAccessNode(client, ref, inputs.client ? "client" : "clientGroup");
    // Modify replaces the whole list: bindings on one organization take turns.
    return withLock(organizationLockKey(client, orgId), async () => {
      const current = await currentNodes(client, orgId);
      if (!current)
        throw new OrgplaneError(`commvault: organization ${orgId} was not found (organizationId)`);
      const ids = {
        clientId: Number(orgId),
        instanceId: current.instanceId,
        backupsetId: await backupsetIdOf(client, orgId),
      };
      const present = current.nodes.some((n) => nodeKey(n) === nodeKey(node));
      if (present && !inputs.adopt) {
        throw new OrgplaneError(
          `commvault: ${nodeName(node)} is already an access node of organization ${orgId}. ` +
            "Set `adopt: true` to take it over as this binding, or remove it from the organization first.",
        );
      }
      if (!present) await writeList(client, ids, [...current.nodes, node], nodeKey(node), true);
      return { id: bindingId(orgId, node), outputs: outputsOf(node, ids) };
    });
  },

  async read(_id, state) {
    const client = CommvaultClient.for(state.connection);
    const current = await currentNodes(client, state.organizationId as string);
    const node = current?.nodes.find((n) => nodeKey(n) === storedKey(state));
    if (!current || !node) return undefined;
    return outputsOf(node, { instanceId: current.instanceId, backupsetId: state.backupsetId as number });
  },

  /** Only equivalent rewrites and local fields reach here (everything else replaces): nothing to call. */
  async update(_id, olds) {
    return Object.fromEntries(bindingOutputKeys.map((k) => [k, olds[k]]));
  },

  async delete(_id, state) {
    const client = CommvaultClient.for(state.connection);
    const orgId = state.organizationId as string;
    await withLock(organizationLockKey(client, orgId), async () => {
      const current = await currentNodes(client, orgId);
      if (!current || !current.nodes.some((n) => nodeKey(n) === storedKey(state))) return;
      const backupsetId = (state.backupsetId as number | undefined) ?? (await backupsetIdOf(client, orgId));
      const ids = { clientId: Number(orgId), instanceId: current.instanceId, backupsetId };
      const rest = current.nodes.filter((n) => nodeKey(n) !== storedKey(state));
      await writeList(client, ids, rest, storedKey(state), false);
    });
  },

  /** `{clientName}` rewritten as `{clientId}` (or the reverse) for the same node is no change. */
  reviewDiff(olds, news, diff): dynamic.DiffResult {
    const same = (key: string) =>
      (key === "client" &&
        olds.nodeType === "client" &&
        refersTo(news.client, olds.nodeId, olds.nodeName, ["clientId", "clientName"])) ||
      (key === "clientGroup" &&
        olds.nodeType === "clientGroup" &&
        refersTo(news.clientGroup, olds.nodeId, olds.nodeName, ["clientGroupId", "clientGroupName"]));
    const changedKeys = diff.changedKeys.filter((k) => !same(k));
    const replaces = (diff.replaces ?? []).filter((p) => !same(p.split(".")[0]));
    return { changes: changedKeys.length > 0, replaces, deleteBeforeReplace: false };
  },
};
