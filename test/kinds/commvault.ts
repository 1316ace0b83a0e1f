import type { RunningEmulators } from "../../emulators";
import type { CommvaultEmulator } from "../../emulators/commvault/server";
import { KindFixture } from "./types";

const cvOf = (emus: RunningEmulators) =>
  (emus.byName.commvault.facts as { commvault: CommvaultEmulator }).commvault;
const name = (i: number) => `fixture-cv-${i}`;
const password = (i: number) => `Cv-fixture-pass-${i}!`;
const consumerSecret = (i: number) => `cv-fixture-consumer-secret-${i}`;

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
};
