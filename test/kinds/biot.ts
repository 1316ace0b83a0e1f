import type { RunningEmulators } from "../../emulators";
import type { BiotEmulator } from "../../emulators/biot/server";
import * as formats from "../reliability/formats";
import { code, KindFixture, newResource } from "./types";

const biotOf = (emus: RunningEmulators) => (emus.byName.biot.facts as { biot: BiotEmulator }).biot;
const name = (i: number) => `Fixture Clinic ${i}`;

const organization = (i: number, variant: number) => ({
  name: name(i),
  templateName: "Clinic",
  description: `Fixture clinic ${i}, revision ${variant}`,
  timezone: "America/New_York",
  locale: "en-us",
  primaryAdministrator: {
    email: `admin${i}@fixture-clinic.test`,
    name: { firstName: "Ada", lastName: `Admin${i}` },
    mfa: { enabled: true, expirationInMinutes: 30 },
  },
});

export const biotOrganization: KindFixture = {
  kind: "biot.Organization",
  backend: "biot",
  typeToken: "pulumi-nodejs:dynamic/orgplane/biot:Organization",
  emulator: (emus) => biotOf(emus).emulator,
  prepare: () => ({}),
  declare: (i, variant = 0) =>
    `new biot.Organization("biot-${i}", ${JSON.stringify(organization(i, variant))});`,
  forms: {
    /** No MFA for the admin, no time zone: breaks biot-admin-mfa and biot-locale-and-timezone (the policy pack's example names it). */
    "no MFA, no time zone": {
      declare: (i) => {
        const { name, templateName, locale, primaryAdministrator } = organization(i, 0);
        const admin = { email: primaryAdministrator.email, name: primaryAdministrator.name };
        return newResource("biot.Organization", "clinic", {
          name,
          templateName,
          locale,
          primaryAdministrator: admin,
        });
      },
    },
    /**
     * Resource "clinic", read from stack config (through `cfg`): name, template, description, the admin's email
     * (adminEmail, optional) and the custom attributes (JSON).
     */
    "from stack config": {
      declare: () =>
        newResource("biot.Organization", "clinic", {
          name: code(`cfg.require("name")`),
          templateName: code(`cfg.require("template")`),
          description: code(`cfg.require("description")`),
          headquarters: { countryCode: "US", city: "Boston", state: "Massachusetts" },
          timezone: "America/New_York",
          locale: "en-us",
          phone: "+16175550100",
          primaryAdministrator: {
            email: code(`cfg.get("adminEmail") || "ops@clinic-e2e.example"`),
            name: { firstName: "Ada", lastName: "Admin" },
            mfa: { enabled: true, expirationInMinutes: 30 },
          },
          customAttributes: code(`JSON.parse(cfg.require("attributes"))`),
        }),
    },
    /** A number for a name: in a TypeScript program, the type check fails it. */
    "name a number": {
      declare: () => newResource("biot.Organization", "mistyped", { name: 42, templateName: "Clinic" }),
    },
  },
  inputs: (emus, i, variant = 0) => ({
    ...organization(i, variant),
    connection: {
      url: emus.env.BIOT_URL,
      serviceId: emus.env.BIOT_SERVICE_ID,
      serviceSecretKey: emus.env.BIOT_SERVICE_SECRET_KEY,
    },
  }),
  objects: (emus) => [...biotOf(emus).state.orgs.values()].filter((o) => !o.first).map((o) => o.name),
  naturalKey: name,
  secrets: (emus) => [emus.env.BIOT_SERVICE_SECRET_KEY],
  rules: [
    {
      rule: "give templateId or templateName, not both",
      holds: (inputs) => (inputs.templateId === undefined) !== (inputs.templateName === undefined),
      broken: (valid) => ({
        inputs: { ...valid, templateId: "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", templateName: "Clinic" },
        path: "templateId",
      }),
    },
    {
      rule: "give exactly one of templateId and templateName",
      holds: (inputs) => inputs.templateId !== undefined || inputs.templateName !== undefined,
      broken: ({ templateId: _id, templateName: _name, ...valid }) => ({ inputs: valid, path: "templateId" }),
    },
  ],
  formats: {
    "headquarters.countryCode": formats.isoCountry,
    "primaryAdministrator.address.countryCode": formats.isoCountry,
    locale: formats.locale,
    "primaryAdministrator.locale": formats.locale,
    timezone: formats.timeZone,
    phone: formats.e164,
    "primaryAdministrator.phone": formats.e164,
  },
};
