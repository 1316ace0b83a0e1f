import { providerStub } from "../../core/stub";

/** The provider stub of SalesforceOrgRegistration, as this module's exports (see core/stub.ts). */
export = providerStub("orgplane/provider/sfp/provider", "SalesforceOrgRegistration");
