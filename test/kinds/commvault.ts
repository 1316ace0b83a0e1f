import type { RunningEmulators } from "../../emulators";
import type { CommvaultEmulator } from "../../emulators/commvault/server";
import { code, Declarable, KindFixture, madePlain, newResource, resourceVar } from "./types";

const cvOf = (emus: RunningEmulators) =>
  (emus.byName.commvault.facts as { commvault: CommvaultEmulator }).commvault;
const name = (i: number) => `fixture-cv-${i}`;
const password = (i: number) => `Cv-fixture-pass-${i}!`;
const consumerSecret = (i: number) => `cv-fixture-consumer-secret-${i}`;

const accessNodeKeys = ["clientId", "clientName", "clientGroupId", "clientGroupName"];
/** Whether `value` is an object with exactly one of `keys` set. */
const exactlyOne = (value: unknown, keys: string[]) =>
  !!value &&
  typeof value === "object" &&
  keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined).length === 1;

const accountString = (i: number) => `backup${i}@fixture-orgs.test:${password(i)}`;

const account = (i: number, env: boolean) => ({
  authentication: "password",
  userName: `backup${i}@fixture-orgs.test`,
  password: env ? `process.env.CV_SF_PASSWORD_${i}` : password(i),
  consumerId: `3MVG9-fixture-${i}`,
  consumerSecret: env ? `process.env.CV_SF_CONSUMER_SECRET_${i}` : consumerSecret(i),
});

const dbPassword = (i: number) => `cv-fixture-db-pass-${i}`;

/** Organization i's inputs in a program, credentials from the environment (prepare). */
const orgInputs = (i: number) => {
  const a = account(i, true);
  return {
    organizationName: name(i),
    plan: { planName: "Salesforce Gold" },
    salesforceAccount: {
      ...a,
      password: code(a.password),
      consumerSecret: code(a.consumerSecret),
    },
    downloadCachePath: "/var/cache/sf",
  };
};
/** A production org's backup account (the environment said, where the default says the same) for `userName`. */
const productionAccount = (i: number, userName: string) => ({
  environment: "production",
  ...orgInputs(i).salesforceAccount,
  userName,
});
const syncDatabase = (i: number) => ({
  type: "postgresql",
  host: "db.fixture.test",
  port: 5432,
  name: "sfsync",
  userName: "sync",
  password: code(`process.env.CV_DB_PASSWORD_${i}`),
});
const declared = (i: number, inputs: object) => newResource("commvault.Organization", `cv-${i}`, inputs);
/** Organization `organizationName`, resource `name`, backing up a production org as `userName`. */
const exampleOrg = (i: number, name: string, organizationName: string, userName: string, more: object) =>
  newResource("commvault.Organization", name, {
    ...orgInputs(i),
    organizationName,
    salesforceAccount: productionAccount(i, userName),
    ...more,
  });

