import { isBlank, resourcePolicy, Settings } from "./define";
import { kinds } from "./kinds";

export interface BiotPolicySettings {
  "biot-admin-mfa": Settings;
  "biot-locale-and-timezone": Settings;
}

export const biotDefaults: BiotPolicySettings = {
  "biot-admin-mfa": { enforcementLevel: "mandatory" },
  "biot-locale-and-timezone": { enforcementLevel: "advisory" },
};

export function biotPolicies(settings: BiotPolicySettings) {
  return [
    resourcePolicy({
      name: "biot-admin-mfa",
      description: "A BioT organization's primary administrator has MFA enabled.",
      settings: settings["biot-admin-mfa"],
      kinds: [kinds.biotOrganization],
      validate: (r, _s, report) => {
        if (r.props.primaryAdministrator?.mfa?.enabled !== true)
          report(
            `${r.label} has a primary administrator without MFA. Set primaryAdministrator.mfa.enabled: true ` +
              `(the template default applies when it is omitted).`,
          );
      },
    }),

    resourcePolicy({
      name: "biot-locale-and-timezone",
      description: "A BioT organization sets its locale and timezone.",
      settings: settings["biot-locale-and-timezone"],
      kinds: [kinds.biotOrganization],
      validate: (r, _s, report) => {
        const missing = ["locale", "timezone"].filter((key) => isBlank(r.props[key]));
        if (missing.length)
          report(
            `${r.label} does not set ${missing.join(" or ")}. Set locale (like "en-us") and timezone ` +
              `(an IANA zone like "Europe/Oslo").`,
          );
      },
    }),
  ];
}
