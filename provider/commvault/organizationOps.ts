import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  createOwned,
  isApiError,
  OrgplaneError,
  PartialCreateError,
  ResourceOperations,
  State,
} from "../core";
import { CommvaultClient, OrganizationIds } from "./client";
import { adoptionChanges } from "./adoption";
import { withLock } from "./lock";
import { AccessNode, refersTo, resolveAccessNodes, resolveCompany, resolvePlan } from "./resolve";
import { AccessNodeRef, OrganizationInputs, organizationOutputKeys } from "./schema";
import {
  createBody,
  currentSettings,
  givenModifyOnlySettings,
  memberServers,
  modifyBody,
  overlayDeclared,
  Resolved,
} from "./wire";

/** Input keys Modify can change; every other API field replaces (see schema notes). */
const MODIFIABLE = [
  "accessNodes",
  "salesforceAccount",
  "downloadCachePath",
  "syncDatabase",
  "backupFileObjects",
  "backupArchivedAndDeletedRecords",
  "backupMetadata",
  "filesPerBackup",
  "backupStreams",
  "excludedObjects",
];

export const organizationLockKey = (client: CommvaultClient, clientId: string | number) =>
  `${client.baseUrl}#${clientId}`;

const pickOutputs = (state: State): State =>
  Object.fromEntries(organizationOutputKeys.filter((k) => state[k] !== undefined).map((k) => [k, state[k]]));

const idsOf = (id: string, state: State): OrganizationIds => ({
  clientId: Number(id),
  instanceId: state.instanceId as number,
  backupsetId: state.backupsetId as number,
});

/** The ids from state, or from the backup set when a partial create could not record them. */
async function idsFor(client: CommvaultClient, id: string, state: State): Promise<OrganizationIds> {
  if (typeof state.instanceId === "number" && typeof state.backupsetId === "number") return idsOf(id, state);
  const backupset = await client.getBackupset(id);
  if (!backupset) throw new OrgplaneError(`commvault: organization ${id} was not found`);
  const { instanceId, backupsetId } = backupset.backupSetEntity;
  return { clientId: Number(id), instanceId, backupsetId };
}

async function resolveAll(client: CommvaultClient, inputs: OrganizationInputs): Promise<Resolved> {
  const [plan, company, nodes] = await Promise.all([
    resolvePlan(client, inputs.plan),
    resolveCompany(client, inputs.company),
    inputs.accessNodes ? resolveAccessNodes(client, inputs.accessNodes) : undefined,
  ]);
  return { plan, company, nodes };
}

/** The declared access-node list, rewritten only when the server's list is a different set. */
export function accessNodesAsDeclared(declared: AccessNodeRef[], read: AccessNode[]): AccessNodeRef[] {
  const refOf = (node: AccessNode) =>
    declared.find((ref) =>
      "clientGroupId" in node
        ? refersTo(ref, node.clientGroupId, node.clientGroupName, ["clientGroupId", "clientGroupName"])
        : refersTo(ref, node.clientId, node.clientName, ["clientId", "clientName"]),
    );
  const matched = read.map(refOf);
  const sameSet =
    read.length === declared.length && new Set(matched.filter(Boolean)).size === declared.length;
  if (sameSet) return declared;
  return read.map(
    (node, i) =>
      matched[i] ??
      ("clientGroupId" in node ? { clientGroupName: node.clientGroupName } : { clientName: node.clientName }),
  );
}

type Created = { clientId: number; clientName: string; instanceId?: number; backupsetId?: number };

