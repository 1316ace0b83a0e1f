import { RunningEmulators, startEmulators } from "../../../emulators";
import { SfpEmulator } from "../../../emulators/sfp/server";
import { ApiError } from "../../../provider/core/errors";
import { resolveConnection } from "../../../provider/core/connection";
import { SfpClient } from "../../../provider/sfp/client";
import { connectionEnv, connectionSchema } from "../../../provider/sfp/schema";
import {
  connectionEnv as commvaultEnv,
  connectionSchema as commvaultSchema,
} from "../../../provider/commvault/schema";

describe("errors a person can act on", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("an empty environment variable is reported as empty", () => {
    Object.assign(process.env, { SFP_SERVER_URL: "https://sfp.example.test", SFP_SERVER_TOKEN: "" });
    const error = (() => {
      try {
        resolveConnection("sfp", connectionSchema, undefined, connectionEnv);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/SFP_SERVER_TOKEN is empty/);
    expect(error?.message).not.toMatch(/undefined/);
  });

  test("a bad connection input keeps its reason readable (redaction takes no reason for a token)", () => {
    const input = { url: "https://sfp.example.test", token: "" };
    expect(() => resolveConnection("sfp", connectionSchema, input, connectionEnv)).toThrow(
      /token — Too small: expected string to have >=1 characters/,
    );
  });

  test("an empty variable behind a rule over several fields is named too", () => {
    Object.assign(process.env, {
      COMMVAULT_URL: "https://cv.example.test/api",
      COMMVAULT_USERNAME: "admin",
      COMMVAULT_PASSWORD: "",
    });
    delete process.env.COMMVAULT_TOKEN;
    expect(() => resolveConnection("commvault", commvaultSchema, undefined, commvaultEnv)).toThrow(
      /COMMVAULT_PASSWORD is empty/,
    );
  });

  describe("sfp", () => {
    let emus: RunningEmulators;
    beforeAll(async () => {
      emus = await startEmulators({ only: ["salesforce", "sfp"] });
    });
    afterAll(() => emus.stop());

    test("a 401 says the token must be renewed, and how, with the server's status and message", async () => {
      const sfp = (emus.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
      const client = new SfpClient({ url: sfp.emulator.url, token: "revoked-or-expired-token" });
      const error = (await client.listOrgs().catch((e) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/HTTP 401/);
      expect(error.message).toMatch(/expired or was revoked/);
      expect(error.message).toMatch(/application-token create/);
      expect(error.message).toMatch(/SFP_SERVER_TOKEN or the resource's connection\.token/);
    });
  });
});
