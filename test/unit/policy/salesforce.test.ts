import { inDomain } from "../../../policy/salesforce";
import { kinds, resourceViolations, stackResource, stackViolations, UNKNOWN_VALUE } from "./harness";

const user = kinds.salesforceUser;
const domains = { allowedDomains: ["acme.com", "@acme.io"] };

describe("salesforce-allowed-username-domains", () => {
  test("domains match exactly or as a parent domain", () => {
    expect(inDomain("ops@acme.com", "acme.com")).toBe(true);
    expect(inDomain("ops@EU.Acme.com", "acme.com")).toBe(true);
    expect(inDomain("ops@notacme.com", "acme.com")).toBe(false);
    expect(inDomain("ops@acme.com.evil.io", "acme.com")).toBe(false);
  });

  test("passes usernames from allowed domains; does nothing without configured domains", async () => {
    const opts = { packConfig: domains };
    expect(
      await resourceViolations("salesforce-allowed-username-domains", user, { username: "a@acme.com" }, opts),
    ).toEqual([]);
    expect(
      await resourceViolations("salesforce-allowed-username-domains", user, { username: "a@acme.io" }, opts),
    ).toEqual([]);
    expect(
      await resourceViolations("salesforce-allowed-username-domains", user, { username: "a@gmail.com" }),
    ).toEqual([]);
  });

  test("fails a username outside the allowed domains", async () => {
    const config = { "salesforce-allowed-username-domains": domains };
    expect(
      await resourceViolations(
        "salesforce-allowed-username-domains",
        user,
        { username: "a@gmail.com" },
        { config, name: "ann" },
      ),
    ).toEqual([
      'salesforce.User "ann" has username "a@gmail.com", outside the allowed domains (acme.com, @acme.io). Use a ' +
        "username in one of them, or add its domain to allowedDomains in this policy's config.",
    ]);
  });
});

describe("salesforce-max-admin-users", () => {
  const admin = (name: string, extra: object = {}) =>
    stackResource(user, name, {
      username: `${name}@acme.com`,
      profileName: "System Administrator",
      ...extra,
    });

  test("passes up to the maximum; inactive admins and other profiles do not count", async () => {
    const resources = [
      admin("a"),
      admin("b"),
      admin("c", { profileName: "system administrator" }),
      admin("d", { active: false }),
      admin("e", { profileName: "Standard User" }),
      admin("f", { profileName: UNKNOWN_VALUE }),
    ];
    expect(await stackViolations("salesforce-max-admin-users", resources)).toEqual([]);
  });

  test("fails above the maximum, counting admin profiles by name or id", async () => {
    const resources = [admin("a"), admin("b"), stackResource(user, "c", { profileId: "00e000000000001" })];
    const packConfig = { maximum: 2, adminProfiles: ["System Administrator", "00e000000000001"] };
    expect(await stackViolations("salesforce-max-admin-users", resources, { packConfig })).toEqual([
      {
        message:
          '3 active Salesforce users are on admin profiles (salesforce.User "a", salesforce.User "b", salesforce.User "c"); ' +
          "the limit is 2. Move some to a less privileged profile, or raise maximum in this policy's config.",
      },
    ]);
  });
});

describe("salesforce-no-permission-sets-for-inactive-users", () => {
  test("passes active users with permission sets, and inactive users without", async () => {
    const name = "salesforce-no-permission-sets-for-inactive-users";
    expect(await resourceViolations(name, user, { permissionSets: ["Ops"] })).toEqual([]);
    expect(await resourceViolations(name, user, { active: false, permissionSets: [] })).toEqual([]);
    expect(await resourceViolations(name, user, { frozen: true })).toEqual([]);
  });

  test("fails inactive or frozen users given permission sets", async () => {
    const name = "salesforce-no-permission-sets-for-inactive-users";
    expect(
      await resourceViolations(
        name,
        user,
        { active: false, frozen: true, permissionSets: ["Ops", "Api"] },
        { name: "bob" },
      ),
    ).toEqual([
      'salesforce.User "bob" is inactive and frozen but is given permission sets (Ops, Api). Remove permissionSets, ' +
        "or reactivate the user.",
    ]);
    expect(
      await resourceViolations(name, user, { frozen: true, permissionSets: ["Ops"] }, { name: "bob" }),
    ).toEqual([
      'salesforce.User "bob" is frozen but is given permission sets (Ops). Remove permissionSets, or reactivate the user.',
    ]);
  });
});
