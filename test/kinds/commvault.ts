import type { RunningEmulators } from "../../emulators";
import type { CommvaultEmulator } from "../../emulators/commvault/server";
import { KindFixture } from "./types";

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

const account = (i: number, env: boolean) => ({
  authentication: "password",
  userName: `backup${i}@fixture-orgs.test`,
  password: env ? `process.env.CV_SF_PASSWORD_${i}` : password(i),
  consumerId: `3MVG9-fixture-${i}`,
  consumerSecret: env ? `process.env.CV_SF_CONSUMER_SECRET_${i}` : consumerSecret(i),
});

export const commvaultOrganization: KindFixture = {
  kind: "commvault.Organization",
  backend: "commvault",
  typeToken: "pulumi-nodejs:dynamic/orgplane/commvault:Organization",
  emulator: (emus) => cvOf(emus).emulator,
  prepare: (_emus, i) => ({
    [`CV_SF_PASSWORD_${i}`]: password(i),
    [`CV_SF_CONSUMER_SECRET_${i}`]: consumerSecret(i),
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
  secrets: (emus, i) => [password(i), consumerSecret(i), emus.env.COMMVAULT_PASSWORD],
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
