import type * as pulumi from "@pulumi/pulumi";
import { EMPLOYEE_RANGES as employeeRanges } from "./schema";
import type { OrganizationOutputs } from "./types.generated";

export { Organization } from "./Organization";
export type { OrganizationArgs, OrganizationOutputs } from "./types.generated";
export type { IicsConnection } from "./types.generated";
export { getOrganization, getParentOrganization, listSubOrganizations } from "./functions";
export type { IicsOrg } from "./client";
/** The `employees` ranges IICS accepts. */
export const EMPLOYEE_RANGES: readonly pulumi.Unwrap<OrganizationOutputs["employees"]>[] = employeeRanges;
export { getOrganizationOutput, getParentOrganizationOutput, listSubOrganizationsOutput } from "./functions";
