import { failurePath } from "../../../provider/core";
import { providers } from "../../../provider/sfp/provider";

const authUrl = "force://PlatformCLI::5Aep861refresh@login.salesforce.com";
const connection = { url: "https://sfp.example.com", token: "t" };
/** A Salesforce username of `length` characters. */
const usernameOf = (length: number) => `${"u".repeat(64)}@${"d".repeat(length - 70)}.test`;

const failedPaths = async (kind: keyof typeof providers, inputs: Record<string, unknown>) =>
  ((await providers[kind].check!({}, { ...inputs, connection })).failures ?? []).map(failurePath);

describe("sfp check refuses what the server or Salesforce would, before any API call", () => {
  test.each([
    ["a query, a fragment and ..", "http://x.example.com/../a?a=1#f"],
    ["a query", "https://acme.my.salesforce.com?a=1"],
    ["a fragment", "https://acme.my.salesforce.com#f"],
    ["a .. segment", "https://acme.my.salesforce.com/a/.."],
    ["an encoded . segment", "https://acme.my.salesforce.com/%2E/a"],
    ["another protocol", "ftp://acme.my.salesforce.com"],
  ])("instanceUrl with %s", async (_what, instanceUrl) => {
    expect(await failedPaths("SalesforceOrgRegistration", { sfdxAuthUrl: authUrl, instanceUrl })).toEqual([
      "instanceUrl",
    ]);
  });

  test("a plain instance URL, with or without its trailing slash, passes", async () => {
    for (const instanceUrl of [
      "https://acme.my.salesforce.com",
      "https://acme.my.salesforce.com/",
      "http://x.test",
    ])
      expect(await failedPaths("SalesforceOrgRegistration", { sfdxAuthUrl: authUrl, instanceUrl })).toEqual(
        [],
      );
  });

  test("usernames are Salesforce usernames: at most 80 characters", async () => {
    expect(usernameOf(80)).toHaveLength(80);
    const registration = (username: string) =>
      failedPaths("SalesforceOrgRegistration", { sfdxAuthUrl: authUrl, username });
    const sandbox = (productionUsername: string) =>
      failedPaths("SandboxRegistration", { sandboxName: "uat", productionUsername });
    expect(await registration(usernameOf(80))).toEqual([]);
    expect(await registration(usernameOf(81))).toEqual(["username"]);
    expect(await registration(usernameOf(309))).toEqual(["username"]);
    expect(await sandbox(usernameOf(80))).toEqual([]);
    expect(await sandbox(usernameOf(81))).toEqual(["productionUsername"]);
  });
});
