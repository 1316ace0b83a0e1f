import { State } from "../core";
import { SfpOrg } from "./client";
import { RegistrationInputs } from "./schema";

/** The outputs a registration reports, in state form (absent values dropped). */
export function stateOf(org: SfpOrg, createdAt?: unknown): State {
  const out: State = {
    username: org.username,
    instanceUrl: org.instanceUrl,
    orgId: org.orgId,
    organizationType: org.organizationType,
    instanceName: org.instanceName,
    isJitRegistration: org.isJitRegistration ?? false,
    parentProductionUsername: org.parentProductionUsername,
    isDevHub: org.isDevHub ?? false,
    isDefault: org.isDefault ?? false,
    metadata: org.metadata ?? {},
    createdAt: org.createdAt ?? createdAt,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export function registerBody(inputs: RegistrationInputs) {
  return {
    sfdxAuthUrl: inputs.sfdxAuthUrl,
    username: inputs.username,
    instanceUrl: inputs.instanceUrl,
    isDevHub: inputs.isDevHub,
    isDefault: inputs.isDefault,
    metadata: inputs.metadata,
    ...(inputs.skipValidation ? { skipValidation: true } : {}),
  };
}
