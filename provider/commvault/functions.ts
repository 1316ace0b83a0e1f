import { outputForm } from "../core/invoke";
import { ClientEntity, ClientGroup, CommvaultClient, Company, Plan, SalesforceOrgSummary } from "./client";
import type { AccessNode, CommvaultConnection } from "./types.generated";
import { memberServers } from "./wire";

/**
 * Lookups on Commvault. Dynamic providers have no invoke, so these are plain async functions that run in the
 * program. `connection` defaults to COMMVAULT_URL with COMMVAULT_TOKEN or COMMVAULT_USERNAME/COMMVAULT_PASSWORD.
 */
export interface LookupOptions {
  connection?: CommvaultConnection;
}

const clientFor = (options: LookupOptions) => CommvaultClient.for(options.connection);

export function listPlans(options: LookupOptions = {}): Promise<Plan[]> {
  return clientFor(options).listPlans();
}

/** A plan by id or by name (exact, case-insensitive), or undefined. */
export function getPlan(
  args: ({ planId: number } | { planName: string }) & LookupOptions,
): Promise<Plan | undefined> {
  const client = clientFor(args);
  return "planId" in args ? client.getPlan(args.planId) : client.findPlan(args.planName);
}

/** Companies (tenants); the CommCell itself is companyId 0 and is not listed. */
export function listCompanies(options: LookupOptions = {}): Promise<Company[]> {
  return clientFor(options).listCompanies();
}

export async function getCompany(
  args: ({ companyId: number } | { companyName: string }) & LookupOptions,
): Promise<Company | undefined> {
  const client = clientFor(args);
  if ("companyName" in args) return client.findCompany(args.companyName);
  return (await client.listCompanies()).find((c) => c.companyId === args.companyId);
}

/** Clients (servers and pseudo-clients); `cloudAppsOnly` lists the Cloud Apps pseudo-clients only. */
export function listClients(args: { cloudAppsOnly?: boolean } & LookupOptions = {}): Promise<ClientEntity[]> {
  return clientFor(args).listClients(args.cloudAppsOnly ?? false);
}

export function getClient(
  args: ({ clientId: number } | { clientName: string }) & LookupOptions,
): Promise<ClientEntity | undefined> {
  const client = clientFor(args);
  return "clientId" in args ? client.getClient(args.clientId) : client.findClient(args.clientName);
}

/** Client (server) groups, which can serve as access nodes. */
export function listClientGroups(options: LookupOptions = {}): Promise<ClientGroup[]> {
  return clientFor(options).listClientGroups();
}

export function getClientGroup(
  args: ({ clientGroupId: number } | { clientGroupName: string }) & LookupOptions,
): Promise<ClientGroup | undefined> {
  const client = clientFor(args);
  return "clientGroupId" in args
    ? client.getClientGroup(args.clientGroupId)
    : client.findClientGroup(args.clientGroupName);
}

/** Salesforce organizations with the ids Modify needs. */
export function listOrganizations(options: LookupOptions = {}): Promise<SalesforceOrgSummary[]> {
  return clientFor(options).listOrganizations();
}

/** One Salesforce organization by name or clientId, with its current access nodes, or undefined. */
export async function getOrganization(
  args: ({ organizationName: string } | { clientId: number }) & LookupOptions,
): Promise<(SalesforceOrgSummary & { memberServers: AccessNode[] }) | undefined> {
  const client = clientFor(args);
  const all = await client.listOrganizations();
  const org =
    "clientId" in args
      ? all.find((o) => o.clientId === args.clientId)
      : all.find((o) => o.clientName.toLowerCase() === args.organizationName.toLowerCase());
  if (!org) return undefined;
  const instance = await client.getInstance(org.clientId);
  return { ...org, memberServers: instance ? memberServers(instance) : [] };
}

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
