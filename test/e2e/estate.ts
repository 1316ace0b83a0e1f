import type * as dynamic from "@pulumi/pulumi/dynamic";
import { setLicenseTotal } from "../../emulators/salesforce";
import type { SalesforceState } from "../../emulators/salesforce/state";
import { providers as biot } from "../../provider/biot/provider";
import { providers as commvault } from "../../provider/commvault/provider";
import { providers as iics } from "../../provider/iics/provider";
import { providers as salesforce } from "../../provider/salesforce/provider";
import { SfpClient } from "../../provider/sfp/client";
import { e2eEmulators } from "./emulators";

type Emulators = Awaited<ReturnType<typeof e2eEmulators>>;

export interface EstateSize {
  productions: number;
  sandboxesPerProduction: number;
  sandboxedProductions: number;
  commvault: number;
  users: number;
  biot: number;
  iics: number;
}

/** The test estate of issue 18: 50 sfp registrations (15 sandboxes), 20 Commvault orgs, 500 users, 20 + 20 orgs. */
export const FULL_ESTATE: EstateSize = {
  productions: 35,
  sandboxesPerProduction: 1,
  sandboxedProductions: 15,
  commvault: 20,
  users: 500,
  biot: 20,
  iics: 20,
};

/** What the estate's owner knows and no API returns: the values of discovery's config placeholders. */
export interface EstateSecrets {
  /** By object key (as discovery reports it) and placeholder suffix. */
  values: Map<string, Record<string, string>>;
  /** The Salesforce org that holds the users (SF_AUTH_URL). */
  salesforceAuthUrl: string;
  /** Natural keys of the objects orgplane's check refuses. */
  refused: string[];
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Creates an object through its kind's provider (check, then create): the vendor's API makes it. */
async function make(provider: dynamic.ResourceProvider, inputs: Record<string, unknown>) {
  const checked = await provider.check!({}, inputs);
  if (checked.failures?.length) throw new Error(`seed refused: ${JSON.stringify(checked.failures)}`);
  return provider.create!(checked.inputs);
}

/** Seeds every backend through its API and returns what discovery cannot read. */
export async function seedEstate(emus: Emulators, size: EstateSize): Promise<EstateSecrets> {
  const env = emus.env;
  const values = new Map<string, Record<string, string>>();
  const refused: string[] = [];
  // sfp: production orgs (some with a sandbox), registered with their auth URLs.
  const sfp = new SfpClient({ url: env.SFP_SERVER_URL, token: env.SFP_SERVER_TOKEN });
  for (let i = 0; i < size.productions; i++) {
    const username = `admin${i}@estate-prod.test`;
    const sandboxes = i < size.sandboxedProductions ? ["uat"].slice(0, size.sandboxesPerProduction) : [];
    const org = emus.newOrg(username, sandboxes);
    // One registration holds a metadata key longer than orgplane allows (64): check refuses it.
    const tooLong = i === 1 ? { ["k".repeat(70)]: "legacy" } : {};
    await sfp.register({
      sfdxAuthUrl: org.sfdxAuthUrl,
      isDevHub: i === 0,
      isDefault: i === 0,
      metadata: { environment: "production", owner: `team-${i % 4}`, ...tooLong },
    });
    if (i === 1) refused.push(username);
    values.set(username, { SfdxAuthUrl: org.sfdxAuthUrl });
    for (const sandbox of sandboxes) await sfp.registerSandbox(sandbox, username);
  }
  // Commvault organizations with access nodes.
  const cvConnection = {
    url: env.COMMVAULT_URL,
    username: env.COMMVAULT_USERNAME,
    password: env.COMMVAULT_PASSWORD,
  };
  for (let i = 0; i < size.commvault; i++) {
    const name = `estate-backup-${i}`;
    const secret = {
      SalesforcePassword: `Estate-sf-pass-${i}!`,
      ConsumerSecret: `estate-consumer-secret-${i}`,
    };
    await make(commvault.Organization, {
      organizationName: name,
      plan: { planName: i % 2 ? "Salesforce Silver" : "Salesforce Gold" },
      accessNodes:
        i % 3 === 0
          ? [{ clientGroupName: "sf-access-pool" }]
          : [{ clientName: "cv-access-01" }, { clientName: "cv-access-02" }],
      salesforceAccount: {
        authentication: "password",
        userName: `backup${i}@estate.test`,
        password: secret.SalesforcePassword,
        consumerId: `3MVG9-estate-${i}`,
        consumerSecret: secret.ConsumerSecret,
      },
      downloadCachePath: "/var/cache/sf",
      backupStreams: 2 + (i % 3),
      connection: cvConnection,
    });
    values.set(name, secret);
  }
  // Salesforce users in one org, with permission sets, groups and licences.
  const sfState = (emus.running.byName.salesforce.facts as { state: SalesforceState }).state;
  const created = sfState.createOrg({ username: "admin@estate-users.test" });
  setLicenseTotal({ state: sfState } as never, sfState.orgs.get(created.org.Id)!, "Salesforce", 10_000);
  const host = new URL(emus.salesforce.url).host;
  const salesforceAuthUrl = `force://PlatformCLI::${created.refreshToken}@${host}`;
  await pool([...Array(size.users).keys()], 16, (i) =>
    make(salesforce.User, {
      username: `user${i}@${i % 5 === 0 ? "contractors" : "estate"}.test`,
      email: `user${i}@estate.test`,
      firstName: "Estate",
      lastName: `User${i}`,
      profileName: i % 4 === 0 ? "Read Only" : "Standard User",
      title: i % 2 ? "Engineer" : undefined,
      active: i % 10 !== 9,
      permissionSets:
        i % 3 === 0 ? ["Sales_Ops"] : i % 3 === 1 ? ["Support_Agent", "Reports_Builder"] : undefined,
      publicGroups: i % 2 === 0 ? ["Sales_Team"] : undefined,
      featureLicenses: i % 7 === 0 ? ["MarketingUser"] : undefined,
      connection: { sfdxAuthUrl: salesforceAuthUrl },
    }),
  );
  // BioT organizations, beside the manufacturer organization every BioT environment starts with.
  values.set("Manufacturer", { AdminEmail: "admin@manufacturer.example" });
  const biotConnection = {
    url: env.BIOT_URL,
    serviceId: env.BIOT_SERVICE_ID,
    serviceSecretKey: env.BIOT_SERVICE_SECRET_KEY,
  };
  for (let i = 0; i < size.biot; i++) {
    const name = `Estate Clinic ${i}`;
    const email = `clinic-admin${i}@estate.test`;
    await make(biot.Organization, {
      name,
      templateName: "Clinic",
      description: `Clinic ${i} of the estate`,
      timezone: "Europe/Oslo",
      locale: "en-us",
      primaryAdministrator: { email, name: { firstName: "Clara", lastName: `Admin${i}` } },
      customAttributes: { region: i % 2 ? "north" : "south", beds: 10 + i },
      connection: biotConnection,
    });
    values.set(name, { AdminEmail: email });
  }
  // IICS sub-organizations.
  const iicsConnection = {
    loginUrl: env.IICS_LOGIN_URL,
    username: env.IICS_USERNAME,
    password: env.IICS_PASSWORD,
  };
  for (let i = 0; i < size.iics; i++) {
    const name = `Estate Sub-org ${i}`;
    const admin = {
      username: `iics-admin${i}@estate.test`,
      password: `Iics-Estate-Passw0rd-${i}`,
      firstName: "Ines",
      lastName: `Admin${i}`,
    };
    await make(iics.Organization, {
      name,
      address1: `${i} Estate Road`,
      city: "Baltimore",
      state: "MD",
      zipcode: "21201",
      country: "US",
      employees: "11_25",
      admin,
      connection: iicsConnection,
    });
    values.set(name, {
      AdminUsername: admin.username,
      AdminPassword: admin.password,
      AdminFirstName: admin.firstName,
      AdminLastName: admin.lastName,
    });
  }
  return { values, salesforceAuthUrl, refused };
}
