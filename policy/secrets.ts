import { ResourceValidationArgs, ResourceValidationPolicy, Secret } from "@pulumi/policy";
import { getPath } from "../provider/core/schema";
import { isBlank, peek, Settings, subject, UNKNOWN } from "./define";
import { kinds } from "./kinds";

/** The credential-bearing inputs of each kind (every kind's `connection` holds a token or password). */
export const credentialInputs: Record<string, readonly string[]> = {
  [kinds.sfpRegistration]: ["sfdxAuthUrl", "connection"],
  [kinds.sfpSandbox]: ["connection"],
  [kinds.commvaultOrganization]: [
    "salesforceAccount.password",
    "salesforceAccount.consumerSecret",
    "salesforceAccount.token",
    "syncDatabase.password",
    "connection",
  ],
  [kinds.commvaultBinding]: ["connection"],
  [kinds.salesforceUser]: ["connection"],
  [kinds.biotOrganization]: ["connection"],
  [kinds.iicsOrganization]: ["admin.password", "connection"],
};

export interface SecretsPolicySettings {
  "orgplane-secret-credentials": Settings;
}

/** "remediate": the only level at which @pulumi/policy shows secretness (violations still report as mandatory). */
export const secretsDefaults: SecretsPolicySettings = {
  "orgplane-secret-credentials": { enforcementLevel: "remediate" },
};

/**
 * Whether the input at `path` was a Pulumi secret. Remediations get props whose proxy targets keep the engine's
 * secrets as `Secret` instances; property descriptors reach those targets (the proxies have no descriptor trap).
 * A secret anywhere on the path counts: orgplane's classes wrap a whole `connection`, or one field of a mixed object.
 */
export function isSecretAt(props: object, path: string): boolean {
  let current: unknown = props;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return false;
    current = Object.getOwnPropertyDescriptor(current, key)?.value;
    if (current instanceof Secret) return true;
  }
  return false;
}

/** The credential inputs of a resource that hold a known, non-empty value. */
function givenCredentials(args: Pick<ResourceValidationArgs, "type" | "props">): string[] {
  return (credentialInputs[args.type] ?? []).filter((path) => {
    const value = peek(() => getPath(args.props, path));
    return value !== UNKNOWN && !isBlank(value);
  });
}

export function secretsPolicy(
  settings: SecretsPolicySettings["orgplane-secret-credentials"],
): ResourceValidationPolicy {
  // What the remediation hook saw, by URN: the engine calls it just before it validates the same resource.
  const plaintextByUrn = new Map<string, string[]>();
  return {
    name: "orgplane-secret-credentials",
    description: "Every credential-bearing input of an orgplane resource is a Pulumi secret.",
    enforcementLevel: settings.enforcementLevel,
    remediateResource: (args) => {
      const given = givenCredentials(args);
      if (given.length)
        plaintextByUrn.set(
          args.urn,
          given.filter((path) => !isSecretAt(args.props, path)),
        );
      return undefined; // observe only: never rewrites inputs
    },
    validateResource: (args, reportViolation) => {
      const given = givenCredentials(args);
      if (!given.length) return;
      const r = subject(args);
      const plaintext = plaintextByUrn.get(args.urn);
      if (!plaintext) {
        reportViolation(
          `${r.label}: cannot tell whether ${given.join(", ")} ${given.length > 1 ? "are" : "is a"} Pulumi ` +
            `secret${given.length > 1 ? "s" : ""}: @pulumi/policy shows secretness only to remediations. Run ` +
            `orgplane-secret-credentials at enforcementLevel "remediate" (its default; violations still fail ` +
            `as mandatory).`,
        );
        return;
      }
      for (const path of plaintext.filter((p) => given.includes(p)))
        reportViolation(
          `${r.label} passes ${path} as plain text, so it would be stored unencrypted. Wrap it in ` +
            `pulumi.secret(), or create the resource with orgplane's own class (it does this for you).`,
        );
    },
  };
}
