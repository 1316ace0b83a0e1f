import { UNKNOWN } from "../../../provider/core";
import { Biot, orgInputs, provider, startBiot } from "./harness";

/** The failures check reports for one input override, as property -> reason. */
async function failuresFor(biot: Biot, overrides: Record<string, unknown>) {
  const result = await provider.check({}, orgInputs(biot.service, overrides));
  return Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
}

const admin = { email: "a@clinic.example", name: { firstName: "A", lastName: "B" } };

describe("biot.Organization check", () => {
  let biot: Biot;
  beforeAll(async () => (biot = await startBiot()));
  afterAll(() => biot.stop());
  afterEach(() => expect(biot.emulator.log).toHaveLength(0)); // check never calls the API

  test.each([
    ["phone", { phone: "0044 20 7946 0000" }, "phone", /E\.164/],
    [
      "admin phone",
      { primaryAdministrator: { ...admin, phone: "555-1234" } },
      "primaryAdministrator.phone",
      /E\.164/,
    ],
    ["unknown country", { headquarters: { countryCode: "XX" } }, "headquarters.countryCode", /ISO 3166/],
    ["lowercase country", { headquarters: { countryCode: "us" } }, "headquarters.countryCode", /ISO 3166/],
    ["missing country", { headquarters: { city: "Boston" } }, "headquarters.countryCode", /required/],
    [
      "admin address country",
      { primaryAdministrator: { ...admin, address: { city: "Oslo" } } },
      "primaryAdministrator.address.countryCode",
      /required/,
    ],
    ["locale with underscore", { locale: "en_us" }, "locale", /en-us/],
    ["uppercase locale", { locale: "en-US" }, "locale", /lowercase/],
    ["locale country", { locale: "en-xx" }, "locale", /en-us/],
    ["unknown zone", { timezone: "Mars/Olympus_Mons" }, "timezone", /IANA/],
    ["zone case", { timezone: "europe/oslo" }, "timezone", /IANA/],
    ["empty name", { name: "" }, "name", /1/],
    ["long name", { name: "x".repeat(33) }, "name", /32/],
    ["long description", { description: "x".repeat(5001) }, "description", /5000/],
    ["template id", { templateName: undefined, templateId: "clinic" }, "templateId", /UUID/i],
    ["both templates", { templateId: "3fa85f64-5717-4562-b3fc-2c963f66afa6" }, "templateId", /not both/],
    ["no template", { templateName: undefined }, "templateId", /exactly one of templateId and templateName/],
    [
      "mfa minimum",
      { primaryAdministrator: { ...admin, mfa: { enabled: true, expirationInMinutes: 0 } } },
      "primaryAdministrator.mfa.expirationInMinutes",
      />=1/,
    ],
    [
      "mfa maximum",
      { primaryAdministrator: { ...admin, mfa: { enabled: true, expirationInMinutes: 1441 } } },
      "primaryAdministrator.mfa.expirationInMinutes",
      /<=1440/,
    ],
    ["admin email", { primaryAdministrator: { name: admin.name } }, "primaryAdministrator.email", /string/],
    [
      "admin last name",
      { primaryAdministrator: { email: admin.email, name: { firstName: "A" } } },
      "primaryAdministrator.name.lastName",
      /string/,
    ],
    [
      "gender",
      { primaryAdministrator: { ...admin, gender: "OTHER" } },
      "primaryAdministrator.gender",
      /MALE/,
    ],
    [
      "date of birth",
      { primaryAdministrator: { ...admin, dateOfBirth: "20/12/2007" } },
      "primaryAdministrator.dateOfBirth",
      /date/i,
    ],
    [
      "built-in as custom attribute",
      { customAttributes: { _name: "x" } },
      "customAttributes._name",
      /custom attribute/,
    ],
    ["misspelt input", { descripton: "x" }, "descripton", /not a property/],
  ])("%s fails at its property path", async (_label, overrides, property, reason) => {
    const failures = await failuresFor(biot, overrides);
    expect(Object.keys(failures)).toEqual([property]);
    expect(failures[property]).toMatch(reason);
  });

  test("valid inputs pass, with defaults applied", async () => {
    const result = await provider.check(
      {},
      orgInputs(biot.service, {
        description: "x".repeat(5000),
        headquarters: { countryCode: "NO", city: "Oslo" },
        locale: "nb-no",
        phone: "+4723000000",
        timezone: "America/Argentina/Buenos_Aires",
        primaryAdministrator: {
          ...admin,
          gender: "FEMALE",
          dateOfBirth: "1990-01-31",
          mfa: { enabled: true, expirationInMinutes: 1440 },
        },
        customAttributes: { beds: 12, region: "north", extra: null },
      }),
    );
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ adopt: false, timezone: "America/Argentina/Buenos_Aires" });
  });

  test("values unknown during preview are not judged", async () => {
    const result = await provider.check(
      {},
      orgInputs(biot.service, { templateName: undefined, templateId: UNKNOWN, phone: UNKNOWN }),
    );
    expect(result.failures).toBeUndefined();
  });

  test("a bad connection input fails at its path", async () => {
    const failures = await failuresFor(biot, {
      connection: { url: biot.service.url, serviceId: "not-a-uuid", serviceSecretKey: "k" },
    });
    expect(Object.keys(failures)).toEqual(["connection.serviceId"]);
  });
});
