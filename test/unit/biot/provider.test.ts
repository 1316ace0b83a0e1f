import { Biot, callsOf, checked, createOrg, orgInputs, provider, startBiot } from "./harness";

const ORGS = "/organization/v1/organizations";

describe("biot.Organization provider against the emulator", () => {
  let biot: Biot;
  beforeAll(async () => (biot = await startBiot()));
  afterAll(() => biot.stop());
  beforeEach(() => biot.emulator.clearLog());

  const apiCalls = () => callsOf(biot).filter((c) => !c.includes("/ums/"));

  test("create by template id sends one POST and keeps the reply's outputs", async () => {
    const clinic = biot.biot.state.templateByName("Clinic", "organization")!;
    const inputs = orgInputs(biot.service, {
      templateName: undefined,
      templateId: clinic.id,
      headquarters: { countryCode: "US", city: "Boston" },
      timezone: "America/New_York",
      customAttributes: { beds: 40, accountCode: "ABC-1234" },
      primaryAdministrator: {
        email: "ops@boston.example",
        name: { firstName: "Grace", lastName: "Hopper" },
        mfa: { enabled: true, expirationInMinutes: 30 },
      },
    });
    const { id, state } = await createOrg(inputs);
    expect(apiCalls()).toEqual([`GET ${ORGS}`, `POST ${ORGS}`]); // the existence check, then the create
    const sent = biot.emulator.calls({ method: "POST", path: ORGS })[0].body as Record<string, unknown>;
    expect(sent).toMatchObject({
      _templateId: clinic.id,
      _name: inputs.name,
      beds: 40,
      accountCode: "ABC-1234",
    });
    expect(sent._primaryAdministrator).toEqual({
      _email: "ops@boston.example",
      _name: { firstName: "Grace", lastName: "Hopper" },
      _mfa: { enabled: true, expirationInMinutes: 30 },
    });
    expect(biot.biot.executionModes.at(-1)).toMatchObject({ method: "POST", mode: "sync" });
    const org = biot.biot.state.orgs.get(id)!;
    expect(state).toMatchObject({
      organizationId: id,
      template: { id: clinic.id, name: "Clinic" },
      primaryAdministratorId: org.adminId,
      customAttributes: { beds: 40, accountCode: "ABC-1234" },
      headquarters: { countryCode: "US", city: "Boston" },
      creationTime: org.creationTime,
    });
    expect(biot.biot.state.users.get(org.adminId)?.email).toBe("ops@boston.example");
    expect(state.primaryAdministrator).toEqual(inputs.primaryAdministrator); // kept as declared
  });

  test("create by template name posts to the template path", async () => {
    const { id, state } = await createOrg(
      orgInputs(biot.service, {
        templateName: "Hospital",
        customAttributes: { tier: "B", accredited: true },
      }),
    );
    expect(apiCalls()).toEqual([`GET ${ORGS}`, `POST ${ORGS}/templates/Hospital`]);
    expect(biot.biot.state.orgs.get(id)?.custom).toEqual({ tier: "B", accredited: true });
    expect(state.template).toMatchObject({ name: "Hospital" });
  });

  test("the API's own refusal surfaces with its code and trace id", async () => {
    const inputs = await checked(
      orgInputs(biot.service, { templateName: "Hospital", customAttributes: { tier: "Z" } }),
    );
    const error = (await provider.create(inputs).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/HTTP 400: SELECT_ATTRIBUTE_INVALID_VALUE/);
    expect(error.message).toMatch(/request id [0-9a-f]{16}/);
  });

  test("update PATCHes only the changed fields and attributes", async () => {
    const { id, inputs, state } = await createOrg(
      orgInputs(biot.service, {
        description: "old",
        phone: "+4723000000",
        locale: "en-us",
        customAttributes: { region: "north", beds: 10 },
      }),
    );
    biot.emulator.clearLog();
    const news = await checked({
      ...inputs,
      description: "new",
      phone: "+4723000001",
      customAttributes: { region: "north", beds: 12 },
    });
    const { outs } = await provider.update(id, state, news);
    expect(apiCalls()).toEqual([`PATCH ${ORGS}/${id}`]);
    expect(biot.emulator.calls({ method: "PATCH" })[0].body).toEqual({
      _description: "new",
      _phone: "+4723000001",
      beds: 12,
    });
    const org = biot.biot.state.orgs.get(id)!;
    expect(org).toMatchObject({ description: "new", locale: "en-us", custom: { region: "north", beds: 12 } });
    expect(org.phone).toBe("+4723000001");
    expect(outs).toMatchObject({
      description: "new",
      phone: "+4723000001",
      customAttributes: { region: "north", beds: 12 },
    });
  });

  test("a rename and a removed attribute are PATCHed; local-only changes make no call", async () => {
    const { id, inputs, state } = await createOrg(
      orgInputs(biot.service, { customAttributes: { region: "north" } }),
    );
    biot.emulator.clearLog();
    const renamed = await checked({ ...inputs, name: `${inputs.name} B`, customAttributes: undefined });
    const { outs } = await provider.update(id, state, renamed);
    expect(biot.emulator.calls({ method: "PATCH" })[0].body).toEqual({
      _name: `${inputs.name} B`,
      region: null,
    });
    biot.emulator.clearLog();
    await provider.update(id, outs, { ...renamed, adopt: true });
    expect(biot.emulator.log).toHaveLength(0);
  });

  test("an administrator change is refused before any call and the organization is untouched", async () => {
    const { id, inputs, state } = await createOrg(orgInputs(biot.service));
    const org = biot.biot.state.orgs.get(id)!;
    const adminBefore = org.adminId;
    biot.emulator.clearLog();
    const admin = inputs.primaryAdministrator as Record<string, unknown>;
    const news = await checked({
      ...inputs,
      description: "x",
      primaryAdministrator: { ...admin, email: "new@clinic.example" },
    });
    await expect(provider.update(id, state, news)).rejects.toThrow(
      /primary administrator .* cannot be changed/s,
    );
    expect(biot.emulator.log).toHaveLength(0);
    expect(biot.biot.state.orgs.get(id)).toMatchObject({ adminId: adminBefore });
    expect(org.description).toBeUndefined();
  });

  test("delete waits (x-execution-mode: sync), so a read right after sees it gone; a second delete is fine", async () => {
    const { id, state } = await createOrg(orgInputs(biot.service));
    const adminId = biot.biot.state.orgs.get(id)!.adminId;
    biot.emulator.clearLog();
    await provider.delete(id, state);
    expect(apiCalls()).toEqual([`DELETE ${ORGS}/${id}`]);
    expect(biot.biot.executionModes.at(-1)).toEqual({
      method: "DELETE",
      path: `${ORGS}/${id}`,
      mode: "sync",
    });
    expect(biot.biot.state.users.has(adminId)).toBe(false);
    expect(await provider.read(id, state)).toEqual({});
    await expect(provider.delete(id, state)).resolves.toBeUndefined(); // 404 counts as deleted
    expect(biot.emulator.log.at(-1)?.status).toBe(404);
  });

  test("deleting the first (manufacturer) organization fails with a clear message", async () => {
    const first = biot.biot.state.manufacturer;
    const error = (await provider
      .delete(first.id, { connection: biot.service })
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/first \(manufacturer\) organization/);
    expect(error.message).toMatch(/CANNOT_DELETE_FIRST_ORGANIZATION/);
    expect(error.message).toMatch(/pulumi state delete/);
    expect(biot.biot.state.orgs.has(first.id)).toBe(true);
  });

  test("refresh reads by id, reports out-of-band changes and keeps the admin as declared", async () => {
    const { id, state } = await createOrg(
      orgInputs(biot.service, { description: "declared", customAttributes: { region: "north" } }),
    );
    const org = biot.biot.state.orgs.get(id)!;
    org.description = "changed in the console";
    org.timezone = "Europe/Oslo";
    delete org.custom.region;
    biot.emulator.clearLog();
    const read = await provider.read(id, state);
    expect(apiCalls()).toEqual([`GET ${ORGS}/${id}`]);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ description: "changed in the console", timezone: "Europe/Oslo" });
    expect(read.props?.customAttributes).toBeUndefined();
    expect(read.props?.primaryAdministrator).toEqual(state.primaryAdministrator);
    expect(read.props?.templateName).toBe("Clinic");
  });

  test("refresh of an organization deleted out of band drops it", async () => {
    const { id, state } = await createOrg(orgInputs(biot.service));
    biot.biot.state.deleteOrg(id);
    expect(await provider.read(id, state)).toEqual({});
  });

  test("creating over an existing name fails naming adopt; adopt takes it over and converges declared fields", async () => {
    const first = await createOrg(
      orgInputs(biot.service, { description: "first", customAttributes: { region: "north" } }),
    );
    const again = await checked({
      ...orgInputs(biot.service),
      name: first.inputs.name,
      description: "adopted",
    });
    await expect(provider.create(again)).rejects.toThrow(/already exists .*`adopt: true`/s);
    biot.emulator.clearLog();
    const adopted = await provider.create({ ...again, adopt: true });
    expect(adopted.id).toBe(first.id);
    expect(apiCalls()).toEqual([`GET ${ORGS}`, `PATCH ${ORGS}/${first.id}`]); // no create attempt
    expect(biot.emulator.calls({ method: "PATCH" })[0].body).toEqual({ _description: "adopted" });
    expect(biot.biot.state.orgs.get(first.id)?.custom).toEqual({ region: "north" }); // undeclared: left alone
    expect([...biot.biot.state.orgs.values()].filter((o) => o.name === first.inputs.name)).toHaveLength(1);
  });

  test("adopting an organization of another template fails clearly", async () => {
    const first = await createOrg(orgInputs(biot.service));
    const other = await checked({
      ...orgInputs(biot.service, { templateName: "Hospital" }),
      name: first.inputs.name,
      adopt: true,
    });
    await expect(provider.create(other)).rejects.toThrow(/cannot adopt .* template/s);
  });

  test("an admin email already in use fails with an explanation", async () => {
    const inputs = await checked(
      orgInputs(biot.service, {
        primaryAdministrator: {
          email: "admin@manufacturer.example",
          name: { firstName: "A", lastName: "B" },
        },
      }),
    );
    await expect(provider.create(inputs)).rejects.toThrow(
      /EMAIL_ALREADY_EXIST.*belongs to an existing BioT user/s,
    );
  });

  test.each([false, true])(
    "removing headquarters sends no PATCH, whatever null would do (null clears: %s)",
    async (nullAddressClears) => {
      biot.biot.state.nullAddressClears = nullAddressClears;
      try {
        const withAddress = orgInputs(biot.service, { headquarters: { countryCode: "US", city: "Boston" } });
        const created = await createOrg(withAddress);
        const news = await checked({ ...created.inputs, headquarters: undefined, description: "moved" });
        biot.emulator.clearLog();
        await provider.update!(created.id, created.state, news);
        const [patch] = biot.emulator.calls({ method: "PATCH" });
        expect(patch.body).toEqual({ _description: "moved" });
        expect(biot.biot.state.orgs.get(created.id)?.headquarters).toMatchObject({ city: "Boston" });
      } finally {
        biot.biot.state.nullAddressClears = false;
      }
    },
  );

  test("an older environment that requires the admin's employeeId (seed 003) names the input to declare", async () => {
    biot.biot.state.adminFieldsOfSeed003 = true;
    try {
      const error = await provider.create(await checked(orgInputs(biot.service))).catch((e) => e);
      expect(error.message).toMatch(/ATTRIBUTE_IS_MANDATORY.*requires primaryAdministrator.employeeId/s);
      const withId = orgInputs(biot.service);
      const admin = withId.primaryAdministrator as Record<string, unknown>;
      const created = await createOrg({ ...withId, primaryAdministrator: { ...admin, employeeId: "E-1" } });
      expect(created.id).toBeDefined();
    } finally {
      biot.biot.state.adminFieldsOfSeed003 = false;
    }
  });

  test("a create whose reply is lost is never made twice: the one found is left to adopt", async () => {
    biot.emulator.faults.add({
      method: "POST",
      path: "^/organization/v1/organizations",
      commitThenDrop: true,
      times: 1,
    });
    const args = orgInputs(biot.service);
    const error = await createOrg(args).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/its reply was lost.*another owner's.*adopt: true/s);
    expect(apiCalls()).toEqual([`GET ${ORGS}`, `POST ${ORGS}/templates/Clinic`, `GET ${ORGS}`]);
    const { id, inputs } = await createOrg({ ...args, adopt: true });
    expect(biot.biot.state.orgs.get(id)?.name).toBe(inputs.name);
    expect([...biot.biot.state.orgs.values()].filter((o) => o.name === inputs.name)).toHaveLength(1);
  });
});
