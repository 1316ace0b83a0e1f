export { Organization } from "./Organization";
export type { OrganizationArgs, OrganizationOutputs } from "./types.generated";
export { searchOrganizations, listOrganizations, getOrganization, findOrganizationByName } from "./functions";
export type { BiotOrganization, BiotSearchRequest, BiotSearchResponse } from "./client";
export type { BiotConnection } from "./types.generated";
export {
  searchOrganizationsOutput,
  listOrganizationsOutput,
  getOrganizationOutput,
  findOrganizationByNameOutput,
} from "./functions";
