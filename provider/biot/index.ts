export { Organization } from "./Organization";
export type { OrganizationArgs, OrganizationInputs } from "./Organization";
export { searchOrganizations, listOrganizations, getOrganization, findOrganizationByName } from "./functions";
export type { BiotOrganization, BiotSearchRequest, BiotSearchResponse } from "./client";
export type { BiotConnection } from "./schema";
export {
  searchOrganizationsOutput,
  listOrganizationsOutput,
  getOrganizationOutput,
  findOrganizationByNameOutput,
} from "./functions";