export const organizationOps: ResourceOperations<OrganizationInputs> = {
  async create(inputs) {
    const client = CommvaultClient.for(inputs.connection);
    const resolved = await resolveAll(client, inputs);
    // Commvault's 409 has no documented meaning: the existence check lists the organizations (core createOwned).
    const { created, adopted } = await createOwned({
      resource: `commvault.Organization "${inputs.organizationName}"`,
      adopt: inputs.adopt,
      find: () => client.findOrganization(inputs.organizationName),
      describe: (found) => `client id ${found.clientId}`,
      write: async () => ({
        created: (await client.createOrganization(createBody(inputs, resolved))) as Created,
        adopted: false,
      }),
      takeOver: async (found, reason) => ({ created: found as Created, adopted: reason === "adopted" }),
      isDuplicate: (e) => isApiError(e, 409),
    });
    const id = String(created.clientId);
    const outputs: State = {
      clientId: created.clientId,
      clientName: created.clientName || inputs.organizationName,
      planId: resolved.plan.planId,
      planName: resolved.plan.planName,
      companyId: resolved.company.companyId,
      ...(resolved.company.companyName ? { companyName: resolved.company.companyName } : {}),
      memberServers: resolved.nodes ?? [],
    };
    // Modify-only settings (and, when adopting, what differs from the organization) follow in one Modify.
    // Until the adopted organization is read, everything declared counts as pending.
    let followUp = adopted
      ? MODIFIABLE.filter((k) => inputs[k as keyof OrganizationInputs] !== undefined)
      : givenModifyOnlySettings(inputs);
    try {
      if (created.instanceId === undefined || created.backupsetId === undefined) {
        // The create reply has the client only; the backup set carries the instance and backup set ids.
        const backupset = await client.getBackupset(id);
        if (!backupset) throw new OrgplaneError(`commvault: organization ${id} has no backup set`);
        created.instanceId = backupset.backupSetEntity.instanceId;
        created.backupsetId = backupset.backupSetEntity.backupsetId;
      }
      outputs.instanceId = created.instanceId;
      outputs.backupsetId = created.backupsetId;
      if (adopted) {
        const [instance, backupset] = await Promise.all([client.getInstance(id), client.getBackupset(id)]);
        if (!instance || !backupset) throw new OrgplaneError(`commvault: organization ${id} cannot be read`);
        const current = currentSettings(instance, backupset) as State;
        outputs.memberServers = resolved.nodes ?? memberServers(instance);
        followUp = adoptionChanges(inputs, MODIFIABLE, current, resolved.nodes, memberServers(instance));
      }
      if (followUp.length > 0) {
        await client.modifyOrganization(idsOf(id, outputs), modifyBody(inputs, followUp, resolved.nodes));
      }
    } catch (e) {
      throw new PartialCreateError(id, outputs, e, followUp);
    }
    return { id, outputs };
  },

  async read(id, state) {
    const client = CommvaultClient.for(state.connection);
    // The instance carries the client's id and name too, and both answer 404 once the client is gone.
    const [instance, backupset] = await Promise.all([client.getInstance(id), client.getBackupset(id)]);
    if (!instance || !backupset) return undefined;
    const nodes = memberServers(instance);
    const current = currentSettings(instance, backupset) as State;
    const declared: State = {};
    for (const [key, value] of Object.entries(current)) {
      if (state[key] !== undefined) declared[key] = overlayDeclared(state[key], value);
    }
    if (Array.isArray(state.accessNodes)) {
      declared.accessNodes = accessNodesAsDeclared(state.accessNodes as AccessNodeRef[], nodes);
    }
    return {
      ...declared,
      clientId: instance.instance.clientId,
      clientName: instance.instance.clientName,
      instanceId: backupset.backupSetEntity.instanceId,
      backupsetId: backupset.backupSetEntity.backupsetId,
      memberServers: nodes,
    };
  },

  async update(id, olds, news, changedKeys) {
    const client = CommvaultClient.for(news.connection);
    const keys = changedKeys.filter((k) => MODIFIABLE.includes(k));
    const outputs = pickOutputs(olds);
    if (keys.length === 0) return outputs;
    const nodes =
      keys.includes("accessNodes") && news.accessNodes
        ? await resolveAccessNodes(client, news.accessNodes)
        : undefined;
    const body = modifyBody(news, keys, nodes);
    if (Object.keys(body).length === 0) return outputs;
    const ids = await idsFor(client, id, olds);
    await withLock(organizationLockKey(client, id), () => client.modifyOrganization(ids, body));
    const withIds = { ...outputs, instanceId: ids.instanceId, backupsetId: ids.backupsetId };
    return nodes ? { ...withIds, memberServers: nodes } : withIds;
  },

  async delete(id, state) {
    const client = CommvaultClient.for(state.connection);
    if (state.deletionPolicy === "forceDelete") await client.forceDeleteClient(id);
    else await client.retireClient(id);
  },

  /** A plan or company written another way (`{planName}` for `{planId}`) is no change when it is the same one. */
  reviewDiff(olds, news, diff): dynamic.DiffResult {
    const sameCompany = () => {
      const ref = news.company as Partial<OrganizationInputs["company"]> | undefined;
      if (!ref || typeof ref !== "object") return false;
      if ((ref.multiCommcellId ?? undefined) !== ((olds.company as State)?.multiCommcellId ?? undefined))
        return false;
      return refersTo(ref, olds.companyId, olds.companyName, ["companyId", "companyName"]);
    };
    const equivalent = (key: string) =>
      (key === "plan" && refersTo(news.plan, olds.planId, olds.planName, ["planId", "planName"])) ||
      (key === "company" && sameCompany());
    const changedKeys = diff.changedKeys.filter((k) => !equivalent(k));
    const replaces = (diff.replaces ?? []).filter((p) => !equivalent(p.split(".")[0]));
    return { changes: changedKeys.length > 0, replaces, deleteBeforeReplace: false };
  },
};
