import { biotOrganization } from "./biot";
import { commvaultOrganization } from "./commvault";
import { iicsOrganization } from "./iics";
import { salesforceUser } from "./salesforce";
import { sfpRegistration } from "./sfp";
import { sfpSandbox } from "./sfp-sandbox";
import { KindFixture } from "./types";

export * from "./types";

/** Every kind the cross-kind suites cover. */
export const kindFixtures: KindFixture[] = [
  sfpRegistration,
  sfpSandbox,
  commvaultOrganization,
  biotOrganization,
  iicsOrganization,
  salesforceUser,
];
