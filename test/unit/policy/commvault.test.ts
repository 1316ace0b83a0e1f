import { kinds, resourceViolations, stackResource, stackViolations, UNKNOWN_VALUE } from "./harness";

const org = kinds.commvaultOrganization;
const binding = kinds.commvaultBinding;
const account = (environment: string) => ({ environment, authentication: "oauth", userName: "ops@acme.com" });

describe("commvault-access-nodes-single-owner", () => {
  test("passes with only inline nodes, or only bindings", async () => {
    const inline = stackResource(org, "inline", {
      accessNodes: [{ clientName: "n1" }, { clientName: "n2" }],
    });
    const bound = stackResource(org, "bound", { organizationName: "bound" });
    const b1 = stackResource(binding, "b1", { organizationId: UNKNOWN_VALUE }, { organizationId: [bound] });
    expect(await stackViolations("commvault-access-nodes-single-owner", [inline, bound, b1])).toEqual([]);
  });

  test("fails an organization with accessNodes and bindings, matched by dependency or by clientId", async () => {
    const mixed = stackResource(org, "mixed", { accessNodes: [{ clientName: "n1" }], clientId: "42" });
    const b1 = stackResource(binding, "b1", { organizationId: UNKNOWN_VALUE }, { organizationId: [mixed] });
    const b2 = stackResource(binding, "b2", { organizationId: "42" });
    const elsewhere = stackResource(binding, "b3", { organizationId: "7" });
    expect(await stackViolations("commvault-access-nodes-single-owner", [mixed, b1, b2, elsewhere])).toEqual([
      {
        message:
          'commvault.Organization "mixed" lists accessNodes and also has AccessNodeBindings ("b1", "b2"): the list ' +
          "owns all of the organization's nodes and would remove the bound ones. Declare the nodes in one place: " +
          "drop accessNodes, or drop the bindings.",
        urn: mixed.urn,
      },
    ]);
  });
});

describe("commvault-min-access-nodes", () => {
  test("counts inline nodes and bindings together", async () => {
    const two = stackResource(org, "two", { accessNodes: [{ clientName: "n1" }, { clientGroupName: "g" }] });
    const mixed = stackResource(org, "mixed", { accessNodes: [{ clientName: "n1" }] });
    const bm = stackResource(binding, "bm", { organizationId: UNKNOWN_VALUE }, { organizationId: [mixed] });
    const bound = stackResource(org, "bound", {});
    const b1 = stackResource(binding, "b1", {}, { organizationId: [bound] });
    const b2 = stackResource(binding, "b2", {}, { organizationId: [bound] });
    const pending = stackResource(org, "pending", { accessNodes: UNKNOWN_VALUE });
    expect(
      await stackViolations("commvault-min-access-nodes", [two, mixed, bm, bound, b1, b2, pending]),
    ).toEqual([]);
  });

  test("reports an organization below the minimum, which is configurable", async () => {
    const one = stackResource(org, "one", {}, {});
    const b1 = stackResource(binding, "b1", {}, { organizationId: [one] });
    expect(await stackViolations("commvault-min-access-nodes", [one, b1])).toEqual([
      {
        message:
          'commvault.Organization "one" has 1 access node (accessNodes plus AccessNodeBindings); at least 2 keep ' +
          "its backups running when a node is down. Add access nodes or bindings.",
        urn: one.urn,
      },
    ]);
    const none = stackResource(org, "none", { accessNodes: [] });
    const found = await stackViolations("commvault-min-access-nodes", [none], { packConfig: { minimum: 3 } });
    expect(found.map((v) => v.message)).toEqual([
      'commvault.Organization "none" has 0 access nodes (accessNodes plus AccessNodeBindings); at least 3 keep ' +
        "its backups running when a node is down. Add access nodes or bindings.",
    ]);
    expect(
      await stackViolations("commvault-min-access-nodes", [one, b1], {
        config: { "commvault-min-access-nodes": { minimum: 1 } },
      }),
    ).toEqual([]);
  });
});

describe("commvault-production-sync-database", () => {
  test("passes for sandboxes and for production with an enabled sync database", async () => {
    expect(
      await resourceViolations("commvault-production-sync-database", org, {
        salesforceAccount: account("sandbox"),
      }),
    ).toEqual([]);
    // enabled defaults to true
    for (const syncDatabase of [
      { enabled: true, type: "postgresql" },
      { type: "postgresql", host: "db" },
    ]) {
      const props = { salesforceAccount: account("production"), syncDatabase };
      expect(await resourceViolations("commvault-production-sync-database", org, props)).toEqual([]);
    }
  });

  test("fails production (the default environment) without a sync database, or with it disabled", async () => {
    const message =
      'commvault.Organization "prod" backs up a production Salesforce org without an enabled sync database. Set ' +
      "syncDatabase (type, host, port, name, userName, password), and leave enabled unset or true.";
    const defaultEnvironment = { authentication: "oauth", userName: "ops@acme.com" };
    for (const [salesforceAccount, syncDatabase] of [
      [account("production"), undefined],
      [account("production"), { enabled: false }],
      [defaultEnvironment, undefined],
    ]) {
      const props = { salesforceAccount, syncDatabase };
      expect(
        await resourceViolations("commvault-production-sync-database", org, props, { name: "prod" }),
      ).toEqual([message]);
    }
  });
});

describe("commvault-force-delete-approval", () => {
  const props = { organizationName: "acme-prod", deletionPolicy: "forceDelete" };

  test("passes for retire, and for approved force deletes", async () => {
    const retire = { ...props, deletionPolicy: "retire" };
    expect(await resourceViolations("commvault-force-delete-approval", org, retire)).toEqual([]);
    expect(await resourceViolations("commvault-force-delete-approval", org, {})).toEqual([]);
    const byName = { approvedOrganizations: ["acme-prod"] };
    expect(
      await resourceViolations("commvault-force-delete-approval", org, props, { packConfig: byName }),
    ).toEqual([]);
    const all = { "commvault-force-delete-approval": { allowForceDelete: true } };
    expect(await resourceViolations("commvault-force-delete-approval", org, props, { config: all })).toEqual(
      [],
    );
  });

  test("fails an unapproved force delete", async () => {
    const other = { approvedOrganizations: ["acme-dev"] };
    expect(
      await resourceViolations("commvault-force-delete-approval", org, props, {
        packConfig: other,
        name: "prod",
      }),
    ).toEqual([
      'commvault.Organization "prod" has deletionPolicy: forceDelete, which destroys its backup data when it is ' +
        'deleted. Approve it by adding "acme-prod" to approvedOrganizations in this policy\'s config, or use ' +
        "deletionPolicy: retire.",
    ]);
  });
});
