import { kindClass } from "../core/kind";
import { organizationSpec as spec } from "./schema";
import type { OrganizationArgs, OrganizationOutputs } from "./types.generated";

const kind = { backend: "biot", type: "Organization", spec };

/**
 * A BioT organization with its primary administrator. The id is the organization's uuid. Fields update in
 * place with PATCH; a template change replaces (delete first: names are unique); the administrator is
 * create-only. See provider/biot/README.md.
 */
export const Organization = kindClass<OrganizationArgs, OrganizationOutputs>(kind);
export type Organization = InstanceType<typeof Organization>;
