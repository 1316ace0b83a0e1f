import { providerStub } from "../../core/stub";

/** The provider stub of User, as this module's exports (see core/stub.ts). */
export = providerStub("orgplane/provider/salesforce/provider", "User");
