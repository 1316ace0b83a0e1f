import { EnforcementLevel, Policies } from "@pulumi/policy";
import { biotDefaults, biotPolicies, BiotPolicySettings } from "./biot";
import { commvaultDefaults, commvaultPolicies, CommvaultPolicySettings } from "./commvault";
import { crossResourceDefaults, crossResourcePolicies, CrossResourcePolicySettings } from "./crossResource";
import { iicsDefaults, iicsPolicies, IicsPolicySettings } from "./iics";
import { salesforceDefaults, salesforcePolicies, SalesforcePolicySettings } from "./salesforce";
import { secretsDefaults, secretsPolicy, SecretsPolicySettings } from "./secrets";
import { sfpDefaults, sfpPolicies, SfpPolicySettings } from "./sfp";

/** Every orgplane policy's settings, by policy name. */
export type OrgplanePolicySettings = SfpPolicySettings &
  CommvaultPolicySettings &
  SalesforcePolicySettings &
  BiotPolicySettings &
  IicsPolicySettings &
  SecretsPolicySettings &
  CrossResourcePolicySettings;

export type OrgplanePolicyName = keyof OrgplanePolicySettings;

/**
 * What a pack that composes orgplane's policies may change: per policy, an enforcement level alone or some of its
 * settings. The same shape as a `--policy-pack-config` file.
 */
export type OrgplanePolicyConfig = {
  [K in OrgplanePolicyName]?: EnforcementLevel | Partial<OrgplanePolicySettings[K]>;
};

export const defaultPolicySettings: OrgplanePolicySettings = {
  ...sfpDefaults,
  ...commvaultDefaults,
  ...salesforceDefaults,
  ...biotDefaults,
  ...iicsDefaults,
  ...secretsDefaults,
  ...crossResourceDefaults,
};

export function resolvePolicySettings(config: OrgplanePolicyConfig = {}): OrgplanePolicySettings {
  const settings = { ...defaultPolicySettings } as Record<string, object>;
  for (const [name, value] of Object.entries(config)) {
    if (!(name in settings)) throw new Error(`orgplane policy config: unknown policy "${name}"`);
    if (value === undefined) continue;
    settings[name] = {
      ...settings[name],
      ...(typeof value === "string" ? { enforcementLevel: value } : value),
    };
  }
  return settings as unknown as OrgplanePolicySettings;
}

/** orgplane's policies, built from a config (defaults for anything it leaves out). */
export function orgplanePolicies(config: OrgplanePolicyConfig = {}): Policies {
  const settings = resolvePolicySettings(config);
  return [
    ...sfpPolicies(settings),
    ...commvaultPolicies(settings),
    ...salesforcePolicies(settings),
    ...biotPolicies(settings),
    ...iicsPolicies(settings),
    secretsPolicy(settings["orgplane-secret-credentials"]),
    ...crossResourcePolicies(settings),
  ];
}

/** The policies with their default settings. */
export const policies: Policies = orgplanePolicies();

export { credentialInputs } from "./secrets";
export { kinds } from "./kinds";
