import { outputForm } from "../core/invoke";
import { lookupsOf } from "../core/lookup-args";
import { ClientEntity, ClientGroup, CommvaultClient, Company, Plan, SalesforceOrgSummary } from "./client";
import { lookups } from "./schema";
import type { AccessNode, CommvaultConnection } from "./types.generated";
import { memberServers } from "./wire";

/**
 * Lookups on Commvault. Dynamic providers have no invoke, so these are plain async functions that run in the
 * program. `connection` defaults to COMMVAULT_URL with COMMVAULT_TOKEN or COMMVAULT_USERNAME/COMMVAULT_PASSWORD.
 * Arguments are checked (schema.ts `lookups`) before any call.
 */
export interface LookupOptions {
  connection?: CommvaultConnection;
}

const checked = lookupsOf("commvault", lookups);
const clientFor = (options: LookupOptions) => CommvaultClient.for(options.connection);

export const listPlans = checked("listPlans", (options: LookupOptions = {}): Promise<Plan[]> =>
  clientFor(options).listPlans(),
);

/** A plan by id or by name (exact, case-insensitive), or undefined. */
export const getPlan = checked(
  "getPlan",
  (args: ({ planId: number } | { planName: string }) & LookupOptions): Promise<Plan | undefined> => {
    const client = clientFor(args);
    return "planId" in args ? client.getPlan(args.planId) : client.findPlan(args.planName);
  },
);

/** Companies (tenants); the CommCell itself is companyId 0 and is not listed. */
export const listCompanies = checked("listCompanies", (options: LookupOptions = {}): Promise<Company[]> =>
  clientFor(options).listCompanies(),
);

export const getCompany = checked(
  "getCompany",
  async (
    args: ({ companyId: number } | { companyName: string }) & LookupOptions,
  ): Promise<Company | undefined> => {
    const client = clientFor(args);
    if ("companyName" in args) return client.findCompany(args.companyName);
    return (await client.listCompanies()).find((c) => c.companyId === args.companyId);
  },
);

/** Clients (servers and pseudo-clients); `cloudAppsOnly` lists the Cloud Apps pseudo-clients only. */
export const listClients = checked(
  "listClients",
  (args: { cloudAppsOnly?: boolean } & LookupOptions = {}): Promise<ClientEntity[]> =>
    clientFor(args).listClients(args.cloudAppsOnly ?? false),
);

export const getClient = checked(
  "getClient",
  (
    args: ({ clientId: number } | { clientName: string }) & LookupOptions,
  ): Promise<ClientEntity | undefined> => {
    const client = clientFor(args);
    return "clientId" in args ? client.getClient(args.clientId) : client.findClient(args.clientName);
  },
);

/** Client (server) groups, which can serve as access nodes. */
export const listClientGroups = checked(
  "listClientGroups",
  (options: LookupOptions = {}): Promise<ClientGroup[]> => clientFor(options).listClientGroups(),
);

export const getClientGroup = checked(
  "getClientGroup",
  (
    args: ({ clientGroupId: number } | { clientGroupName: string }) & LookupOptions,
  ): Promise<ClientGroup | undefined> => {
    const client = clientFor(args);
    return "clientGroupId" in args
      ? client.getClientGroup(args.clientGroupId)
      : client.findClientGroup(args.clientGroupName);
  },
);

/** Salesforce organizations with the ids Modify needs. */
export const listOrganizations = checked(
  "listOrganizations",
  (options: LookupOptions = {}): Promise<SalesforceOrgSummary[]> => clientFor(options).listOrganizations(),
);

/** One Salesforce organization by name or clientId, with its current access nodes, or undefined. */
export const getOrganization = checked(
  "getOrganization",
  async (
    args: ({ organizationName: string } | { clientId: number }) & LookupOptions,
  ): Promise<(SalesforceOrgSummary & { memberServers: AccessNode[] }) | undefined> => {
    const client = clientFor(args);
    const all = await client.listOrganizations();
    const org =
      "clientId" in args
        ? all.find((o) => o.clientId === args.clientId)
        : all.find((o) => o.clientName.toLowerCase() === args.organizationName.toLowerCase());
    if (!org) return undefined;
    const instance = await client.getInstance(org.clientId);
    return { ...org, memberServers: instance ? memberServers(instance) : [] };
  },
);

// The `...Output` forms: Inputs in, an Output out (core outputForm).
export const listPlansOutput = outputForm(listPlans);
export const getPlanOutput = outputForm(getPlan);
export const listCompaniesOutput = outputForm(listCompanies);
export const getCompanyOutput = outputForm(getCompany);
export const listClientsOutput = outputForm(listClients);
export const getClientOutput = outputForm(getClient);
export const listClientGroupsOutput = outputForm(listClientGroups);
export const getClientGroupOutput = outputForm(getClientGroup);
export const listOrganizationsOutput = outputForm(listOrganizations);
export const getOrganizationOutput = outputForm(getOrganization);
