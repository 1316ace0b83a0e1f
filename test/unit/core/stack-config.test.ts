import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import * as biot from "../../../provider/biot/schema";
import * as commvault from "../../../provider/commvault/schema";
import * as iics from "../../../provider/iics/schema";
import * as salesforce from "../../../provider/salesforce/schema";
import * as sfp from "../../../provider/sfp/schema";
import * as pulumi from "@pulumi/pulumi";
import {
  configKey,
  connectionConfig,
  resolveConnection,
  withRecordedConfig,
} from "../../../provider/core/connection";

const schema = z.strictObject({ url: z.string(), token: z.string() });
const env = { url: "ORGPLANE_TEST_URL", token: "ORGPLANE_TEST_TOKEN" };
const resolve = () => resolveConnection("test", schema, undefined, env);
const recorded = {
  stackConfig: { orgplaneTestUrl: "https://recorded", orgplaneTestToken: "recorded-token" },
};

describe("stack config keys of a connection", () => {
  afterEach(() => {
    delete process.env.ORGPLANE_TEST_URL;
    delete process.env.ORGPLANE_TEST_TOKEN;
  });

  test("each key is its environment variable in camel case", () => {
    expect(configKey("SFP_SERVER_TOKEN")).toBe("sfpServerToken");
    expect(configKey("BIOT_SERVICE_SECRET_KEY")).toBe("biotServiceSecretKey");
    expect(configKey("SF_AUTH_URL")).toBe("sfAuthUrl");
  });

  test("in an operation, the recorded config fills what the environment leaves unset", async () => {
    process.env.ORGPLANE_TEST_TOKEN = "rotated-token";
    const connection = await withRecordedConfig(recorded, async () => resolve());
    expect(connection).toEqual({ url: "https://recorded", token: "rotated-token" });
  });

  test("an empty variable does not hide the recorded value", async () => {
    process.env.ORGPLANE_TEST_URL = "";
    const connection = await withRecordedConfig(recorded, async () => resolve());
    expect(connection.url).toBe("https://recorded");
  });

  test("the `connection` input wins over both", async () => {
    process.env.ORGPLANE_TEST_TOKEN = "rotated-token";
    const input = { url: "https://input", token: "input-token" };
    const connection = await withRecordedConfig(recorded, async () =>
      resolveConnection("test", schema, input, env),
    );
    expect(connection).toEqual(input);
  });

  test("in the program, the stack config fills what the environment leaves unset", () => {
    pulumi.runtime.setConfig("orgplane:orgplaneTestUrl", "https://from-config");
    pulumi.runtime.setConfig("orgplane:orgplaneTestToken", "config-token");
    pulumi.runtime.setConfig("other:orgplaneTestUrl", "https://another-namespace");
    try {
      process.env.ORGPLANE_TEST_TOKEN = "env-token";
      expect(resolve()).toEqual({ url: "https://from-config", token: "env-token" });
      delete process.env.ORGPLANE_TEST_TOKEN;
      expect(connectionConfig(env)).toEqual({
        orgplaneTestUrl: "https://from-config",
        orgplaneTestToken: "config-token",
      });
    } finally {
      pulumi.runtime.setAllConfig({});
    }
  });

  test("without any source the error names the variables and the config keys", async () => {
    await expect(withRecordedConfig({}, async () => resolve())).rejects.toThrow(
      /ORGPLANE_TEST_URL, ORGPLANE_TEST_TOKEN, or the stack config orgplane:orgplaneTestUrl, orgplane:orgplaneTestToken/,
    );
  });

  test("the README documents every key and variable of every backend", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../../README.md"), "utf8");
    const variables = [biot, commvault, iics, salesforce, sfp].flatMap((b) => Object.values(b.connectionEnv));
    expect(variables.length).toBeGreaterThan(20);
    const missing = variables
      .flatMap((v) => [v, `orgplane:${configKey(v)}`])
      .filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
