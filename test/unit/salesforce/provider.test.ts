import { checkAndCreate, checkAndUpdate, Harness, salesforceHarness, userProvider } from "./harness";

describe("salesforce.User provider methods", () => {
  let h: Harness;
  let org: ReturnType<Harness["newOrg"]>;

  beforeAll(async () => {
    h = await salesforceHarness();
    org = h.newOrg("admin@provider-unit.test");
  });
  afterAll(() => h.stop());
  beforeEach(() => h.emulator.clearLog());

  test("create assigns permission sets, groups, licences and flags, then read returns the same", async () => {
    const { id, outs } = await checkAndCreate({
      username: "Jane.Doe@provider-unit.test",
      email: "jane@provider-unit.test",
      firstName: "Jane",
      lastName: "Doe",
      profileName: "Standard User",
      roleName: "Sales Rep",
      permissionSets: ["Sales_Ops", "Support Agent"],
      publicGroups: ["Sales_Team"],
      permissionSetLicenses: ["SalesConsoleUserPsl"],
      featureLicenses: ["MarketingUser"],
      customFields: { Regions__c: "EMEA;APAC" },
      title: "AE",
      connection: org.connection,
    });
    console.log(h.calls());
    expect(id).toMatch(/^005/);
    const user = h.state.userById(org.org, id)!;
    expect(user).toMatchObject({
      Username: "jane.doe@provider-unit.test",
      Alias: "Jane.Doe",
      UserPermissionsMarketingUser: true,
      Regions__c: "EMEA;APAC",
    });
    expect(outs).toMatchObject({ profileName: "Standard User", roleName: "Sales Rep", alias: "Jane.Doe" });
    const read = await userProvider.read!(id, outs);
    console.log(JSON.stringify(read.props));
  });
});
