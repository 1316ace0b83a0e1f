import {
  isBlank,
  lower,
  named,
  ofKind,
  peek,
  resourcePolicy,
  Settings,
  stackPolicy,
  UNKNOWN,
} from "./define";
import { kinds } from "./kinds";

export interface AllowedDomainsSettings extends Settings {
  /** Domains usernames may come from (subdomains included). Empty: the policy does not apply. */
  allowedDomains: string[];
}

export interface MaxAdminsSettings extends Settings {
  /** Active users per stack allowed on an admin profile. */
  maximum: number;
  /** Profiles that count as admin, by profileName or profileId (names compare case-insensitively). */
  adminProfiles: string[];
}

export interface SalesforcePolicySettings {
  "salesforce-allowed-username-domains": AllowedDomainsSettings;
  "salesforce-max-admin-users": MaxAdminsSettings;
  "salesforce-no-permission-sets-for-inactive-users": Settings;
}

export const salesforceDefaults: SalesforcePolicySettings = {
  "salesforce-allowed-username-domains": { enforcementLevel: "mandatory", allowedDomains: [] },
  "salesforce-max-admin-users": {
    enforcementLevel: "mandatory",
    maximum: 3,
    adminProfiles: ["System Administrator"],
  },
  "salesforce-no-permission-sets-for-inactive-users": { enforcementLevel: "advisory" },
};

/** `ops@acme.com` is in acme.com; so is `ops@eu.acme.com`; `ops@notacme.com` is not. */
export function inDomain(username: string, domain: string): boolean {
  const host = username.slice(username.lastIndexOf("@") + 1).toLowerCase();
  const wanted = domain.toLowerCase().replace(/^@/, "");
  return host === wanted || host.endsWith(`.${wanted}`);
}

export function salesforcePolicies(settings: SalesforcePolicySettings) {
  return [
    resourcePolicy({
      name: "salesforce-allowed-username-domains",
      description: "Salesforce usernames come from the allowed domains.",
      settings: settings["salesforce-allowed-username-domains"],
      kinds: [kinds.salesforceUser],
      validate: (r, s, report) => {
        if (!s.allowedDomains.length) return;
        const username = r.props.username;
        if (typeof username !== "string" || s.allowedDomains.some((d) => inDomain(username, d))) return;
        report(
          `${r.label} has username "${username}", outside the allowed domains (${s.allowedDomains.join(", ")}). ` +
            `Use a username in one of them, or add its domain to allowedDomains in this policy's config.`,
        );
      },
    }),

    stackPolicy({
      name: "salesforce-max-admin-users",
      description: "A stack puts at most a configured number of active users on admin profiles.",
      settings: settings["salesforce-max-admin-users"],
      validate: (resources, s, report) => {
        const admins = new Set(s.adminProfiles.map((p) => p.toLowerCase()));
        const isAdmin = (profile: unknown) =>
          profile !== UNKNOWN && !isBlank(profile) && admins.has(lower(profile)!);
        const users = ofKind(resources, kinds.salesforceUser).filter(
          (u) =>
            peek(() => u.props.active) !== false &&
            (isAdmin(peek(() => u.props.profileName)) || isAdmin(peek(() => u.props.profileId))),
        );
        if (users.length <= s.maximum) return;
        report(
          `${users.length} active Salesforce users are on admin profiles (${users.map(named).join(", ")}); ` +
            `the limit is ${s.maximum}. Move some to a less privileged profile, or raise maximum in this ` +
            `policy's config.`,
        );
      },
    }),

    resourcePolicy({
      name: "salesforce-no-permission-sets-for-inactive-users",
      description: "Inactive or frozen Salesforce users are not given permission sets.",
      settings: settings["salesforce-no-permission-sets-for-inactive-users"],
      kinds: [kinds.salesforceUser],
      validate: (r, _s, report) => {
        const sets = r.props.permissionSets;
        if (!Array.isArray(sets) || !sets.length) return;
        const state = [r.props.active === false && "inactive", r.props.frozen === true && "frozen"].filter(
          Boolean,
        );
        if (!state.length) return;
        report(
          `${r.label} is ${state.join(" and ")} but is given permission sets (${sets.join(", ")}). Remove ` +
            `permissionSets, or reactivate the user.`,
        );
      },
    }),
  ];
}
