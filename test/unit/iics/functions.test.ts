import {
  getOrganization,
  getOrganizationOutput,
  getParentOrganization,
  listSubOrganizations,
} from "../../../provider/iics/functions";
import { providers } from "../../../provider/iics/provider";
import { orgInputs, startIics } from "./fixtures";

/** The lookups a program can run, against the in-process emulator. */
describe("iics lookups", () => {
  let emu: Awaited<ReturnType<typeof startIics>>;
  let id = "";

  beforeAll(async () => {
    emu = await startIics();
    const checked = await providers.Organization.check!({}, { ...orgInputs(), connection: emu.connection });
    id = (await providers.Organization.create!(checked.inputs)).id;
  });
  afterAll(() => emu.iics.emulator.stop());

  test("getOrganization finds a sub-org by id and by name, and answers undefined for an unknown one", async () => {
    const { connection } = emu;
    expect(await getOrganization({ id, connection })).toMatchObject({ id, name: "Acme Data" });
    expect(await getOrganization({ name: "Acme Data", connection })).toMatchObject({ id });
    expect(await getOrganization({ name: "Nobody", connection })).toBeUndefined();
  });

  test("getParentOrganization and listSubOrganizations describe the partner org", async () => {
    const parent = await getParentOrganization({ connection: emu.connection });
    expect(parent).toMatchObject({ id: emu.iics.partner.orgId, parentOrgId: "0" });
    expect(await listSubOrganizations({ connection: emu.connection })).toEqual([{ id, name: "Acme Data" }]);
  });

  test("all lookups share the provider's one login", () => {
    expect(emu.iics.emulator.calls({ path: "/ma/api/v2/user/login" })).toHaveLength(1);
  });
});

describe("iics lookups check their arguments before any call", () => {
  let emu: Awaited<ReturnType<typeof startIics>>;
  beforeAll(async () => {
    emu = await startIics();
  });
  afterAll(() => emu.iics.emulator.stop());
  beforeEach(() => emu.iics.emulator.clearLog());

  /** Calls the types would refuse, as a JavaScript program can make them. */
  const refusal = (args: unknown) =>
    getOrganization({ ...(args as object), connection: emu.connection } as never).catch((e: Error) => e);

  test.each([
    [{}, "iics.getOrganization: give exactly one of id and name"],
    [{ id: "x", name: "y" }, "iics.getOrganization: give id or name, not both"],
    [{ name: "" }, "iics.getOrganization: name: must not be blank"],
    [{ name: "Acme\r\nData" }, "name: must not contain control characters"],
    [{ id: ".." }, "iics.getOrganization: id: must not be . or .."],
    [{ id: 42 }, "iics.getOrganization: id: Invalid input: expected string, received number"],
  ])("getOrganization(%j) is refused", async (args, reason) => {
    const error = await refusal(args);
    expect(error).toMatchObject({ name: "OrgplaneError" });
    expect((error as Error).message).toContain(reason);
    expect(emu.iics.emulator.log).toEqual([]);
  });

  test("the Output form refuses too; a bad connection is named without its password", async () => {
    const output = getOrganizationOutput({} as never) as unknown as {
      promise(): Promise<unknown>;
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
    };
    for (const other of [output.isKnown, output.isSecret]) other.catch(() => undefined);
    await expect(output.promise()).rejects.toThrow("iics.getOrganization: give exactly one of id and name");
    const password = "iics-password-never-shown";
    const error = (await listSubOrganizations({
      connection: { loginUrl: "not a url", username: "admin", password },
    }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/^iics\.listSubOrganizations: connection\.loginUrl: /);
    expect(error.message).not.toContain(password);
    expect(emu.iics.emulator.log).toEqual([]);
  });

  test("valid arguments still find the org", async () => {
    const parent = await getParentOrganization({ connection: emu.connection });
    const byName = await getOrganization({ name: parent.name, connection: emu.connection });
    expect(byName).toMatchObject({ id: parent.id });
  });
});
