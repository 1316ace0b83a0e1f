import { toState } from "../../../provider/core/diff";
import { providers } from "../../../provider/iics/provider";
import { organizationInputs, organizationSpec } from "../../../provider/iics/schema";
import { ADMIN_PASSWORD, orgInputs } from "./fixtures";

/** diff(): what changes, what replaces, and secrets compared by hash. No API involved. */
describe("iics.Organization diff", () => {
  const connection = {
    loginUrl: "https://dm-us.example.com",
    username: "partner@acme.example",
    password: "p4ssw0rd!",
  };
  const inputs = (overrides: Record<string, unknown> = {}) =>
    organizationInputs.parse({ ...orgInputs(overrides), connection }) as Record<string, unknown>;
  /** A state as create leaves it: inputs (password hashed) plus what IICS reported. */
  const state = (overrides: Record<string, unknown> = {}, outputs: Record<string, unknown> = {}) =>
    toState(organizationSpec, inputs(overrides), {
      orgId: "0123456789abcdefghijkl",
      timezone: "America/Los_Angeles",
      passwordReuseInDays: 0,
      passwordExpirationInDays: 0,
      ...outputs,
    });
  const diff = (olds: Record<string, unknown>, news: Record<string, unknown>) =>
    providers.Organization.diff!("0123456789abcdefghijkl", olds, news);
  const withAdmin = (admin: Record<string, unknown>) => ({
    admin: { ...(orgInputs().admin as object), ...admin },
  });

  test("the state keeps a hash of the admin password, never the password", () => {
    const text = JSON.stringify(state());
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(state().secretHashes).toEqual({
      "admin.password": expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });

  test("unchanged inputs make no change: the password compares by hash and does not flap", async () => {
    expect(await diff(state(), inputs())).toMatchObject({ changes: false, replaces: [] });
  });

  test("IICS's defaults for unset inputs (timezone, password policy) make no change", async () => {
    const olds = state({}, { timezone: "Europe/Paris", passwordExpirationInDays: 90, offerCode: "PARTNER" });
    expect((await diff(olds, inputs())).changes).toBe(false);
  });

  test("time zones compare without case", async () => {
    const olds = state({ timezone: "America/Chicago" }, { timezone: "america/chicago" });
    expect((await diff(olds, inputs({ timezone: "America/Chicago" }))).changes).toBe(false);
  });

  test("org fields update in place", async () => {
    for (const change of [
      { description: "ETL" },
      { name: "Acme Analytics" },
      { timezone: "America/Chicago" },
      { passwordExpirationInDays: 90 },
      { country: "DE", state: "BE", zipcode: "10115" },
    ]) {
      expect(await diff(state(), inputs(change))).toMatchObject({ changes: true, replaces: [] });
    }
  });

  test("removing a plain optional field is a change (it will be cleared)", async () => {
    const olds = state({ description: "ETL" });
    expect(await diff(olds, inputs())).toMatchObject({ changes: true, replaces: [] });
  });

  test("a new admin password is refused, never a replace that would delete the sub-organization", async () => {
    await expect(diff(state(), inputs(withAdmin({ password: "Another-Passw0rd" })))).rejects.toThrow(
      /administrator of sub-organization .* cannot be changed/,
    );
  });

  test("a new admin is refused even with a new org name; admin name case is not a change", async () => {
    const renamed = inputs({ name: "Acme Two", ...withAdmin({ username: "root@acme-two.example" }) });
    await expect(diff(state(), renamed)).rejects.toThrow(/cannot be changed/);
    const recased = inputs(withAdmin({ username: "ADMIN@acme-data.example" }));
    expect((await diff(state(), recased)).changes).toBe(false);
  });

  test("adopt and connection are local: a change, never a replace", async () => {
    const rotated = inputs({ adopt: true });
    rotated.connection = { ...connection, password: "rotated-p4ss" };
    expect(await diff(state(), rotated)).toMatchObject({ changes: true, replaces: [] });
  });
});
