import { PolicyResource } from "@pulumi/policy";
import { lower, named, ofKind, peek, Settings, stackPolicy, UNKNOWN } from "./define";
import { kinds } from "./kinds";

export interface ProductionBackupSettings extends Settings {
  /** metadata.environment values (case-insensitive) that mark a registration as production. */
  productionEnvironments: string[];
}

export interface CrossResourcePolicySettings {
  "sfp-production-has-commvault-backup": ProductionBackupSettings;
}

export const crossResourceDefaults: CrossResourcePolicySettings = {
  "sfp-production-has-commvault-backup": {
    enforcementLevel: "advisory",
    productionEnvironments: ["production"],
  },
};

const known = (value: unknown) => (value === UNKNOWN ? undefined : lower(value));

function hostOf(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether a commvault.Organization backs up the org: same username, or an endpoint on the same instance. */
function backsUp(org: PolicyResource, username?: string, instance?: string): boolean {
  const account = peek(() => org.props.salesforceAccount);
  if (account === UNKNOWN || !account) return false;
  const userName = known(peek(() => account.userName));
  const endpoint = peek(() => account.endpoint);
  return (
    (username !== undefined && userName === username) ||
    (instance !== undefined && endpoint !== UNKNOWN && hostOf(endpoint) === instance)
  );
}

export function crossResourcePolicies(settings: CrossResourcePolicySettings) {
  return [
    stackPolicy({
      name: "sfp-production-has-commvault-backup",
      description:
        "Every production sfp registration has a commvault.Organization in the stack for the same Salesforce org.",
      settings: settings["sfp-production-has-commvault-backup"],
      validate: (resources, s, report) => {
        const production = new Set(s.productionEnvironments.map((e) => e.toLowerCase()));
        const orgs = ofKind(resources, kinds.commvaultOrganization);
        for (const reg of ofKind(resources, kinds.sfpRegistration)) {
          const environment = known(peek(() => reg.props.metadata?.environment));
          if (!environment || !production.has(environment)) continue;
          const username = known(peek(() => reg.props.username));
          const instanceUrl = peek(() => reg.props.instanceUrl);
          const instance = instanceUrl === UNKNOWN ? undefined : hostOf(instanceUrl);
          if (orgs.some((org) => backsUp(org, username, instance))) continue;
          const match = username
            ? `salesforceAccount.userName "${username}"`
            : instance
              ? `salesforceAccount.endpoint on ${instance}`
              : `salesforceAccount.userName equal to the registration's username (set username on the registration)`;
          report(
            `${named(reg)} is a production org (metadata.environment "${environment}") and no ` +
              `commvault.Organization in this stack backs it up. Add one with ${match}.`,
            reg.urn,
          );
        }
      },
    }),
  ];
}
