import { UNKNOWN } from "../../../provider/core";
import { Harness, salesforceHarness, userProvider } from "./harness";

const base = {
  username: "Ada.Lovelace@check.test",
  email: "ada@check.test",
  lastName: "Lovelace",
  profileName: "Standard User",
  connection: { accessToken: "00Dx!token", instanceUrl: "https://acme.my.salesforce.com" },
};

describe("salesforce.User check and diff", () => {
  let h: Harness;
  beforeAll(async () => (h = await salesforceHarness()));
  afterAll(() => h.stop());

  test("check reports every bad input with its property path and calls no API", async () => {
    const result = await userProvider.check!(
      {},
      {
        username: "not-an-email",
        email: "ada@check.test",
        alias: "toolongalias",
        profileId: "005000000000001",
        featureLicenses: ["Marketing User"],
        customFields: { Region: "EMEA" },
        permissionSets: ["Sales_Ops", ""],
        active: "yes",
        titel: "typo",
        connection: { accessToken: "x" },
      },
    );
    expect(result.failures!.map((f) => f.property).sort()).toEqual([
      "active",
      "alias",
      "connection.instanceUrl",
      "customFields.Region",
      "featureLicenses[0]",
      "lastName",
      "permissionSets[1]",
      "profileId",
      "titel",
      "username",
    ]);
    const reason = (p: string) => result.failures!.find((f) => f.property === p)!.reason;
    expect(reason("connection.instanceUrl")).toBe("is required with accessToken");
    expect(reason("profileId")).toMatch(/profile id .*00e/);
    expect(reason("titel")).toMatch(/not a property/);
    expect(h.emulator.log).toHaveLength(0);
  });

  test("blank names and control characters fail check in every name list and name field", async () => {
    const result = await userProvider.check!(
      {},
      {
        ...base,
        firstName: "Ada\u0000",
        alias: " ",
        nickname: "nick\tname",
        roleName: "CEO\r\n",
        permissionSets: [" ", "Sales_Ops\u0000"],
        publicGroups: ["\u007f"],
        permissionSetLicenses: ["\t"],
      },
    );
    expect(result.failures!.map((f) => f.property).sort()).toEqual([
      "alias",
      "firstName",
      "nickname",
      "permissionSetLicenses[0]",
      "permissionSets[0]",
      "permissionSets[1]",
      "publicGroups[0]",
      "roleName",
    ]);
    const reason = (p: string) => result.failures!.find((f) => f.property === p)!.reason;
    expect(reason("permissionSets[0]")).toMatch(/blank/);
    expect(reason("nickname")).toMatch(/control characters/);
    const profile = await userProvider.check!({}, { ...base, profileName: "Standard\u0000User" });
    expect(profile.failures!.map((f) => f.property)).toEqual(["profileName"]);
    expect(h.emulator.log).toHaveLength(0);
  });

  test("usernames are capped at Salesforce's 80 characters, the manager's too", async () => {
    const long = `${"a".repeat(64)}@${"b".repeat(20)}.test`;
    const result = await userProvider.check!({}, { ...base, username: long, managerUsername: long });
    expect(result.failures!.map((f) => f.property).sort()).toEqual(["managerUsername", "username"]);
  });

  test("cross-field rules: exactly one profile, not both forms of role or manager", async () => {
    const neither = await userProvider.check!({}, { ...base, profileName: undefined });
    expect(neither.failures).toEqual([
      { property: "profileName", reason: "give exactly one of profileName and profileId" },
    ]);
    const both = await userProvider.check!(
      {},
      {
        ...base,
        roleName: "CEO",
        roleId: "00E000000000001AAA",
        managerId: "005000000000001",
        managerUsername: "boss@check.test",
      },
    );
    expect(both.failures!.map((f) => f.property)).toEqual(["roleName", "managerUsername"]);
    const connection = await userProvider.check!({}, { ...base, connection: {} });
    // A secret input: the path is in the reason, so that the engine prints no value.
    expect(connection.failures![0]).toMatchObject({
      property: "",
      reason: expect.stringMatching(/^connection: /),
    });
    expect(h.emulator.log).toHaveLength(0);
  });

  test("check applies the seed's defaults and derives the alias from the username", async () => {
    const { inputs } = await userProvider.check!({}, base);
    expect(inputs).toMatchObject({
      alias: "Ada.Love",
      emailEncoding: "UTF-8",
      locale: "en_US",
      language: "en_US",
      timeZone: "America/Los_Angeles",
      active: true,
      frozen: false,
      exact: false,
      adopt: false,
    });
    const given = await userProvider.check!({}, { ...base, alias: "ada" });
    expect(given.inputs.alias).toBe("ada");
  });

  test("values unknown during preview pass check", async () => {
    const result = await userProvider.check!({}, { ...base, username: UNKNOWN, permissionSets: UNKNOWN });
    expect(result.failures).toBeUndefined();
  });

  test("diff: username changes in place; list order, flag spelling and case are not changes", async () => {
    const olds = (
      await userProvider.check!(
        {},
        { ...base, permissionSets: ["A", "B"], featureLicenses: ["MarketingUser"] },
      )
    ).inputs;
    const state = { ...olds, profileId: "00e000000000001AAA", roleId: null, secretHashes: {} };
    const same = (
      await userProvider.check!(olds, {
        ...base,
        username: "ada.lovelace@CHECK.test",
        alias: "Ada.Love",
        permissionSets: ["B", "A"],
        featureLicenses: ["UserPermissionsMarketingUser"],
      })
    ).inputs;
    expect(await userProvider.diff!("005x", state, same)).toMatchObject({ changes: false });
    const renamed = (
      await userProvider.check!(olds, { ...base, username: "ada@check.test", alias: "Ada.Love" })
    ).inputs;
    const diff = await userProvider.diff!("005x", state, {
      ...renamed,
      permissionSets: ["A", "B"],
      featureLicenses: ["MarketingUser"],
    });
    expect(diff).toMatchObject({ changes: true, replaces: [] });
  });

  test("a change of connection, adopt or leadsSuccessor only updates state: no API call", async () => {
    const olds = (await userProvider.check!({}, base)).inputs;
    const news = (
      await userProvider.check!(olds, {
        ...base,
        leadsSuccessor: "boss@check.test",
        adopt: true,
        connection: { ...base.connection, accessToken: "00Dx!other" },
      })
    ).inputs;
    expect((await userProvider.diff!("005x", olds, news)).changes).toBe(true);
    const { outs } = await userProvider.update!("005x", { ...olds, profileId: "00e000000000001AAA" }, news);
    expect(outs).toMatchObject({ leadsSuccessor: "boss@check.test", profileId: "00e000000000001AAA" });
    expect(h.emulator.log).toHaveLength(0);
  });
});
