import { RunningEmulators, startEmulators } from "../../../emulators";
import { SalesforceState } from "../../../emulators/salesforce/state";
import { SfpEmulator } from "../../../emulators/sfp/server";
import { failurePath } from "../../../provider/core";
import { providers } from "../../../provider/sfp/provider";

const registration = providers.SalesforceOrgRegistration;

describe("sfp provider methods", () => {
  let running: RunningEmulators;
  let sfp: SfpEmulator;
  let connection: { url: string; token: string };
  let authUrl: string;
  let refreshToken: string;

  beforeAll(async () => {
    running = await startEmulators({ only: ["salesforce", "sfp"] });
    sfp = (running.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
    connection = { url: sfp.emulator.url, token: sfp.issueToken("owner") };
    const state = (running.byName.salesforce.facts as { state: SalesforceState }).state;
    const created = state.createOrg({ username: "unit@sfp.test" });
    refreshToken = created.refreshToken;
    authUrl = `force://PlatformCLI::${refreshToken}@${new URL(running.byName.salesforce.emulator.url).host}`;
  });
  afterAll(() => running.stop());
  beforeEach(() => sfp.emulator.clearLog());

  test("check rejects bad input with property paths and makes no API call", async () => {
    const result = await registration.check!(
      {},
      {
        sfdxAuthUrl: "https://not-an-auth-url",
        username: "not an email",
        metadata: { owner: { nested: true } },
        isDefault: "yes",
        connection: { url: "ftp://x", token: "" },
      },
    );
    const paths = result.failures!.map(failurePath).sort();
    expect(paths).toEqual([
      "connection.token",
      "connection.url",
      "isDefault",
      "metadata.owner",
      "sfdxAuthUrl",
      "username",
    ]);
    // A secret input: the engine would print the value of a top-level property a failure names.
    const authUrl = result.failures!.find((f) => failurePath(f) === "sfdxAuthUrl")!;
    expect(authUrl).toMatchObject({
      property: "",
      reason: expect.stringMatching(/^sfdxAuthUrl: .*force:\/\//),
    });
    expect(sfp.emulator.log).toHaveLength(0);
  });

  test("create, refresh, update and delete", async () => {
    const checked = await registration.check!(
      {},
      { sfdxAuthUrl: authUrl, username: "unit@sfp.test", connection },
    );
    const created = await registration.create(checked.inputs);
    expect(created.id).toBe("unit@sfp.test");
    expect(created.outs).toMatchObject({
      orgId: expect.stringMatching(/^00D/),
      isDefault: false,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(created.outs)).not.toContain(refreshToken);
    // The existence check and the read-back read the list (shared by concurrent creates).
    expect(sfp.emulator.log.map((c) => `${c.method} ${c.path.replace(/^.*\//, "")} ${c.status}`)).toEqual([
      "GET orgs 200",
      "POST register 201",
      "GET orgs 200",
    ]);

    sfp.emulator.clearLog();
    const read = await registration.read!(created.id, created.outs);
    expect(read.props).toMatchObject({ orgId: created.outs.orgId });
    expect(sfp.emulator.log).toHaveLength(1);

    const news = { ...checked.inputs, metadata: { tier: "gold" } };
    const diff = await registration.diff!(created.id, created.outs, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    sfp.emulator.clearLog();
    const updated = await registration.update!(created.id, created.outs, news);
    expect(updated.outs).toMatchObject({ metadata: { tier: "gold" }, createdAt: created.outs.createdAt });
    // The list read confirms the registration is still the one in state, then register writes.
    expect(sfp.emulator.log.map((c) => c.method)).toEqual(["GET", "POST"]);

    const same = await registration.diff!(created.id, updated.outs, news);
    expect(same.changes).toBe(false);

    await registration.delete!(created.id, updated.outs);
    expect(sfp.orgs.has("unit@sfp.test")).toBe(false);
    await expect(registration.delete!(created.id, updated.outs)).resolves.toBeUndefined();
    expect(await registration.read!(created.id, updated.outs)).toEqual({});
  });

  test("a registration made again under the same username is another's: dropped on refresh, never written or deleted", async () => {
    const inputs = (
      await registration.check!({}, { sfdxAuthUrl: authUrl, username: "unit@sfp.test", connection })
    ).inputs;
    const created = await registration.create(inputs);
    // Out of band: this registration is deleted, and another owner registers the same user.
    const record = sfp.orgs.get("unit@sfp.test")!;
    const theirs = { ...record, createdAt: "2030-01-01T00:00:00.000Z", metadata: { owner: "other-team" } };
    sfp.orgs.set("unit@sfp.test", theirs);
    expect(await registration.read!(created.id, created.outs)).toEqual({});
    const news = { ...inputs, metadata: { tier: "gold" } };
    await expect(registration.update!(created.id, created.outs, news)).rejects.toThrow(
      /registration under unit@sfp.test now was made at 2030-01-01T00:00:00.000Z, not the one in state/,
    );
    await registration.delete!(created.id, created.outs);
    expect(sfp.orgs.get("unit@sfp.test")).toEqual(theirs);
    expect(sfp.emulator.calls({ method: "POST" })).toHaveLength(1); // the create's register only
    expect(sfp.emulator.calls({ method: "DELETE" })).toHaveLength(0);
    sfp.orgs.delete("unit@sfp.test");
  });

  test("creating over an existing registration fails and names adopt; adopt takes it over", async () => {
    const inputs = (
      await registration.check!({}, { sfdxAuthUrl: authUrl, username: "unit@sfp.test", connection })
    ).inputs;
    await registration.create(inputs);
    await expect(registration.create(inputs)).rejects.toThrow(/adopt: true/);
    sfp.emulator.clearLog();
    const adopted = await registration.create({ ...inputs, adopt: true });
    expect(adopted.id).toBe("unit@sfp.test");
    // Declared as it is: taken over without a write (the auth URL's hash goes into state).
    expect(sfp.emulator.calls().map((c) => c.method)).toEqual(["GET"]);
    expect(adopted.outs.secretHashes).toEqual({ sfdxAuthUrl: expect.stringMatching(/^sha256:/) });
    // A real difference is written.
    sfp.emulator.clearLog();
    const changed = await registration.create({ ...inputs, metadata: { tier: "gold" }, adopt: true });
    expect(sfp.emulator.calls({ method: "POST" }).map((c) => c.path)).toEqual([
      "/sfp/api/auth/salesforce/register",
    ]);
    expect(changed.outs.metadata).toEqual({ tier: "gold" });
    await registration.delete!(adopted.id, adopted.outs);
  });

  test("concurrent creates share the list calls of their existence checks and read-backs", async () => {
    const usernames = [1, 2, 3, 4, 5, 6].map((i) => `shared${i}@sfp.test`);
    const inputs = await Promise.all(
      usernames.map(async (username) => {
        const raw = { sfdxAuthUrl: authUrl, username, skipValidation: true, connection };
        return (await registration.check!({}, raw)).inputs;
      }),
    );
    sfp.emulator.faults.add({ latencyMs: 20 });
    try {
      const created = await Promise.all(inputs.map((i) => registration.create(i)));
      expect(created.map((c) => c.outs.createdAt)).toEqual(usernames.map(() => expect.any(String)));
      const lists = sfp.emulator.calls({ method: "GET", path: /\/orgs$/ }).length;
      expect(sfp.emulator.calls({ method: "POST" })).toHaveLength(6);
      // One list for the first check, one for the checks that came during it, and fewer read-backs than creates:
      // under 2 calls per create in all (a lone create makes 3).
      expect(lists).toBeGreaterThanOrEqual(2);
      expect(lists).toBeLessThan(usernames.length);
      await Promise.all(created.map((c) => registration.delete!(c.id, c.outs)));
    } finally {
      sfp.emulator.faults.clear();
    }
  });

  test("refresh reads the list (no Salesforce token minted) and fails loudly on a server error", async () => {
    sfp.emulator.clearLog();
    await registration.read!("unit@sfp.test", { connection });
    expect(sfp.emulator.log.map((c) => `${c.method} ${c.path.replace(/^.*\//, "")}`)).toEqual(["GET orgs"]);
    sfp.emulator.faults.add({ path: "/orgs$", status: 403, message: "database unavailable" });
    try {
      await expect(registration.read!("unit@sfp.test", { connection })).rejects.toThrow(
        /HTTP 403.*database unavailable/,
      );
    } finally {
      sfp.emulator.faults.clear();
    }
  });

  test("API errors keep the server's message and carry no secret", async () => {
    const bad = authUrl.replace(refreshToken, "5Aep861RevokedTokenValue0000");
    const inputs = (
      await registration.check!({}, { sfdxAuthUrl: bad, username: "gone@sfp.test", connection })
    ).inputs;
    const error: Error = await registration.create(inputs).catch((e) => e);
    // The user behind the auth URL is learned before the write: Salesforce's own refusal, nothing registered.
    expect(error.message).toMatch(
      /sfdxAuthUrl does not sign in to Salesforce .*HTTP 400: invalid_grant: expired access\/refresh token/,
    );
    expect(error.message).not.toContain("5Aep861RevokedTokenValue0000");
    expect(error.message).not.toContain(connection.token);
  });

  test("the connection falls back to SFP_SERVER_URL / SFP_SERVER_TOKEN, with a clear error when absent", async () => {
    const saved = { ...process.env };
    try {
      delete process.env.SFP_SERVER_URL;
      delete process.env.SFP_SERVER_TOKEN;
      await expect(registration.read!("x@y.test", {})).rejects.toThrow(/SFP_SERVER_URL, SFP_SERVER_TOKEN/);
      process.env.SFP_SERVER_URL = connection.url;
      process.env.SFP_SERVER_TOKEN = connection.token;
      expect(await registration.read!("x@y.test", {})).toEqual({});
    } finally {
      process.env = saved;
    }
  });

  describe("ownership", () => {
    let sfState: SalesforceState;
    const host = () => new URL(running.byName.salesforce.emulator.url).host;
    const newOrg = (username: string) => {
      const made = sfState.createOrg({ username });
      return { url: `force://PlatformCLI::${made.refreshToken}@${host()}`, refreshToken: made.refreshToken };
    };
    const checkedInputs = async (inputs: Record<string, unknown>) =>
      (await registration.check!({}, { ...inputs, connection })).inputs;
    const listed = (username: string) => [...sfp.orgs.values()].find((o) => o.username === username);
    beforeAll(() => {
      sfState = (running.byName.salesforce.facts as { state: SalesforceState }).state;
    });

    test("without username, create learns the user behind the auth URL and refuses another owner's registration", async () => {
      const org = newOrg("owned.elsewhere@sfp.test");
      const theirs = await registration.create(
        await checkedInputs({
          sfdxAuthUrl: org.url,
          username: "owned.elsewhere@sfp.test",
          metadata: { team: "a" },
        }),
      );
      const before = JSON.stringify(listed(theirs.id));
      sfp.emulator.clearLog();
      const error: Error = await registration
        .create(await checkedInputs({ sfdxAuthUrl: org.url, metadata: { team: "b" }, isDevHub: true }))
        .catch((e) => e);
      expect(error.message).toMatch(
        /"owned.elsewhere@sfp.test" already exists .*does not own it.*adopt: true/s,
      );
      expect(error.message).not.toContain(org.refreshToken);
      expect(JSON.stringify(listed(theirs.id))).toBe(before);
      expect(sfp.emulator.log.filter((c) => c.method !== "GET")).toEqual([]);
    });

    test("a declared username the auth URL does not sign in as is refused before any write", async () => {
      const theirs = newOrg("declared.other@sfp.test");
      sfp.emulator.clearLog();
      const inputs = await checkedInputs({ sfdxAuthUrl: theirs.url, username: "declared.mine@sfp.test" });
      const error: Error = await registration.create(inputs).catch((e) => e);
      expect(error.message).toMatch(/signs in as declared.other@sfp.test, not as the declared username/);
      expect(sfp.emulator.log).toEqual([]);
    });

    test("without username, a free org is registered under the user its auth URL signs in as", async () => {
      const org = newOrg("Learned.User@sfp.test");
      const created = await registration.create(await checkedInputs({ sfdxAuthUrl: org.url }));
      expect(created.id).toBe("learned.user@sfp.test");
      expect(created.outs.username).toBe("learned.user@sfp.test");
    });

    test("an update whose auth URL signs in as another user is refused before any write", async () => {
      const mine = newOrg("mine.rotating@sfp.test");
      const other = newOrg("someone.else@sfp.test");
      const created = await registration.create(await checkedInputs({ sfdxAuthUrl: mine.url }));
      const news = await checkedInputs({ sfdxAuthUrl: other.url });
      sfp.emulator.clearLog();
      const error: Error = await registration.update!(created.id, created.outs, news).catch((e) => e);
      expect(error.message).toMatch(
        /signs in as someone.else@sfp.test, but this resource registers mine.rotating@sfp.test.*username: "someone.else@sfp.test"/s,
      );
      expect(listed("someone.else@sfp.test")).toBeUndefined();
      expect(sfp.emulator.log.filter((c) => c.method !== "GET")).toEqual([]);
    });

    test("a rotated token of the same user stays an in-place update", async () => {
      const mine = newOrg("mine.same@sfp.test");
      const created = await registration.create(await checkedInputs({ sfdxAuthUrl: mine.url }));
      const rotated = "5AepRotatedSameUserToken0001";
      sfState.refreshTokens.set(rotated, sfState.refreshTokens.get(mine.refreshToken)!);
      const news = await checkedInputs({ sfdxAuthUrl: mine.url.replace(mine.refreshToken, rotated) });
      const diff = await registration.diff!(created.id, created.outs, news);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      const updated = await registration.update!(created.id, created.outs, news);
      expect(updated.outs.username).toBe("mine.same@sfp.test");
      expect([...sfp.orgs.values()].filter((o) => o.username.startsWith("mine.same"))).toHaveLength(1);
    });
  });
});
