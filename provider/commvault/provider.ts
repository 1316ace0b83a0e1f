import { schemaProvider } from "../core";
import { bindingOps } from "./bindingOps";
import { organizationOps } from "./organizationOps";
import { bindingSpec, BindingInputs, organizationSpec, OrganizationInputs } from "./schema";

/** The dynamic providers the stubs in state load by package name (orgplane/provider/commvault/provider). */
export const providers = {
  Organization: schemaProvider<OrganizationInputs>(organizationSpec, organizationOps),
  AccessNodeBinding: schemaProvider<BindingInputs>(bindingSpec, bindingOps),
};
