export { Organization } from "./Organization";
export type { OrganizationArgs } from "./Organization";
export { getOrganization, getParentOrganization, listSubOrganizations } from "./functions";
export type { IicsOrg } from "./client";
export { EMPLOYEE_RANGES } from "./schema";
export { getOrganizationOutput, getParentOrganizationOutput, listSubOrganizationsOutput } from "./functions";
