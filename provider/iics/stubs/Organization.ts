import { providerStub } from "../../core/stub";

/** The provider stub of Organization, as this module's exports (see core/stub.ts). */
export = providerStub("orgplane/provider/iics/provider", "Organization");
