export { Organization } from "./Organization";
export { AccessNodeBinding } from "./AccessNodeBinding";
export type {
  OrganizationArgs,
  OrganizationOutputs,
  AccessNodeBindingArgs,
  AccessNodeBindingOutputs,
  AccessNode,
  CommvaultConnection,
} from "./types.generated";
export {
  listPlans,
  getPlan,
  listCompanies,
  getCompany,
  listClients,
  getClient,
  listClientGroups,
  getClientGroup,
  listOrganizations,
  getOrganization,
} from "./functions";
export type { LookupOptions } from "./functions";
export type { ClientEntity, ClientGroup, Company, Plan, SalesforceOrgSummary } from "./client";
export {
  listPlansOutput,
  getPlanOutput,
  listCompaniesOutput,
  getCompanyOutput,
  listClientsOutput,
  getClientOutput,
  listClientGroupsOutput,
  getClientGroupOutput,
  listOrganizationsOutput,
  getOrganizationOutput,
} from "./functions";
