import { isBlank, named, ofKind, peek, resourcePolicy, Settings, stackPolicy, UNKNOWN } from "./define";
import { kinds } from "./kinds";

export interface RequiredMetadataSettings extends Settings {
  /** Metadata keys every SalesforceOrgRegistration must carry with a non-empty value. */
  requiredKeys: string[];
}

export interface SfpPolicySettings {
  "sfp-no-skip-validation": Settings;
  "sfp-single-default-registration": Settings;
  "sfp-required-metadata": RequiredMetadataSettings;
}

export const sfpDefaults: SfpPolicySettings = {
  "sfp-no-skip-validation": { enforcementLevel: "mandatory" },
  "sfp-single-default-registration": { enforcementLevel: "mandatory" },
  "sfp-required-metadata": { enforcementLevel: "advisory", requiredKeys: ["environment", "owner"] },
};

export function sfpPolicies(settings: SfpPolicySettings) {
  return [
    resourcePolicy({
      name: "sfp-no-skip-validation",
      description: "sfp registrations never skip the server's connection check.",
      settings: settings["sfp-no-skip-validation"],
      kinds: [kinds.sfpRegistration],
      validate: (r, _s, report) => {
        if (r.props.skipValidation === true)
          report(
            `${r.label} sets skipValidation: true, so the sfp server would register the org without checking ` +
              `its credentials. Remove skipValidation (or set it to false).`,
          );
      },
    }),

    stackPolicy({
      name: "sfp-single-default-registration",
      description: "At most one sfp registration per stack is the default DevHub (isDefault).",
      settings: settings["sfp-single-default-registration"],
      validate: (resources, _s, report) => {
        const defaults = ofKind(resources, kinds.sfpRegistration)
          .filter((r) => peek(() => r.props.isDefault) === true)
          .sort((a, b) => a.name.localeCompare(b.name));
        if (defaults.length > 1)
          report(
            `${defaults.length} sfp registrations set isDefault: true (${defaults.map(named).join(", ")}); the ` +
              `sfp server keeps one default DevHub. Set isDefault: true on one of them only.`,
          );
      },
    }),

    resourcePolicy({
      name: "sfp-required-metadata",
      description: "sfp registrations carry the metadata keys the pack config requires.",
      settings: settings["sfp-required-metadata"],
      kinds: [kinds.sfpRegistration],
      validate: (r, s, report) => {
        const metadata = peek(() => r.props.metadata);
        if (metadata === UNKNOWN) return;
        const missing = s.requiredKeys.filter((key) => isBlank(peek(() => metadata?.[key])));
        if (missing.length)
          report(
            `${r.label} lacks the metadata ${missing.map((k) => `"${k}"`).join(", ")}. Add ` +
              `${missing.length > 1 ? "them" : "it"} to metadata (required keys: ${s.requiredKeys.join(", ")}).`,
          );
      },
    }),
  ];
}
