import type { RunningEmulators } from "../../emulators";
import type { IicsEmulator } from "../../emulators/iics/server";
import * as formats from "../reliability/formats";
import { code, KindFixture, newResource } from "./types";

const iicsOf = (emus: RunningEmulators) => (emus.byName.iics.facts as { iics: IicsEmulator }).iics;
const name = (i: number) => `Fixture Sub-org ${i}`;
const adminPassword = (i: number) => `Iics-fixture-Passw0rd-${i}`;

/** A US sub-organization's own fields, without its admin: "Acme Data" of Baltimore. */
export const ACME_DATA = {
  name: "Acme Data",
  address1: "1 Main St",
  city: "Baltimore",
  state: "MD",
  zipcode: "21201",
  country: "US",
  employees: "51_100",
};

const organization = (i: number, variant: number, password: string) => ({
  name: name(i),
  description: `Fixture sub-org ${i}, revision ${variant}`,
  address1: `${i} Fixture Street`,
  city: "Baltimore",
  state: "MD",
  zipcode: "21201",
  country: "US",
  employees: "11_25",
  admin: { username: `admin${i}@fixture-suborg.test`, password, firstName: "Ada", lastName: `Admin${i}` },
});

export const iicsOrganization: KindFixture = {
  kind: "iics.Organization",
  backend: "iics",
  typeToken: "pulumi-nodejs:dynamic/orgplane/iics:Organization",
  emulator: (emus) => iicsOf(emus).emulator,
  prepare: (_emus, i) => ({ [`IICS_ADMIN_PASSWORD_${i}`]: adminPassword(i) }),
  declare: (i, variant = 0) => {
    const body = JSON.stringify(organization(i, variant, "__PASSWORD__"));
    const withEnv = body.replace('"__PASSWORD__"', `process.env.IICS_ADMIN_PASSWORD_${i}`);
    return `new iics.Organization("iics-${i}", ${withEnv});`;
  },
  forms: {
    /**
     * Resource "acme", its description and admin username from stack config (through `cfg`); the admin password
     * from the environment as a plain string (the fixture's).
     */
    "from stack config": {
      declare: (i) =>
        newResource("iics.Organization", "acme", {
          ...ACME_DATA,
          description: code(`cfg.get("description")`),
          admin: {
            username: code(`cfg.require("adminUsername")`),
            password: code(`process.env.IICS_ADMIN_PASSWORD_${i}`),
            firstName: "Ada",
            lastName: "Lovelace",
          },
        }),
    },
  },
  inputs: (emus, i, variant = 0) => ({
    ...organization(i, variant, adminPassword(i)),
    connection: {
      loginUrl: emus.env.IICS_LOGIN_URL,
      username: emus.env.IICS_USERNAME,
      password: emus.env.IICS_PASSWORD,
    },
  }),
  objects: (emus) =>
    iicsOf(emus)
      .allSubOrgs()
      .map((o) => String(o.fields.name)),
  naturalKey: name,
  secrets: (emus, i) => [adminPassword(i), emus.env.IICS_PASSWORD],
  formats: {
    timezone: formats.timeZone,
    "admin.timezone": formats.timeZone,
    successEmails: formats.email,
    warningEmails: formats.email,
    errorEmails: formats.email,
  },
};
