import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  createOwned,
  isApiError,
  LookupCache,
  OrgplaneError,
  outputsOf,
  PartialCreateError,
  ResourceOperations,
  schemaProvider,
  State,
  withLock,
} from "../core";
import { CommvaultClient, Company, InstanceProperties, OrganizationIds, Plan } from "./client";
import {
  AccessNodeRef,
  BindingInputs,
  bindingSpec,
  OrganizationInputs,
  organizationOutputKeys,
  organizationSpec,
  PlanRef,
} from "./schema";
import {
  accessNodeBody,
  AccessNode,
  createBody,
  adoptionChanges,
  currentSettings,
  givenModifyOnlySettings,
  memberServers,
  modifyBody,
  nodeKey,
  nodeName,
  overlayDeclared,
  bindingId,
  bindingState,
  Resolved,
} from "./wire";

// Names and ids: plans, companies and access nodes resolved for the API.

/** Plans, companies, servers and server groups by name or id: one lookup per process, credential and minute. */
const lookups = new LookupCache();
const cached = <T>(client: CommvaultClient, what: string, ref: unknown, lookup: () => Promise<T>) =>
  lookups.get(`${client.lookupScope}|${what}|${JSON.stringify(ref)}`, lookup);

const missing = (what: string, ref: unknown, where: string) =>
  new OrgplaneError(`commvault: no ${what} ${JSON.stringify(ref)} (${where})`);

/** The API wants both the plan's id and name: one lookup fills in the half the user left out. */
async function resolvePlan(client: CommvaultClient, ref: PlanRef): Promise<Plan> {
  const plan = await cached(client, "plan", ref, () =>
    ref.planId !== undefined ? client.getPlan(ref.planId) : client.findPlan(ref.planName!),
  );
  if (!plan) throw missing("plan", ref, "plan");
  return plan;
}

/** The CommCell (id 0) and companies given by id need no lookup: the company name is optional on the wire. */
async function resolveCompany(
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
async function resolveAccessNode(
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

function resolveAccessNodes(client: CommvaultClient, refs: AccessNodeRef[]): Promise<AccessNode[]> {
  return Promise.all(refs.map((ref, i) => resolveAccessNode(client, ref, `accessNodes[${i}]`)));
}

/** Whether a reference names the resolved entity (so rewriting `{name}` as `{id}` is no change). */
function refersTo(
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

// Organization.

const organizationLockKey = (client: CommvaultClient, clientId: string | number) =>
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
function accessNodesAsDeclared(declared: AccessNodeRef[], read: AccessNode[]): AccessNodeRef[] {
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

/**
 * The plan an instance names (else the one in `known`: Commvault may leave planEntity out). A plan other than
 * the declared one also becomes the `plan` input, so the next preview shows the change.
 */
function planOf(instance: InstanceProperties, known: State): State {
  const planId = instance.planEntity?.planId ?? known.planId;
  const planName = instance.planEntity?.planName ?? known.planName;
  const declared = known.plan as Record<string, unknown> | undefined;
  const same = !declared || refersTo(declared, planId, planName, ["planId", "planName"]);
  return { planId, planName, ...(same ? {} : { plan: { planName } }) };
}

type Created = { clientId: number; clientName: string; instanceId?: number; backupsetId?: number };

const organizationOps: ResourceOperations<OrganizationInputs> = {
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
      takeOver: async (found) => ({ created: found as Created, adopted: true }),
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
      ? organizationSpec.updatableKeys.filter((k) => inputs[k as keyof OrganizationInputs] !== undefined)
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
        // The plan as the organization has it: a different one shows as a change at the next preview.
        Object.assign(outputs, planOf(instance, { ...outputs, plan: inputs.plan }));
        outputs.memberServers = resolved.nodes ?? memberServers(instance);
        const modifiable = organizationSpec.updatableKeys;
        followUp = adoptionChanges(inputs, modifiable, current, resolved.nodes, memberServers(instance));
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
      ...planOf(instance, state),
      clientId: instance.instance.clientId,
      clientName: instance.instance.clientName,
      instanceId: backupset.backupSetEntity.instanceId,
      backupsetId: backupset.backupSetEntity.backupsetId,
      memberServers: nodes,
    };
  },

  async update(id, olds, news, changedKeys) {
    const client = CommvaultClient.for(news.connection);
    const keys = changedKeys.filter((k) => organizationSpec.updatableKeys.includes(k));
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

// AccessNodeBinding.

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

const bindingOps: ResourceOperations<BindingInputs> = {
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
      return { id: bindingId(orgId, node), outputs: bindingState(node, ids) };
    });
  },

  async read(_id, state) {
    const client = CommvaultClient.for(state.connection);
    const current = await currentNodes(client, state.organizationId as string);
    const node = current?.nodes.find((n) => nodeKey(n) === storedKey(state));
    if (!current || !node) return undefined;
    return bindingState(node, { instanceId: current.instanceId, backupsetId: state.backupsetId as number });
  },

  /** Only equivalent rewrites and local fields reach here (everything else replaces): nothing to call. */
  async update(_id, olds) {
    return outputsOf(bindingSpec, olds);
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

/** The dynamic providers the stubs in state load by package name (orgplane/provider/commvault/provider). */
export const providers = {
  Organization: schemaProvider<OrganizationInputs>(organizationSpec, organizationOps),
  AccessNodeBinding: schemaProvider<BindingInputs>(bindingSpec, bindingOps),
};
