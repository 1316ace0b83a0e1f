import { kindClass } from "../core/kind";
import { organizationSpec as spec } from "./schema";
import type { OrganizationArgs, OrganizationOutputs } from "./types.generated";

const kind = { backend: "iics", type: "Organization", spec };

/**
 * An Informatica IICS sub-organization and its first administrator, registered under the parent org the
 * connection logs in to. The id is the org id. Org fields update in place; the admin is create-only (a change
 * fails the preview).
 * See provider/iics/README.md.
 */
export const Organization = kindClass<OrganizationArgs, OrganizationOutputs>(kind);
export type Organization = InstanceType<typeof Organization>;
