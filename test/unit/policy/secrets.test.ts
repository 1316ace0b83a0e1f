import { ResourceValidationPolicy, Secret, unknownCheckingProxy } from "@pulumi/policy";
import { secretsPreservingProxy } from "@pulumi/policy/secret";
import { credentialInputs, isSecretAt } from "../../../policy/secrets";
import { kinds, policyNamed, resourceArgs, runValidation, UNKNOWN_VALUE } from "./harness";

const NAME = "orgplane-secret-credentials";

/** Strips Secret wrappers, as the SDK does for validateResource. */
const unwrap = (value: unknown): unknown =>
  value instanceof Secret
    ? unwrap(value.value)
    : Array.isArray(value)
      ? value.map(unwrap)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]))
        : value;

/**
 * One resource through the policy the way the engine drives it: Remediate first (props behind the SDK's own
 * secret-preserving and unknown-checking proxies, secrets as Secret instances), then Analyze (secrets unwrapped).
 */
async function check(
  policy: ResourceValidationPolicy,
  type: string,
  raw: Record<string, unknown>,
  name = "it",
) {
  const remediateArgs = resourceArgs(type, name, {});
  remediateArgs.props = unknownCheckingProxy(secretsPreservingProxy(raw));
  expect(await policy.remediateResource!(remediateArgs)).toBeUndefined();
  return runValidation(policy, resourceArgs(type, name, unwrap(raw) as Record<string, unknown>));
}

describe("isSecretAt", () => {
  test("finds a secret on the path or above it, through the SDK's proxies", () => {
    const raw = {
      sfdxAuthUrl: new Secret("force://x"),
      salesforceAccount: new Secret({ password: "p" }),
      admin: { password: "p" },
    };
    const props = unknownCheckingProxy(secretsPreservingProxy(raw));
    expect(isSecretAt(props, "sfdxAuthUrl")).toBe(true);
    expect(isSecretAt(props, "salesforceAccount.password")).toBe(true);
    expect(isSecretAt(props, "admin.password")).toBe(false);
    expect(isSecretAt(props, "connection")).toBe(false);
  });
});

describe(NAME, () => {
  test("runs at remediate by default: the only level where the SDK shows secretness", () => {
    expect(policyNamed(NAME).enforcementLevel).toBe("remediate");
  });

  test("passes when every given credential is a secret, at any level of the path", async () => {
    const policy = policyNamed(NAME) as ResourceValidationPolicy;
    const sfp = {
      sfdxAuthUrl: new Secret("force://a::b@h"),
      connection: new Secret({ url: "u", token: "t" }),
      username: "a@b.c",
    };
    expect(await check(policy, kinds.sfpRegistration, sfp)).toEqual([]);
    const commvault = {
      salesforceAccount: new Secret({ userName: "u", password: "p", consumerSecret: "c" }),
      syncDatabase: { enabled: true, password: new Secret("db") },
    };
    expect(await check(policy, kinds.commvaultOrganization, commvault)).toEqual([]);
    // Unknown and absent credentials are not judged.
    expect(
      await check(policy, kinds.iicsOrganization, { admin: { password: UNKNOWN_VALUE }, name: "x" }),
    ).toEqual([]);
    expect(await check(policy, kinds.sfpSandbox, { sandboxName: "uat" })).toEqual([]);
  });

  test("reports each credential passed as plain text", async () => {
    const policy = policyNamed(NAME) as ResourceValidationPolicy;
    const raw = {
      admin: { username: "a@acme.com", password: "hunter2" },
      connection: new Secret({ password: "p" }),
    };
    expect(await check(policy, kinds.iicsOrganization, raw, "sub")).toEqual([
      'iics.Organization "sub" passes admin.password as plain text, so it would be stored unencrypted. Wrap it in ' +
        "pulumi.secret(), or create the resource with orgplane's own class (it does this for you).",
    ]);
    const sfp = { sfdxAuthUrl: "force://a::b@h", connection: { url: "u", token: "t" } };
    const found = await check(policy, kinds.sfpRegistration, sfp, "prod");
    expect(found.map((m) => m.split(" as plain text")[0])).toEqual([
      'sfp.SalesforceOrgRegistration "prod" passes sfdxAuthUrl',
      'sfp.SalesforceOrgRegistration "prod" passes connection',
    ]);
  });

  test("without the remediation hook (advisory or mandatory level) it says it cannot tell, and how to fix that", async () => {
    const policy = policyNamed(NAME, { [NAME]: "mandatory" }) as ResourceValidationPolicy;
    expect(policy.enforcementLevel).toBe("mandatory");
    const args = resourceArgs(kinds.biotOrganization, "clinic", {
      connection: { url: "u", serviceSecretKey: "k" },
    });
    expect(await runValidation(policy, args)).toEqual([
      'biot.Organization "clinic": cannot tell whether connection is a Pulumi secret: @pulumi/policy shows ' +
        'secretness only to remediations. Run orgplane-secret-credentials at enforcementLevel "remediate" (its ' +
        "default; violations still fail as mandatory).",
    ]);
  });

  test("covers every orgplane kind", () => {
    expect(Object.keys(credentialInputs).sort()).toEqual(Object.values(kinds).sort());
    for (const paths of Object.values(credentialInputs)) expect(paths).toContain("connection");
  });
});
