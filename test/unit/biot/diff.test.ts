import { UNKNOWN } from "../../../provider/core";
import { providerStub } from "../../../provider/core/stub";
import { Biot, checked, createOrg, orgInputs, provider, startBiot } from "./harness";

describe("biot.Organization diff", () => {
  let biot: Biot;
  let created: Awaited<ReturnType<typeof createOrg>>;
  beforeAll(async () => {
    biot = await startBiot();
    created = await createOrg(
      orgInputs(biot.service, {
        description: "d",
        customAttributes: { region: "north" },
        phone: "+4723000000",
      }),
    );
  });
  afterAll(() => biot.stop());
  beforeEach(() => biot.emulator.clearLog());
  afterEach(() => expect(biot.emulator.log).toHaveLength(0)); // diff never calls the API

  const diffWith = async (overrides: Record<string, unknown>) =>
    provider.diff(created.id, created.state, await checked({ ...created.inputs, ...overrides }));

  test("the same inputs show no change", async () => {
    expect((await diffWith({})).changes).toBe(false);
  });

  test("a removed headquarters is no change: BioT cannot clear an address, so orgplane never sends null", async () => {
    const withAddress = { ...created.state, headquarters: { countryCode: "US", city: "Boston" } };
    const news = await checked({ ...created.inputs, headquarters: undefined });
    expect((await provider.diff(created.id, withAddress, news)).changes).toBe(false);
  });

  test("removing phone, locale, timezone or description keeps BioT's value: no change (never a null PATCH)", async () => {
    for (const key of ["phone", "locale", "timezone", "description"])
      expect((await diffWith({ [key]: undefined })).changes).toBe(false);
  });

  test("a custom attribute absent or null is the same as unset", async () => {
    const diff = await diffWith({ customAttributes: { region: "north", beds: null } });
    expect(diff.changes).toBe(false);
  });

  test.each([
    ["name", { name: "Renamed clinic" }],
    ["description", { description: "new" }],
    ["headquarters", { headquarters: { countryCode: "US", city: "Boston" } }],
    ["custom attribute", { customAttributes: { region: "south" } }],
    ["timezone", { timezone: "Europe/Oslo" }],
  ])("%s updates in place", async (_label, overrides) => {
    const diff = await diffWith(overrides);
    expect(diff.changes).toBe(true);
    expect(diff.replaces).toEqual([]);
  });

  test("adopt and connection changes are local updates, never replaces", async () => {
    const diff = await diffWith({
      adopt: true,
      connection: { ...biot.service, url: biot.service.url + "/" },
    });
    expect(diff.changes).toBe(true);
    expect(diff.replaces).toEqual([]);
  });

  test("a template name change replaces, deleting first (names and admin emails are unique)", async () => {
    const diff = await diffWith({ templateName: "Hospital" });
    expect(diff.replaces).toEqual(["templateName"]);
    expect(diff.deleteBeforeReplace).toBe(true);
  });

  test("switching to a template id replaces", async () => {
    const hospital = biot.biot.state.templateByName("Hospital", "organization")!;
    const diff = await diffWith({ templateName: undefined, templateId: hospital.id });
    expect(diff.replaces).toEqual(["templateId", "templateName"]);
    expect(diff.deleteBeforeReplace).toBe(true);
  });

  test("an administrator change is refused at preview with a clear message, never a replace", async () => {
    const admin = created.inputs.primaryAdministrator as Record<string, unknown>;
    await expect(
      diffWith({ primaryAdministrator: { ...admin, email: "someone.else@clinic.example" } }),
    ).rejects.toThrow(/primary administrator .* cannot be changed.*ignoreChanges/s);
  });

  test("through the stub the host runs, the refusal prints as its message once, without a stack trace", async () => {
    const stub = providerStub(require.resolve("../../../provider/biot/provider"), "Organization");
    const admin = created.inputs.primaryAdministrator as Record<string, unknown>;
    const news = await checked({
      ...created.inputs,
      primaryAdministrator: { ...admin, email: "x@clinic.example" },
    });
    const error = (await stub.diff!(created.id, created.state, news).catch((e: Error) => e)) as Error;
    // The host logs `${e}: ${e.stack}` (@pulumi/pulumi cmd/dynamic-provider).
    expect(`${error}: ${error.stack}`).toBe(`OrgplaneError: ${error.message}`);
  });

  test("an administrator not known yet during preview is not refused (update checks it)", async () => {
    const diff = await diffWith({ primaryAdministrator: UNKNOWN });
    expect(diff.changes).toBe(true);
    expect(diff.replaces).toEqual([]);
  });

  test("an administrator change together with a template change is part of the replacement", async () => {
    const admin = created.inputs.primaryAdministrator as Record<string, unknown>;
    const diff = await diffWith({
      templateName: "Hospital",
      primaryAdministrator: { ...admin, email: "new@clinic.example" },
    });
    expect(diff.replaces).toEqual(["templateName"]);
  });
});
