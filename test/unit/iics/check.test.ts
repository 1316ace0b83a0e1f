import type * as dynamic from "@pulumi/pulumi/dynamic";
import { UNKNOWN } from "../../../provider/core";
import { providers } from "../../../provider/iics/provider";
import { ADMIN_PASSWORD, orgInputs, startIics } from "./fixtures";

/** check(): every input rule with its property path, before any API call. */
describe("iics.Organization check", () => {
  let emu: Awaited<ReturnType<typeof startIics>>;
  const check = (overrides: Record<string, unknown> = {}) =>
    providers.Organization.check!({}, { ...orgInputs(overrides), connection: emu.connection }) as Promise<
      dynamic.CheckResult<Record<string, unknown>>
    >;
  const failuresOf = async (overrides: Record<string, unknown>) => (await check(overrides)).failures ?? [];
  const propertiesOf = async (overrides: Record<string, unknown>) =>
    (await failuresOf(overrides)).map((f) => f.property).sort();

  beforeAll(async () => {
    emu = await startIics();
  });
  afterAll(() => emu.iics.emulator.stop());

  test("valid inputs pass with defaults applied", async () => {
    const result = await check();
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ name: "Acme Data", adopt: false });
  });

  test.each([
    ["description", "d".repeat(255), "d".repeat(256)],
    ["passwordExpirationInDays", 180, 181],
    ["passwordReuseInDays", 730, 731],
    ["passwordReuseInDays", 0, -1],
    ["passwordExpirationInDays", 0, 1.5],
  ])("seed limit on %s: %p passes, %p fails at that path", async (field, ok, bad) => {
    expect(await propertiesOf({ [field]: ok })).toEqual([]);
    expect(await propertiesOf({ [field]: bad })).toEqual([field]);
  });

  test("state and zipcode are required for every country (Informatica's docs), each at its own path", async () => {
    expect(await failuresOf({ state: undefined })).toEqual([
      { property: "state", reason: "Invalid input: expected string, received undefined" },
    ]);
    expect(await propertiesOf({ zipcode: undefined })).toEqual(["zipcode"]);
    expect(await propertiesOf({ state: undefined, zipcode: undefined })).toEqual(["state", "zipcode"]);
    expect(await propertiesOf({ country: "DE", state: undefined, zipcode: undefined })).toEqual([
      "state",
      "zipcode",
    ]);
    expect(await propertiesOf({ country: "DE", state: "BE", zipcode: "10115" })).toEqual([]);
  });

  test("a blank state or zipcode is refused like a missing one", async () => {
    expect(await failuresOf({ state: " " })).toEqual([{ property: "state", reason: "must not be blank" }]);
    expect(await failuresOf({ zipcode: "\u00a0" })).toEqual([
      { property: "zipcode", reason: "must not be blank" },
    ]);
    expect(await propertiesOf({ state: "a\nb" })).toEqual(["state"]);
  });

  test.each([
    ["name", { name: "" }],
    ["name", { name: "   " }],
    ["address1", { address1: undefined }],
    ["city", { city: undefined }],
    ["country", { country: "us" }],
    ["country", { country: "USA" }],
    ["employees", { employees: "12" }],
    ["timezone", { timezone: "Mars/Olympus" }],
    ["successEmails", { successEmails: "ops@acme.example, not-an-email" }],
    ["admin.username", { admin: { ...(orgInputs().admin as object), username: "ada" } }],
    ["admin.password", { admin: { ...(orgInputs().admin as object), password: undefined } }],
    ["admin.timezone", { admin: { ...(orgInputs().admin as object), timezone: "Nowhere" } }],
    ["admin.nickname", { admin: { ...(orgInputs().admin as object), nickname: "Ada" } }],
    ["zip", { zip: "21201" }],
  ])("reports %s", async (property, overrides) => {
    expect(await propertiesOf(overrides)).toEqual([property]);
  });

  test("several comma-separated notification addresses are fine", async () => {
    expect(await propertiesOf({ errorEmails: "ops@acme.example, oncall@acme.example" })).toEqual([]);
  });

  test("a bad connection input is reported at its path", async () => {
    const result = await providers.Organization.check!(
      {},
      { ...orgInputs(), connection: { ...emu.connection, loginUrl: "dm-us" } },
    );
    expect(result.failures?.map((f) => f.property)).toEqual(["connection.loginUrl"]);
  });

  test("values still unknown during preview are not judged", async () => {
    const result = await check({ country: UNKNOWN, state: UNKNOWN, description: UNKNOWN });
    expect(result.failures).toBeUndefined();
    expect(await propertiesOf({ country: UNKNOWN, description: "d".repeat(256) })).toEqual(["description"]);
  });

  test("failures never echo the admin password", async () => {
    const failures = await failuresOf({ admin: { username: "x", password: ADMIN_PASSWORD } });
    expect(failures.length).toBeGreaterThan(0);
    expect(JSON.stringify(failures)).not.toContain(ADMIN_PASSWORD);
  });

  test("no rule above needed the API: not one call was made, not even a login", () => {
    expect(emu.iics.emulator.log).toEqual([]);
  });
});
