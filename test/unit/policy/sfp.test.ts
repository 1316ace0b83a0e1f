import { kinds, resourceViolations, stackResource, stackViolations, UNKNOWN_VALUE } from "./harness";

const reg = kinds.sfpRegistration;
const authUrl = "force://id::token@acme.my.salesforce.com";

describe("sfp-no-skip-validation", () => {
  test("passes when skipValidation is absent or false", async () => {
    expect(await resourceViolations("sfp-no-skip-validation", reg, { sfdxAuthUrl: authUrl })).toEqual([]);
    expect(await resourceViolations("sfp-no-skip-validation", reg, { skipValidation: false })).toEqual([]);
  });

  test("fails when skipValidation is true", async () => {
    expect(
      await resourceViolations("sfp-no-skip-validation", reg, { skipValidation: true }, { name: "prod" }),
    ).toEqual([
      'sfp.SalesforceOrgRegistration "prod" sets skipValidation: true, so the sfp server would register the org ' +
        "without checking its credentials. Remove skipValidation (or set it to false).",
    ]);
  });

  test("ignores other kinds", async () => {
    expect(
      await resourceViolations("sfp-no-skip-validation", kinds.sfpSandbox, { skipValidation: true }),
    ).toEqual([]);
  });
});

describe("sfp-single-default-registration", () => {
  test("passes with one default registration and sandboxes", async () => {
    const resources = [
      stackResource(reg, "prod", { isDefault: true }),
      stackResource(reg, "other", { isDefault: false }),
      stackResource(reg, "pending", { isDefault: UNKNOWN_VALUE }),
      stackResource(kinds.sfpSandbox, "uat", { sandboxName: "uat" }),
    ];
    expect(await stackViolations("sfp-single-default-registration", resources)).toEqual([]);
  });

  test("reports all default registrations at once, in name order", async () => {
    const resources = [
      stackResource(reg, "c", { isDefault: true }),
      stackResource(reg, "a", { isDefault: true }),
      stackResource(reg, "b", { isDefault: false }),
    ];
    expect(await stackViolations("sfp-single-default-registration", resources)).toEqual([
      {
        message:
          '2 sfp registrations set isDefault: true (sfp.SalesforceOrgRegistration "a", sfp.SalesforceOrgRegistration "c"); ' +
          "the sfp server keeps one default DevHub. Set isDefault: true on one of them only.",
      },
    ]);
  });
});

describe("sfp-required-metadata", () => {
  test("passes when environment and owner are set, or metadata is not known yet", async () => {
    const props = { metadata: { environment: "production", owner: "platform" } };
    expect(await resourceViolations("sfp-required-metadata", reg, props)).toEqual([]);
    expect(await resourceViolations("sfp-required-metadata", reg, { metadata: UNKNOWN_VALUE })).toEqual([]);
    expect(
      await resourceViolations("sfp-required-metadata", reg, {
        metadata: { environment: "x", owner: UNKNOWN_VALUE },
      }),
    ).toEqual([]);
  });

  test("names the missing or empty keys", async () => {
    expect(
      await resourceViolations(
        "sfp-required-metadata",
        reg,
        { metadata: { environment: " " } },
        { name: "prod" },
      ),
    ).toEqual([
      'sfp.SalesforceOrgRegistration "prod" lacks the metadata "environment", "owner". Add them to metadata ' +
        "(required keys: environment, owner).",
    ]);
    expect(await resourceViolations("sfp-required-metadata", reg, {}, { name: "prod" })).toHaveLength(1);
  });

  test("the required keys come from the typed config or the pack config", async () => {
    const props = { metadata: { environment: "production", owner: "platform" } };
    const typed = { "sfp-required-metadata": { requiredKeys: ["costCenter"] } };
    expect(
      await resourceViolations("sfp-required-metadata", reg, props, { config: typed, name: "p" }),
    ).toEqual([
      'sfp.SalesforceOrgRegistration "p" lacks the metadata "costCenter". Add it to metadata (required keys: costCenter).',
    ]);
    const pack = { requiredKeys: ["environment", "team"] };
    expect(
      await resourceViolations("sfp-required-metadata", reg, props, { packConfig: pack, name: "p" }),
    ).toEqual([
      'sfp.SalesforceOrgRegistration "p" lacks the metadata "team". Add it to metadata (required keys: environment, team).',
    ]);
  });
});
