import { providerStub } from "../../core/stub";

/** The provider stub of AccessNodeBinding, as this module's exports (see core/stub.ts). */
export = providerStub("orgplane/provider/commvault/provider", "AccessNodeBinding");
