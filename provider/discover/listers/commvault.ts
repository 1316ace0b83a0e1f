import { CommvaultClient } from "../../commvault/client";
import { AccessNode, isGroup } from "../../commvault/wire";
import { currentSettings, memberServers } from "../../commvault/wire";
import { configuredConnection } from "../connections";
import { Discovered, Reference, secretSlot } from "../inventory";
import { present, Lister } from "./types";

const refOf = (node: AccessNode) =>
  isGroup(node) ? { clientGroupName: node.clientGroupName } : { clientName: node.clientName };

const companyRef = (c: { companyId: number; companyName?: string }) =>
  c.companyName ? { companyName: c.companyName } : { companyId: c.companyId };

/** Commvault Salesforce organizations, their access nodes inline or as AccessNodeBindings. */
export const listCommvault: Lister = async (options, progress) => {
  const client = CommvaultClient.for(configuredConnection("commvault"));
  const summaries = await client.listOrganizations();
  progress(`${summaries.length} organizations`);
  const out: Discovered[] = [];
  let done = 0;
  for (const summary of summaries) {
    const id = String(summary.clientId);
    const read = await Promise.all([
      client.getInstance(id),
      client.getBackupset(id),
      client.getClientCompany(id),
    ]).catch((e: Error) => {
      progress(`skipped organization ${summary.clientName}: it cannot be read (${e.message})`);
      return [undefined, undefined, undefined] as const;
    });
    const [instance, backupset, company] = read;
    if (++done % 10 === 0) progress(`${done}/${summaries.length} organizations read`);
    if (!instance || !backupset) continue; // gone since the list, or unreadable
    const current = currentSettings(instance, backupset);
    const nodes = memberServers(instance);
    const account = current.salesforceAccount ?? {};
    const db = current.syncDatabase;
    const org: Discovered = {
      backend: "commvault",
      kind: "commvault.Organization",
      key: summary.clientName,
      id,
      nameHint: summary.clientName,
      inputs: present({
        organizationName: summary.clientName,
        plan: instance.planEntity?.planName ? { planName: instance.planEntity.planName } : undefined,
        // The CommCell itself (company 0) is the default.
        company: company && company.companyId !== 0 ? companyRef(company) : undefined,
        accessNodes: options.accessNodes === "inline" ? nodes.map(refOf) : undefined,
        salesforceAccount: {
          ...account,
          password: secretSlot(
            "SalesforcePassword",
            `the Salesforce password Commvault uses for ${summary.clientName}`,
          ),
          consumerSecret: secretSlot(
            "ConsumerSecret",
            `the connected app's consumer secret for ${summary.clientName}`,
          ),
        },
        downloadCachePath: current.downloadCachePath,
        syncDatabase: db && {
          ...db,
          password: secretSlot("SyncDatabasePassword", `the sync database password of ${summary.clientName}`),
        },
        backupFileObjects: current.backupFileObjects,
        backupArchivedAndDeletedRecords: current.backupArchivedAndDeletedRecords,
        backupMetadata: current.backupMetadata,
        filesPerBackup: current.filesPerBackup,
        backupStreams: current.backupStreams,
        excludedObjects: current.excludedObjects,
      }),
      refusals: [],
    };
    out.push(org);
    if (options.accessNodes === "inline") continue;
    for (const node of nodes) {
      const name = isGroup(node) ? node.clientGroupName : node.clientName;
      out.push({
        backend: "commvault",
        kind: "commvault.AccessNodeBinding",
        key: `${summary.clientName}/${name}`,
        id: `${id}/${isGroup(node) ? "clientGroup" : "client"}/${isGroup(node) ? node.clientGroupId : node.clientId}`,
        nameHint: `${summary.clientName}-${name}`,
        inputs: {
          organizationId: new Reference(org, "id", id),
          ...(isGroup(node) ? { clientGroup: refOf(node) } : { client: refOf(node) }),
        },
        refusals: [],
      });
    }
  }
  return out;
};
