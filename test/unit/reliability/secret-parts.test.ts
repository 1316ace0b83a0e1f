import { RunningEmulators, startEmulators } from "../../../emulators";
import { failurePath, registerSecret, SessionPool } from "../../../provider/core";
import { redact } from "../../../provider/core/redact";
import { kindFixtures } from "../../kinds";
import { createError, providerOf, specOf } from "../../reliability/kinds";
import { b64, hits, partsOf, secretValues } from "../../reliability/secrets";

describe("secrets: derived parts are redacted", () => {
  test("the refresh token and client secret of an auth URL, Base64 forms, bearer tokens, JWTs, session ids", () => {
    const refresh = "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrfzXyBTsb";
    const clientSecret = "9F3E1C0D2B4A69788A6B5C4D3E2F1A0B";
    registerSecret(`force://PlatformCLI:${clientSecret}:${refresh}@acme.my.salesforce.com`);
    registerSecret("Cv-Pass-Secret-42!");
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjo5OTk5fQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    registerSecret(`Bearer ${jwt}`);
    registerSecret("00D5g000004ABCD!AQ0AQFakeSessionSecretPartXYZ");
    const echoed = [
      `invalid_grant: refresh token ${refresh} expired`,
      `client secret ${clientSecret} is wrong`,
      `password ${b64("Cv-Pass-Secret-42!")} refused`,
      `token ${jwt} revoked`,
      `signature c2lnbmF0dXJlLXNpZ25hdHVyZQ does not verify`,
      `payload eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjo5OTk5fQ unknown`,
      `session AQ0AQFakeSessionSecretPartXYZ expired`,
    ];
    for (const text of echoed) {
      const out = redact(text);
      expect([text, out.includes("[secret]")]).toEqual([text, true]);
      for (const secret of [refresh, clientSecret, "Cv-Pass-Secret-42!", b64("Cv-Pass-Secret-42!"), jwt])
        expect(out).not.toContain(secret);
      expect(out).not.toMatch(
        /c2lnbmF0dXJlLXNpZ25hdHVyZQ|eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjo5OTk5fQ|FakeSession/,
      );
    }
  });

  test("a secret with quotes or backslashes, echoed JSON-escaped in a body", () => {
    const secret = 'Pa$s"w\\o+rd-7';
    registerSecret(secret);
    const body = JSON.stringify({ error: `user locked, credential ${secret} refused` });
    expect(body).toContain('Pa$s\\"w\\\\o+rd-7');
    expect(redact(body)).toBe('{"error":"user locked, credential [secret] refused"}');
  });

  test("an auth URL inside an encoded request body, at any Base64 offset, and in hex", () => {
    const refresh = "5Aep861OffsetRefreshTokenXYZ.abc_123";
    const url = `force://PlatformCLI::${refresh}@acme.my.salesforce.com`;
    registerSecret(url);
    for (const prefix of ['{"sfdxAuthUrl":"', 'x{"sfdxAuthUrl":"', 'xy{"sfdxAuthUrl":"']) {
      const body = Buffer.from(`${prefix}${url}","username":"a@b.c"}`);
      for (const encoded of [body.toString("base64"), body.toString("base64url"), body.toString("hex")]) {
        const out = redact(`could not decode request body ${encoded}`);
        expect(out).toContain("[secret]");
        // What is left of the encoded text decodes to no part of the refresh token longer than 2 bytes at an end.
        const left = out.split("[secret]").map((part) => part.replace(/^could not decode request body /, ""));
        for (const part of left) {
          const decoded = /^[0-9a-f]+$/.test(part)
            ? Buffer.from(part, "hex").toString("latin1")
            : Buffer.from(part, part.includes("-") || part.includes("_") ? "base64url" : "base64").toString(
                "latin1",
              );
          expect(decoded).not.toContain(refresh.slice(2, -2));
        }
      }
    }
  });

  test("a field path's reason stays readable; credential-shaped text is still taken", () => {
    expect(redact("sfp.getOrg: connection.token: Too small")).toBe("sfp.getOrg: connection.token: Too small");
    expect(redact("rejected oauth_token=abc123 and token: xyz789")).toBe(
      "rejected oauth_token=[secret] and token: [secret]",
    );
  });

  test("a login's session tokens are registered", async () => {
    const pool = new SessionPool<{ token: string; conn: { accessToken: string } }>();
    await pool.get("k", async () => ({
      token: "session-token-abcdef123",
      conn: { accessToken: "access-xyz-98765" },
    }));
    expect(redact("bad session-token-abcdef123 / access-xyz-98765")).toBe("bad [secret] / [secret]");
  });
});

describe("secrets: per kind", () => {
  let emus: RunningEmulators;
  beforeAll(async () => {
    emus = await startEmulators();
  });
  afterAll(async () => emus?.stop());

  for (const fixture of kindFixtures) {
    describe(fixture.kind, () => {
      test("a check failure on a secret input never names a top-level property holding it", async () => {
        const spec = specOf(fixture, emus);
        const roots = [
          ...new Set([...spec.fields].filter(([, m]) => m.secret).map(([p]) => p.split(".")[0])),
        ];
        expect(roots).toContain("connection");
        for (const root of roots) {
          const inputs = { ...fixture.inputs(emus, 40), [root]: 12345 };
          const { failures } = await providerOf(fixture).check!({}, inputs);
          expect(failures?.map(failurePath)).toContain(root);
          expect(failures?.map((f) => f.property)).not.toContain(root);
        }
      });

      test("an API message echoing any part of a secret reaches no error", async () => {
        const provider = providerOf(fixture);
        const emulator = fixture.emulator(emus);
        const i = 41;
        fixture.prepare(emus, i);
        const inputs = fixture.inputs(emus, i);
        // The secrets this resource's calls can know (a fixture may list those of the objects it relies on).
        const given = fixture.secrets(emus, i).filter((s) => JSON.stringify(inputs).includes(s));
        const secrets = [...given, ...secretValues(specOf(fixture, emus), inputs, 8)];
        const parts = [...new Set(secrets.flatMap(partsOf))].filter((p) => p.length >= 8);
        expect(parts.length).toBeGreaterThan(secrets.length);
        const checked = await provider.check!({}, inputs);
        for (const part of parts) {
          emulator.faults.add({ path: ".*", status: 400, message: `rejected: ${part}`, times: 1 });
          const error = await createError(provider, checked.inputs);
          emulator.faults.clear();
          expect(error).toBeDefined();
          const text = `${error!.message}\n${JSON.stringify(error)}`;
          expect(hits(text, parts)).toEqual([]);
        }
      });
    });
  }
});
