import * as biot from "../../../provider/biot/functions";
import { Biot, startBiot } from "./harness";

describe("biot lookups check their arguments before any call", () => {
  let emu: Biot;
  beforeAll(async () => (emu = await startBiot()));
  afterAll(() => emu.stop());
  beforeEach(() => emu.emulator.clearLog());

  test.each([
    [
      "getOrganization",
      { id: "../organizations" },
      "biot.getOrganization: id: must be an organization id (a UUID)",
    ],
    ["getOrganization", {}, "biot.getOrganization: id: Invalid input: expected string, received undefined"],
    ["findOrganizationByName", { name: "" }, "biot.findOrganizationByName: name: must not be blank"],
    ["findOrganizationByName", { name: "North\u0000Clinic" }, "name: must not contain control characters"],
    [
      "searchOrganizations",
      { filter: { _name: { contains: "clinic" } } },
      "biot.searchOrganizations: filter._name.contains: is not known to biot.searchOrganizations",
    ],
    [
      "searchOrganizations",
      { filter: { "_name eq": { eq: "x" } } },
      "biot.searchOrganizations: filter._name eq: must be a field name such as _name or _headquarters.city",
    ],
    [
      "searchOrganizations",
      { filter: { $OR: { filter: { _name: { like: 5 } } } } },
      "biot.searchOrganizations: filter.$OR.filter._name.like: Invalid input: expected string, received number",
    ],
    [
      "searchOrganizations",
      { limit: 0, page: -1 },
      "limit: Too small: expected number to be >=1; page: Too small",
    ],
    ["searchOrganizations", { sort: [{ prop: "_name", order: "asc" }] }, "sort[0].order: Invalid option"],
    [
      "listOrganizations",
      { page: 2 },
      "biot.listOrganizations: page: is not known to biot.listOrganizations",
    ],
  ] as const)("%s(%j) is refused", async (name, args, reason) => {
    const lookup = biot[name] as (args: never) => Promise<unknown>;
    const error = (await lookup({ ...args, connection: emu.service } as never).catch(
      (e: Error) => e,
    )) as Error;
    expect(error).toMatchObject({ name: "OrgplaneError" });
    expect(error.message).toContain(reason);
    expect(emu.emulator.log).toEqual([]);
  });

  test("the Output form refuses too; a bad connection is named without its secret key", async () => {
    const output = biot.getOrganizationOutput({ id: "x", connection: emu.service }) as unknown as {
      promise(): Promise<unknown>;
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
    };
    for (const other of [output.isKnown, output.isSecret]) other.catch(() => undefined);
    await expect(output.promise()).rejects.toThrow("biot.getOrganization: id: must be an organization id");
    const serviceSecretKey = "biot-secret-never-shown";
    const error = (await biot
      .findOrganizationByName({
        name: "Manufacturer",
        connection: { url: emu.service.url, serviceSecretKey },
      })
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /^biot\.findOrganizationByName: connection: give serviceId and serviceSecretKey/,
    );
    expect(error.message).not.toContain(serviceSecretKey);
    expect(emu.emulator.log).toEqual([]);
  });

  test("valid arguments still search, list and find", async () => {
    const connection = emu.service;
    const found = await biot.findOrganizationByName({ name: "Manufacturer", connection });
    expect(found?._name).toBe("Manufacturer");
    expect((await biot.getOrganization({ id: found!._id, connection }))?._name).toBe("Manufacturer");
    const page = await biot.searchOrganizations({
      filter: { $OR: { filter: { _name: { like: "manu" }, _id: { in: [found!._id] } } } },
      sort: [{ prop: "_name", order: "ASC" }],
      freeTextSearch: "Manufacturer",
      limit: 5,
      page: 0,
      connection,
    });
    expect(page.data.map((o) => o._id)).toContain(found!._id);
    expect(
      await biot.listOrganizations({ filter: { _name: { eq: "Manufacturer" } }, connection }),
    ).toHaveLength(1);
  });
});
