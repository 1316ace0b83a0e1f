import { CommvaultClient, parseCommvaultError } from "../../../provider/commvault/client";
import { orgArgs, plaintext, startHarness } from "./harness";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("commvault errors", () => {
  test.each([
    [
      { errorMessage: "Access denied", errorCode: 5 },
      { code: "5", message: "Access denied" },
    ],
    [
      { errList: [{ errLogMessage: "Invalid Username or Password", errorCode: 1116 }] },
      { code: "1116", message: "Invalid Username or Password" },
    ],
    [{ response: { errorCode: 2, errorString: "retire failed" } }, { code: "2", message: "retire failed" }],
    [
      { response: [{ errorCode: 0 }, { errorCode: 7, errorString: "second failed" }] },
      { code: "7", message: "second failed" },
    ],
    [{ error: { errorCode: 9, errorMessage: "V4 failure" } }, { code: "9", message: "V4 failure" }],
    ["plain text", {}],
  ])("parseCommvaultError(%j)", (body, expected) => {
    expect(parseCommvaultError(body)).toEqual(expected);
  });

  describe("against the emulator", () => {
    let h: Awaited<ReturnType<typeof startHarness>>;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(() => h.stop());

    test("a 200 reply with a non-zero errorCode is an error with the API's code and message", async () => {
      const created = await h.createOrg(orgArgs("e-200"));
      const client = new CommvaultClient(h.connection);
      const ids = {
        clientId: Number(created.id),
        instanceId: created.state.instanceId,
        backupsetId: created.state.backupsetId,
      };
      const error = await client
        .modifyOrganization(ids, {
          accessNodes: [{ client: { clientId: 999, clientName: "ghost", _type_: 3 } }],
        })
        .catch((e) => e);
      expect(error.name).toBe("ApiError");
      expect(error).toMatchObject({ status: 200, code: "2", apiMessage: "Client [999] does not exist" });
    });

    test("an existing name is found by listing before any write: the error names the client and adopt", async () => {
      const first = await h.createOrg(orgArgs("e-dup"));
      h.cv.emulator.clearLog();
      await expect(h.createOrg(orgArgs("e-dup"))).rejects.toThrow(
        `commvault.Organization "e-dup" already exists (client id ${first.id}) and this resource does not own it`,
      );
      expect(h.calls("POST", /Organization$/)).toEqual([]);
    });

    test("a 409 for a name the list does not show surfaces the API's own message", async () => {
      h.cv.emulator.faults.add({
        method: "POST",
        path: "/Salesforce/Organization$",
        status: 409,
        message: "Client [e-409] already exists",
        times: 1,
      });
      await expect(h.createOrg(orgArgs("e-409"))).rejects.toThrow(
        "commvault POST /Salesforce/Organization failed: HTTP 409: 2: Client [e-409] already exists",
      );
    });

    test("secrets an API echoes back never reach the error, plain or Base64", async () => {
      const echoed = `rejected body: password=${b64(plaintext.sfPassword)} consumer ${plaintext.consumerSecret} ${b64(plaintext.dbPassword)}`;
      h.cv.emulator.faults.add({
        method: "POST",
        path: "/Salesforce/Organization$",
        status: 400,
        message: echoed,
        times: 1,
      });
      const error = await h
        .createOrg(
          orgArgs("e-echo", {
            syncDatabase: {
              type: "postgresql",
              host: "h",
              port: 1,
              name: "n",
              userName: "u",
              password: plaintext.dbPassword,
            },
          }),
        )
        .catch((e) => e);
      expect(error.message).toMatch(/HTTP 400/);
      for (const secret of [plaintext.sfPassword, plaintext.consumerSecret, plaintext.dbPassword]) {
        expect(error.message).not.toContain(secret);
        expect(error.message).not.toContain(b64(secret));
      }
    });

    test("the connection password and the login token stay out of errors", async () => {
      const password = h.cv.admin.password;
      h.cv.emulator.faults.add({
        path: "/Login$",
        status: 400,
        message: `bad login ${b64(password)} for ${password}`,
        times: 1,
      });
      // A URL spelled differently is a credential of its own, so this client really logs in.
      const client = new CommvaultClient({ url: `${h.cv.apiUrl}/`, username: "admin", password });
      const error = await client.listPlans().catch((e) => e);
      expect(error.message).toMatch(/^commvault POST \/Login failed: HTTP 400/);
      expect(error.message).not.toContain(password);
      expect(error.message).not.toContain(b64(password));
      const login = await fetch(`${h.cv.apiUrl}/Login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: b64(password) }),
      });
      const token = ((await login.json()) as { token: string }).token;
      h.cv.emulator.faults.add({ path: "/Plan$", status: 400, message: `session ${token} broke`, times: 1 });
      const leaked = await client.listPlans().catch((e) => e);
      expect(leaked.message).toMatch(/HTTP 400/);
      expect(leaked.message).not.toContain(token.split(" ")[1]);
    });
  });
});
