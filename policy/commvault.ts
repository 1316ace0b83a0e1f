import { PolicyResource } from "@pulumi/policy";
import { isBlank, named, ofKind, peek, resourcePolicy, Settings, stackPolicy, UNKNOWN } from "./define";
import { kinds } from "./kinds";

export interface MinAccessNodesSettings extends Settings {
  /** Access nodes each organization needs, inline and bound together. */
  minimum: number;
}

export interface ForceDeleteSettings extends Settings {
  /** Approves deletionPolicy: forceDelete for every organization. */
  allowForceDelete: boolean;
  /** organizationName values approved for deletionPolicy: forceDelete. */
  approvedOrganizations: string[];
}

export interface CommvaultPolicySettings {
  "commvault-access-nodes-single-owner": Settings;
  "commvault-min-access-nodes": MinAccessNodesSettings;
  "commvault-production-sync-database": Settings;
  "commvault-force-delete-approval": ForceDeleteSettings;
}

export const commvaultDefaults: CommvaultPolicySettings = {
  "commvault-access-nodes-single-owner": { enforcementLevel: "mandatory" },
  "commvault-min-access-nodes": { enforcementLevel: "advisory", minimum: 2 },
  "commvault-production-sync-database": { enforcementLevel: "advisory" },
  "commvault-force-delete-approval": {
    enforcementLevel: "mandatory",
    allowForceDelete: false,
    approvedOrganizations: [],
  },
};

/**
 * The AccessNodeBindings of an organization: those whose organizationId depends on it (a new organization's id
 * is unknown in a preview), or equals its clientId output.
 */
export function bindingsOf(org: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
  const clientId = peek(() => org.props.clientId);
  return ofKind(resources, kinds.commvaultBinding).filter((binding) => {
    const deps = binding.propertyDependencies?.organizationId ?? [];
    if (deps.some((dep) => dep.urn === org.urn)) return true;
    const organizationId = peek(() => binding.props.organizationId);
    return (
      clientId !== UNKNOWN &&
      organizationId !== UNKNOWN &&
      !isBlank(clientId) &&
      String(organizationId) === String(clientId)
    );
  });
}

const names = (resources: PolicyResource[]) => resources.map((r) => `"${r.name}"`).join(", ");
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function commvaultPolicies(settings: CommvaultPolicySettings) {
  return [
    stackPolicy({
      name: "commvault-access-nodes-single-owner",
      description:
        "An organization's access nodes come from its accessNodes list or from bindings, never both.",
      settings: settings["commvault-access-nodes-single-owner"],
      validate: (resources, _s, report) => {
        for (const org of ofKind(resources, kinds.commvaultOrganization)) {
          const inline = peek(() => org.props.accessNodes);
          const bindings = bindingsOf(org, resources);
          if (isBlank(inline) || !bindings.length) continue;
          report(
            `${named(org)} lists accessNodes and also has AccessNodeBindings (${names(bindings)}): the list ` +
              `owns all of the organization's nodes and would remove the bound ones. Declare the nodes in one ` +
              `place: drop accessNodes, or drop the bindings.`,
            org.urn,
          );
        }
      },
    }),

    stackPolicy({
      name: "commvault-min-access-nodes",
      description: "Each organization has enough access nodes, counting inline accessNodes and bindings.",
      settings: settings["commvault-min-access-nodes"],
      validate: (resources, s, report) => {
        for (const org of ofKind(resources, kinds.commvaultOrganization)) {
          const inline = peek(() => org.props.accessNodes);
          if (inline === UNKNOWN) continue;
          const count = (Array.isArray(inline) ? inline.length : 0) + bindingsOf(org, resources).length;
          if (count < s.minimum)
            report(
              `${named(org)} has ${plural(count, "access node")} (accessNodes plus AccessNodeBindings); at least ` +
                `${s.minimum} keep its backups running when a node is down. Add access nodes or bindings.`,
              org.urn,
            );
        }
      },
    }),

    resourcePolicy({
      name: "commvault-production-sync-database",
      description: "Organizations that back up a production Salesforce org have syncDatabase enabled.",
      settings: settings["commvault-production-sync-database"],
      kinds: [kinds.commvaultOrganization],
      validate: (r, _s, report) => {
        const account = r.props.salesforceAccount;
        if (!account || (account.environment ?? "production") !== "production") return; // production is the default
        const sync = r.props.syncDatabase; // its enabled defaults to true
        if (!sync || sync.enabled === false)
          report(
            `${r.label} backs up a production Salesforce org without an enabled sync database. Set ` +
              `syncDatabase (type, host, port, name, userName, password), and leave enabled unset or true.`,
          );
      },
    }),

    resourcePolicy({
      name: "commvault-force-delete-approval",
      description: "deletionPolicy: forceDelete (which destroys backup data) is approved in the pack config.",
      settings: settings["commvault-force-delete-approval"],
      kinds: [kinds.commvaultOrganization],
      validate: (r, s, report) => {
        if (r.props.deletionPolicy !== "forceDelete" || s.allowForceDelete) return;
        const organizationName = r.props.organizationName;
        if (s.approvedOrganizations.includes(organizationName)) return;
        report(
          `${r.label} has deletionPolicy: forceDelete, which destroys its backup data when it is deleted. ` +
            `Approve it by adding "${organizationName}" to approvedOrganizations in this policy's config, or ` +
            `use deletionPolicy: retire.`,
        );
      },
    }),
  ];
}
