import { PolicyResource, ResourceValidationPolicy, Secret, unknownCheckingProxy } from "@pulumi/policy";
import { secretsPreservingProxy } from "@pulumi/policy/secret";
import { defaultPolicySettings } from "../../../policy/policies";
import { documentedMessages } from "../../policy-docs";
import {
  kinds,
  policyNamed,
  resourceArgs,
  resourceViolations,
  runValidation,
  stackResource,
  stackViolations,
} from "./harness";

const cvOrg = (name: string, props: object = {}) =>
  stackResource(kinds.commvaultOrganization, name, { organizationName: name, ...props });
const binding = (name: string, org: PolicyResource) =>
  stackResource(kinds.commvaultBinding, name, {}, { organizationId: [org] });
const admin = (name: string) =>
  stackResource(kinds.salesforceUser, name, { profileName: "System Administrator" });
const backup = cvOrg("backup", { accessNodes: [{ clientName: "n1" }] });

/** For each policy, a resource (or stack) that breaks it the way policy/README.md's example message says. */
const examples: Record<string, () => Promise<string[]>> = {
  "sfp-no-skip-validation": () =>
    resourceViolations(
      "sfp-no-skip-validation",
      kinds.sfpRegistration,
      { skipValidation: true },
      { name: "prod" },
    ),
  "sfp-single-default-registration": async () =>
    (
      await stackViolations("sfp-single-default-registration", [
        stackResource(kinds.sfpRegistration, "second", { isDefault: true }),
        stackResource(kinds.sfpRegistration, "prod", { isDefault: true }),
      ])
    ).map((v) => v.message),
  "sfp-required-metadata": () =>
    resourceViolations(
      "sfp-required-metadata",
      kinds.sfpRegistration,
      { metadata: { environment: "production" } },
      { name: "prod" },
    ),
  "commvault-access-nodes-single-owner": async () =>
    (await stackViolations("commvault-access-nodes-single-owner", [backup, binding("node1", backup)])).map(
      (v) => v.message,
    ),
  "commvault-min-access-nodes": async () => {
    const thin = cvOrg("thin");
    return (await stackViolations("commvault-min-access-nodes", [thin, binding("node2", thin)])).map(
      (v) => v.message,
    );
  },
  "commvault-production-sync-database": () =>
    resourceViolations(
      "commvault-production-sync-database",
      kinds.commvaultOrganization,
      { salesforceAccount: { environment: "production" } },
      { name: "backup" },
    ),
  "commvault-force-delete-approval": () =>
    resourceViolations(
      "commvault-force-delete-approval",
      kinds.commvaultOrganization,
      { organizationName: "acme-prod", deletionPolicy: "forceDelete" },
      { name: "backup" },
    ),
  "salesforce-allowed-username-domains": () =>
    resourceViolations(
      "salesforce-allowed-username-domains",
      kinds.salesforceUser,
      { username: "ann@gmail.com" },
      { name: "ann", packConfig: { allowedDomains: ["acme.com"] } },
    ),
  "salesforce-max-admin-users": async () =>
    (await stackViolations("salesforce-max-admin-users", ["a", "b", "c", "d"].map(admin))).map(
      (v) => v.message,
    ),
  "salesforce-no-permission-sets-for-inactive-users": () =>
    resourceViolations(
      "salesforce-no-permission-sets-for-inactive-users",
      kinds.salesforceUser,
      { frozen: true, permissionSets: ["Ops"] },
      { name: "bob" },
    ),
  "biot-admin-mfa": () =>
    resourceViolations(
      "biot-admin-mfa",
      kinds.biotOrganization,
      { primaryAdministrator: { email: "a@b.c" } },
      { name: "clinic" },
    ),
  "biot-locale-and-timezone": () =>
    resourceViolations(
      "biot-locale-and-timezone",
      kinds.biotOrganization,
      { locale: "en-us" },
      { name: "clinic" },
    ),
  "iics-password-expiration": () =>
    resourceViolations(
      "iics-password-expiration",
      kinds.iicsOrganization,
      { passwordExpirationInDays: 0 },
      { name: "sub" },
    ),
  "iics-password-reuse": () =>
    resourceViolations("iics-password-reuse", kinds.iicsOrganization, {}, { name: "sub" }),
  "iics-error-emails": () =>
    resourceViolations("iics-error-emails", kinds.iicsOrganization, {}, { name: "sub" }),
  "orgplane-secret-credentials": async () => {
    const policy = policyNamed("orgplane-secret-credentials") as ResourceValidationPolicy;
    const raw = { sfdxAuthUrl: "force://a::b@h", connection: new Secret({ url: "u", token: "t" }) };
    const remediate = resourceArgs(kinds.sfpRegistration, "leaky", {});
    remediate.props = unknownCheckingProxy(secretsPreservingProxy(raw));
    await policy.remediateResource!(remediate);
    return runValidation(
      policy,
      resourceArgs(kinds.sfpRegistration, "leaky", { ...raw, connection: { url: "u", token: "t" } }),
    );
  },
  "sfp-production-has-commvault-backup": async () =>
    (
      await stackViolations("sfp-production-has-commvault-backup", [
        stackResource(kinds.sfpRegistration, "prod", {
          username: "ops@acme-policy.com",
          metadata: { environment: "production" },
        }),
      ])
    ).map((v) => v.message),
};

describe("policy/README.md's example messages are what the policies say", () => {
  const docs = documentedMessages();

  test("there is one example per policy", () => {
    expect(Object.keys(docs).sort()).toEqual(Object.keys(defaultPolicySettings).sort());
  });

  test.each(Object.keys(defaultPolicySettings))("%s", async (name) => {
    expect(await examples[name]()).toEqual([docs[name]]);
  });
});