export const commvaultOrganization: KindFixture = {
  kind: "commvault.Organization",
  backend: "commvault",
  typeToken: "pulumi-nodejs:dynamic/orgplane/commvault:Organization",
  emulator: (emus) => cvOf(emus).emulator,
  prepare: (_emus, i) => ({
    [`CV_SF_PASSWORD_${i}`]: password(i),
    [`CV_SF_CONSUMER_SECRET_${i}`]: consumerSecret(i),
    [`CV_DB_PASSWORD_${i}`]: dbPassword(i),
  }),
  declare: (i, variant = 0) => {
    const a = account(i, true);
    return (
      `new commvault.Organization("cv-${i}", { organizationName: "${name(i)}", plan: { planName: "Salesforce Gold" }, ` +
      `salesforceAccount: { authentication: "${a.authentication}", userName: "${a.userName}", password: ${a.password}, ` +
      `consumerId: "${a.consumerId}", consumerSecret: ${a.consumerSecret} }, downloadCachePath: "/var/cache/sf", ` +
      `backupStreams: ${2 + variant} });`
    );
  },
  forms: {
    // Forms of the policy pack's example (policy/README.md names its resources and organizations).
    /** Policy-compliant: backs up the "production" sfp registration (its username) into a sync database. */
    "production backup": {
      declare: (i) =>
        exampleOrg(i, "backup", "acme-policy-prod", "platform@acme-policy.com", {
          syncDatabase: syncDatabase(i),
        }),
    },
    /**
     * Breaks commvault-force-delete-approval and commvault-production-sync-database; an inline access node that
     * a binding beside it breaks commvault-access-nodes-single-owner with.
     */
    "force-deleted, inline node": {
      declare: (i) =>
        exampleOrg(i, "backup", "acme-prod", "backup@acme-policy.com", {
          accessNodes: [{ clientName: "cv-access-01" }],
          deletionPolicy: "forceDelete",
        }),
    },
    /** Its salesforceAccount set again from plain values by a transform: breaks orgplane-secret-credentials. */
    "plain account": {
      declare: (i) =>
        `${madePlain("thin", { salesforceAccount: productionAccount(i, "thin@acme-policy.com") })}\n` +
        exampleOrg(i, "thin", "acme-thin", "thin@acme-policy.com", { syncDatabase: syncDatabase(i) }),
    },
    /** A new plan, which replaces, with adopt: true; refused since the organizationName stays. */
    "new plan, adopted": {
      declare: (i) =>
        declared(i, {
          adopt: true,
          ...orgInputs(i),
          plan: { planName: "Salesforce Silver" },
          backupStreams: 2,
        }),
    },
    /** Plain fields of the account changed (userName, consumerId), its secrets as they were. */
    "account renamed": {
      declare: (i) =>
        declared(i, {
          ...orgInputs(i),
          salesforceAccount: {
            ...orgInputs(i).salesforceAccount,
            userName: `restore${i}@fixture-orgs.test`,
            consumerId: `3MVG9-renamed-${i}`,
          },
          backupStreams: 2,
        }),
    },
    /**
     * Resource "sf-backup", backing up into a sync database; its organizationName and backupStreams come from
     * stack config (read through `cfg`). Credentials: the fixture's, from the environment as plain strings.
     */
    "from stack config": {
      declare: (i) =>
        newResource("commvault.Organization", "sf-backup", {
          ...orgInputs(i),
          organizationName: code(`cfg.require("organizationName")`),
          syncDatabase: syncDatabase(i),
          backupStreams: code(`cfg.requireNumber("backupStreams")`),
        }),
    },
    /** salesforceAccount a string ("user:password"), which check() refuses. */
    "account as a string": {
      declare: (i) =>
        declared(i, { ...orgInputs(i), salesforceAccount: code(`process.env.CV_SF_ACCOUNT_${i}`) }),
      prepare: (_emus, i) => ({ [`CV_SF_ACCOUNT_${i}`]: accountString(i) }),
      secrets: (_emus, i) => [accountString(i), password(i)],
    },
  },
  inputs: (emus, i, variant = 0) => ({
    organizationName: name(i),
    plan: { planName: "Salesforce Gold" },
    salesforceAccount: account(i, false),
    downloadCachePath: "/var/cache/sf",
    backupStreams: 2 + variant,
    connection: {
      url: emus.env.COMMVAULT_URL,
      username: emus.env.COMMVAULT_USERNAME,
      password: emus.env.COMMVAULT_PASSWORD,
    },
  }),
  objects: (emus) => [...cvOf(emus).state.orgs.values()].filter((o) => !o.retired).map((o) => o.clientName),
  naturalKey: name,
  secrets: (emus, i) => [password(i), consumerSecret(i), dbPassword(i), emus.env.COMMVAULT_PASSWORD],
  rules: [
    {
      rule: "a plan: give exactly one of planId, planName",
      holds: (inputs) => exactlyOne(inputs.plan, ["planId", "planName"]),
      broken: (valid) => ({
        inputs: { ...valid, plan: { planId: 7, planName: "Salesforce Gold" } },
        path: "plan.planName",
      }),
    },
    {
      rule: "a company: give exactly one of companyId, companyName",
      holds: (inputs) =>
        inputs.company === undefined || exactlyOne(inputs.company, ["companyId", "companyName"]),
      broken: (valid) => ({
        inputs: { ...valid, company: { companyId: 0, companyName: "Acme" } },
        path: "company",
      }),
    },
    {
      rule: "an access node: give exactly one of clientId, clientName, clientGroupId, clientGroupName",
      holds: (inputs) =>
        inputs.accessNodes === undefined ||
        (inputs.accessNodes as unknown[]).every((n) => exactlyOne(n, accessNodeKeys)),
      broken: (valid) => ({
        inputs: { ...valid, accessNodes: [{ clientId: 3, clientName: "node-a" }] },
        path: "accessNodes[0].clientName",
      }),
    },
    {
      rule: "an access node is listed once",
      holds: (inputs) => {
        const keys = ((inputs.accessNodes ?? []) as object[]).map((n) =>
          JSON.stringify(Object.entries(n).sort()),
        );
        return new Set(keys).size === keys.length;
      },
      broken: (valid) => ({
        inputs: { ...valid, accessNodes: [{ clientName: "node-a" }, { clientName: "node-a" }] },
        path: "accessNodes[1]",
      }),
    },
    {
      rule: "syncDatabase.instance is only for type sqlserver",
      holds: (inputs) => {
        const db = inputs.syncDatabase as { instance?: string; type?: string } | undefined;
        return db?.instance === undefined || db.type === "sqlserver";
      },
      broken: (valid) => ({
        inputs: {
          ...valid,
          syncDatabase: {
            type: "postgresql",
            host: "db.fixture.test",
            port: 5432,
            name: "sfsync",
            userName: "sync",
            password: "Sync-fixture-pass",
            instance: "SQL1",
          },
        },
        path: "syncDatabase.instance",
      }),
    },
  ],
};

/** Access-node bindings, each to the organization it refers to (not one of the cross-kind suites' kinds). */
export const commvaultBinding: Declarable = {
  kind: "commvault.AccessNodeBinding",
  prepare: () => ({}),
  declare: (i) =>
    bindingTo(i, resourceVar({ fixture: commvaultOrganization, i }), { clientName: "cv-access-01" }),
  forms: {
    /** Binds client cv-access-01. */
    client: { declare: (i, organization) => bindingTo(i, organization!, { clientName: "cv-access-01" }) },
    /** Binds client group sf-access-pool. */
    "client group": {
      declare: (i, organization) =>
        newResource("commvault.AccessNodeBinding", `node${i}`, {
          organizationId: code(`${organization}.id`),
          clientGroup: { clientGroupName: "sf-access-pool" },
        }),
    },
  },
  secrets: () => [],
};

const bindingTo = (i: number, organization: string, client: object) =>
  newResource("commvault.AccessNodeBinding", `node${i}`, {
    organizationId: code(`${organization}.id`),
    client,
  });
