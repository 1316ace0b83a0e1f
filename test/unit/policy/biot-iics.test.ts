import { kinds, resourceViolations } from "./harness";

const biot = kinds.biotOrganization;
const iics = kinds.iicsOrganization;
const admin = (mfa?: object) => ({ email: "a@acme.com", name: { firstName: "A", lastName: "B" }, mfa });

describe("biot-admin-mfa", () => {
  test("passes when the primary administrator has MFA enabled", async () => {
    expect(
      await resourceViolations("biot-admin-mfa", biot, { primaryAdministrator: admin({ enabled: true }) }),
    ).toEqual([]);
  });

  test("fails when MFA is off or left to the template", async () => {
    const message =
      'biot.Organization "clinic" has a primary administrator without MFA. Set primaryAdministrator.mfa.enabled: ' +
      "true (the template default applies when it is omitted).";
    for (const mfa of [undefined, { enabled: false, expirationInMinutes: 10 }])
      expect(
        await resourceViolations(
          "biot-admin-mfa",
          biot,
          { primaryAdministrator: admin(mfa) },
          { name: "clinic" },
        ),
      ).toEqual([message]);
  });
});

describe("biot-locale-and-timezone", () => {
  test("passes when both are set", async () => {
    expect(
      await resourceViolations("biot-locale-and-timezone", biot, {
        locale: "en-us",
        timezone: "Europe/Oslo",
      }),
    ).toEqual([]);
  });

  test("names what is missing", async () => {
    expect(
      await resourceViolations("biot-locale-and-timezone", biot, { locale: "en-us" }, { name: "clinic" }),
    ).toEqual([
      'biot.Organization "clinic" does not set timezone. Set locale (like "en-us") and timezone (an IANA zone like "Europe/Oslo").',
    ]);
    expect(
      await resourceViolations("biot-locale-and-timezone", biot, { locale: "" }, { name: "clinic" }),
    ).toEqual([
      'biot.Organization "clinic" does not set locale or timezone. Set locale (like "en-us") and timezone (an IANA zone like "Europe/Oslo").',
    ]);
  });
});

describe("iics-password-expiration", () => {
  const fix = "Set passwordExpirationInDays between 1 and 90.";
  test("passes 1..90", async () => {
    for (const days of [1, 90])
      expect(
        await resourceViolations("iics-password-expiration", iics, { passwordExpirationInDays: days }),
      ).toEqual([]);
  });

  test("fails unset, 0 and above the maximum", async () => {
    const run = (props: Record<string, unknown>) =>
      resourceViolations("iics-password-expiration", iics, props, { name: "sub" });
    expect(await run({})).toEqual([`iics.Organization "sub" does not set passwordExpirationInDays. ${fix}`]);
    expect(await run({ passwordExpirationInDays: 0 })).toEqual([
      `iics.Organization "sub" has passwordExpirationInDays: 0, so passwords never expire. ${fix}`,
    ]);
    expect(await run({ passwordExpirationInDays: 91 })).toEqual([
      `iics.Organization "sub" has passwordExpirationInDays: 91, above 90. ${fix}`,
    ]);
  });

  test("the maximum is configurable", async () => {
    const props = { passwordExpirationInDays: 60 };
    expect(
      await resourceViolations("iics-password-expiration", iics, props, {
        packConfig: { maximumDays: 30 },
        name: "sub",
      }),
    ).toEqual([
      'iics.Organization "sub" has passwordExpirationInDays: 60, above 30. Set passwordExpirationInDays between 1 and 30.',
    ]);
  });
});

describe("iics-password-reuse", () => {
  test("passes at or above the minimum", async () => {
    expect(await resourceViolations("iics-password-reuse", iics, { passwordReuseInDays: 90 })).toEqual([]);
    const config = { "iics-password-reuse": { minimumDays: 365 } };
    expect(
      await resourceViolations("iics-password-reuse", iics, { passwordReuseInDays: 400 }, { config }),
    ).toEqual([]);
  });

  test("fails below the minimum or unset", async () => {
    const run = (props: Record<string, unknown>) =>
      resourceViolations("iics-password-reuse", iics, props, { name: "sub" });
    expect(await run({ passwordReuseInDays: 0 })).toEqual([
      'iics.Organization "sub" has passwordReuseInDays: 0. Set passwordReuseInDays to at least 90.',
    ]);
    expect(await run({})).toEqual([
      'iics.Organization "sub" does not set passwordReuseInDays. Set passwordReuseInDays to at least 90.',
    ]);
  });
});

describe("iics-error-emails", () => {
  test("passes with a recipient", async () => {
    expect(await resourceViolations("iics-error-emails", iics, { errorEmails: "ops@acme.com" })).toEqual([]);
    expect(
      await resourceViolations("iics-error-emails", iics, { errorEmails: ["", "ops@acme.com"] }),
    ).toEqual([]);
  });

  test("fails without one", async () => {
    const message =
      'iics.Organization "sub" has no errorEmails recipient, so failed jobs alert no one. Set errorEmails.';
    for (const errorEmails of [undefined, " ", []])
      expect(await resourceViolations("iics-error-emails", iics, { errorEmails }, { name: "sub" })).toEqual([
        message,
      ]);
  });
});
