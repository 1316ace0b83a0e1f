import { biotOrganization } from "./biot";
import { commvaultOrganization } from "./commvault";
import { sfpRegistration } from "./sfp";
import { KindFixture } from "./types";

export * from "./types";

/** Every kind the cross-kind suites cover. */
export const kindFixtures: KindFixture[] = [sfpRegistration, commvaultOrganization, biotOrganization];
