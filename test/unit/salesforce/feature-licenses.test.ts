import { OrgplaneError } from "../../../provider/core";
import { SalesforceClient } from "../../../provider/salesforce/client";
import { checkFeatureLicenses } from "../../../provider/salesforce/wire";
import { Harness, salesforceHarness } from "./harness";

describe("featureLicenses are checked against the org's User checkboxes before any write", () => {
  let h: Harness;
  let client: SalesforceClient;

  beforeAll(async () => {
    h = await salesforceHarness();
    client = SalesforceClient.for(h.newOrg("admin@feature-licenses.test").connection);
  });
  afterAll(() => h.stop());
  beforeEach(() => h.emulator.clearLog());

  const apiCalls = () => h.calls().filter((c) => !c.includes("oauth2"));

  test("an unknown name fails, naming its index and salesforce.getFeatureLicenses; only a describe is made", async () => {
    const error = await checkFeatureLicenses(client, ["MarketingUser", "NotALicense"]).catch((e) => e);
    expect(error).toBeInstanceOf(OrgplaneError);
    expect(error.message).toBe(
      'salesforce: featureLicenses[1]: no feature licence named "NotALicense" in the org ' +
        "(salesforce.getFeatureLicenses lists them)",
    );
    expect(apiCalls()).toEqual(["GET /services/data/v62.0/sobjects/User/describe"]);
  });

  test("known names pass in either spelling, with the describe cached for the session", async () => {
    await checkFeatureLicenses(client, ["UserPermissionsKnowledgeUser", "SupportUser"]);
    await checkFeatureLicenses(client, ["MarketingUser"]);
    expect(apiCalls()).toEqual([]);
  });

  test("no list, or an empty one, needs no describe", async () => {
    const fresh = SalesforceClient.for(h.newOrg("other@feature-licenses.test").connection);
    await checkFeatureLicenses(fresh, undefined);
    await checkFeatureLicenses(fresh, []);
    expect(apiCalls()).toEqual([]);
  });
});
