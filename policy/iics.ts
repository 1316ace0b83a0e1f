import { isBlank, resourcePolicy, Settings } from "./define";
import { kinds } from "./kinds";

export interface PasswordExpirationSettings extends Settings {
  /** The longest allowed passwordExpirationInDays (0, never expiring, is refused too). */
  maximumDays: number;
}

export interface PasswordReuseSettings extends Settings {
  /** The smallest allowed passwordReuseInDays. */
  minimumDays: number;
}

export interface IicsPolicySettings {
  "iics-password-expiration": PasswordExpirationSettings;
  "iics-password-reuse": PasswordReuseSettings;
  "iics-error-emails": Settings;
}

export const iicsDefaults: IicsPolicySettings = {
  "iics-password-expiration": { enforcementLevel: "mandatory", maximumDays: 90 },
  "iics-password-reuse": { enforcementLevel: "mandatory", minimumDays: 90 },
  "iics-error-emails": { enforcementLevel: "advisory" },
};

export function iicsPolicies(settings: IicsPolicySettings) {
  return [
    resourcePolicy({
      name: "iics-password-expiration",
      description: "IICS organizations expire passwords: passwordExpirationInDays is set, not 0, and small.",
      settings: settings["iics-password-expiration"],
      kinds: [kinds.iicsOrganization],
      validate: (r, s, report) => {
        const days = r.props.passwordExpirationInDays;
        const fix = `Set passwordExpirationInDays between 1 and ${s.maximumDays}.`;
        if (typeof days !== "number") report(`${r.label} does not set passwordExpirationInDays. ${fix}`);
        else if (days === 0)
          report(`${r.label} has passwordExpirationInDays: 0, so passwords never expire. ${fix}`);
        else if (days > s.maximumDays)
          report(`${r.label} has passwordExpirationInDays: ${days}, above ${s.maximumDays}. ${fix}`);
      },
    }),

    resourcePolicy({
      name: "iics-password-reuse",
      description: "IICS organizations keep old passwords from being reused for a minimum number of days.",
      settings: settings["iics-password-reuse"],
      kinds: [kinds.iicsOrganization],
      validate: (r, s, report) => {
        const days = r.props.passwordReuseInDays;
        if (typeof days === "number" && days >= s.minimumDays) return;
        const now =
          typeof days === "number" ? `has passwordReuseInDays: ${days}` : "does not set passwordReuseInDays";
        report(`${r.label} ${now}. Set passwordReuseInDays to at least ${s.minimumDays}.`);
      },
    }),

    resourcePolicy({
      name: "iics-error-emails",
      description: "IICS organizations name a recipient for error notifications (errorEmails).",
      settings: settings["iics-error-emails"],
      kinds: [kinds.iicsOrganization],
      validate: (r, _s, report) => {
        const emails = r.props.errorEmails;
        const empty = Array.isArray(emails) ? !emails.some((e) => !isBlank(e)) : isBlank(emails);
        if (empty)
          report(`${r.label} has no errorEmails recipient, so failed jobs alert no one. Set errorEmails.`);
      },
    }),
  ];
}
