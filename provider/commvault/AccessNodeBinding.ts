import { kindClass } from "../core/kind";
import { bindingSpec as spec } from "./schema";
import type { AccessNodeBindingArgs, AccessNodeBindingOutputs } from "./types.generated";

const kind = { backend: "commvault", type: "AccessNodeBinding", spec };

/**
 * One access node (a server or a server group) in an organization's list, for organizations that do not
 * declare `accessNodes` themselves. The id is `<organizationId>/client/<id>` or `<organizationId>/clientGroup/<id>`.
 */
export const AccessNodeBinding = kindClass<AccessNodeBindingArgs, AccessNodeBindingOutputs>(kind);
export type AccessNodeBinding = InstanceType<typeof AccessNodeBinding>;
