import { kinds, stackResource, stackViolations, UNKNOWN_VALUE } from "./harness";

const NAME = "sfp-production-has-commvault-backup";
const reg = (name: string, props: Record<string, unknown>) =>
  stackResource(kinds.sfpRegistration, name, props);
const backup = (name: string, salesforceAccount: unknown) =>
  stackResource(kinds.commvaultOrganization, name, { organizationName: name, salesforceAccount });

describe(NAME, () => {
  test("passes when each production org is backed up, matched by username or instance", async () => {
    const resources = [
      reg("prod", { username: "Ops@Acme.com", metadata: { environment: "production" } }),
      reg("prod2", {
        instanceUrl: "https://acme2.my.salesforce.com",
        metadata: { environment: "Production" },
      }),
      reg("dev", { username: "dev@acme.com", metadata: { environment: "dev" } }),
      reg("unlabelled", { username: "x@acme.com" }),
      reg("pending", { username: "y@acme.com", metadata: UNKNOWN_VALUE }),
      backup("cv1", { environment: "production", userName: "ops@acme.com" }),
      backup("cv2", { userName: "other@acme.com", endpoint: "https://acme2.my.salesforce.com/" }),
    ];
    expect(await stackViolations(NAME, resources)).toEqual([]);
  });

  test("reports a production registration with no backup, naming the match it needs", async () => {
    const prod = reg("prod", { username: "ops@acme.com", metadata: { environment: "production" } });
    const byInstance = reg("p2", {
      instanceUrl: "https://acme2.my.salesforce.com",
      metadata: { environment: "production" },
    });
    const blind = reg("p3", { username: UNKNOWN_VALUE, metadata: { environment: "production" } });
    const other = backup("cv", { userName: "someone@else.com" });
    const pendingBackup = backup("cv2", UNKNOWN_VALUE);
    expect(await stackViolations(NAME, [prod, byInstance, blind, other, pendingBackup])).toEqual([
      {
        message:
          'sfp.SalesforceOrgRegistration "prod" is a production org (metadata.environment "production") and no ' +
          'commvault.Organization in this stack backs it up. Add one with salesforceAccount.userName "ops@acme.com".',
        urn: prod.urn,
      },
      {
        message:
          'sfp.SalesforceOrgRegistration "p2" is a production org (metadata.environment "production") and no ' +
          "commvault.Organization in this stack backs it up. Add one with salesforceAccount.endpoint on " +
          "acme2.my.salesforce.com.",
        urn: byInstance.urn,
      },
      {
        message:
          'sfp.SalesforceOrgRegistration "p3" is a production org (metadata.environment "production") and no ' +
          "commvault.Organization in this stack backs it up. Add one with salesforceAccount.userName equal to the " +
          "registration's username (set username on the registration).",
        urn: blind.urn,
      },
    ]);
  });

  test("the production environments are configurable", async () => {
    const live = reg("live", { username: "ops@acme.com", metadata: { environment: "live" } });
    expect(await stackViolations(NAME, [live])).toEqual([]);
    const found = await stackViolations(NAME, [live], { packConfig: { productionEnvironments: ["live"] } });
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('(metadata.environment "live")');
  });
});
