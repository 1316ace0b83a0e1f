/** orgplane: Pulumi dynamic resources for the organizations a platform team runs. One namespace per backend. */
export * as sfp from "./sfp";
export * as commvault from "./commvault";
export * as biot from "./biot";
export * as iics from "./iics";
export * as salesforce from "./salesforce";
