import {
  getOrganization,
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
