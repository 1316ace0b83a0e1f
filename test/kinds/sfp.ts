import type { RunningEmulators } from "../../emulators";
import type { SalesforceState } from "../../emulators/salesforce/state";
import type { SfpEmulator } from "../../emulators/sfp/server";
import fc from "fast-check";
import { METADATA_LIMITS, registrationSpec } from "../../provider/sfp/schema";
import * as formats from "../reliability/formats";
import { code, Form, KindFixture, madePlain, newResource } from "./types";

export const sfpOf = (emus: RunningEmulators) => (emus.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
export const sfStateOf = (emus: RunningEmulators) =>
  (emus.byName.salesforce.facts as { state: SalesforceState }).state;
const username = (i: number) => `reg${i}@fixture-orgs.test`;
const authUrls = new WeakMap<RunningEmulators, Map<string, { url: string; refreshToken: string }>>();

/** The auth URL of a Salesforce org signing in as `user`, made on first use (with these sandboxes). */
function orgAuthUrl(emus: RunningEmulators, user: string, sandboxes: string[] = []) {
  let urls = authUrls.get(emus);
  if (!urls) authUrls.set(emus, (urls = new Map()));
  let entry = urls.get(user);
  if (!entry) {
    const created = sfStateOf(emus).createOrg({ username: user });
    for (const sandbox of sandboxes) sfStateOf(emus).createSandbox(created.org.Id, sandbox);
    const host = new URL(emus.byName.salesforce.emulator.url).host;
    entry = {
      url: `force://PlatformCLI::${created.refreshToken}@${host}`,
      refreshToken: created.refreshToken,
    };
    urls.set(user, entry);
  }
  return entry;
}
const authUrlFor = (emus: RunningEmulators, i: number) => orgAuthUrl(emus, username(i));

/** The sfp token is a bearer token: once the server revokes it, only a new one helps. */
export function renewSfpToken(emus: RunningEmulators): Record<string, string> {
  const token = sfpOf(emus).issueToken("owner", "owner@orgplane.local", 30 * 24 * 3600);
  emus.env.SFP_SERVER_TOKEN = emus.byName.sfp.env.SFP_SERVER_TOKEN = token;
  return { SFP_SERVER_TOKEN: token };
}

const CLASS = "sfp.SalesforceOrgRegistration";
const authUrl = (i: number) => code(`process.env.SFP_AUTH_URL_${i}`);
const staging = { environment: "staging", owner: "qa" };

/**
 * A form of the policy pack's example (policy/README.md names its resources): resource `name` of the org that
 * signs in as `user`, its auth URL in SFP_AUTH_URL_<i>.
 */
function exampleForm(name: string, user: string, inputs: object, sandboxes: string[] = []): Form {
  return {
    declare: (i) => newResource(CLASS, name, { sfdxAuthUrl: authUrl(i), ...inputs }),
    prepare: (emus, i) => ({ [`SFP_AUTH_URL_${i}`]: orgAuthUrl(emus, user, sandboxes).url }),
    secrets: (emus) => [...Object.values(orgAuthUrl(emus, user, sandboxes)), emus.env.SFP_SERVER_TOKEN],
  };
}

/** Resource i's sfdxAuthUrl, malformed (no @host), and the credentials in it that must never be printed. */
const malformed = (i: number) => {
  const parts = [`ClientSecretLeak00${i}`, `RefreshTokenLeak00${i}`];
  return { url: `force://PlatformCLI:${parts.join(":")}`, parts };
};

export const sfpRegistration: KindFixture = {
  kind: "sfp.SalesforceOrgRegistration",
  backend: "sfp",
  typeToken: "pulumi-nodejs:dynamic/orgplane/sfp:SalesforceOrgRegistration",
  emulator: (emus) => sfpOf(emus).emulator,
  prepare: (emus, i) => ({ [`SFP_AUTH_URL_${i}`]: authUrlFor(emus, i).url }),
  declare: (i, variant = 0) =>
    `new sfp.SalesforceOrgRegistration("reg-${i}", { sfdxAuthUrl: process.env.SFP_AUTH_URL_${i}, ` +
    `username: "${username(i)}", metadata: { environment: "test", revision: "${variant}" } });`,
  forms: {
    /** Policy-compliant: a Dev Hub, the default, with every metadata key; its org has a "uat" sandbox. */
    production: exampleForm(
      "prod",
      "platform@acme-policy.com",
      {
        username: "platform@acme-policy.com",
        isDevHub: true,
        isDefault: true,
        metadata: { environment: "production", owner: "platform" },
      },
      ["uat"],
    ),
    /** Breaks sfp-no-skip-validation and sfp-required-metadata (no owner); a production org, the default. */
    "unvalidated production default": exampleForm("prod", "ops@acme-policy.com", {
      username: "ops@acme-policy.com",
      isDefault: true,
      skipValidation: true,
      metadata: { environment: "production" },
    }),
    /** Another default: beside one more, breaks sfp-single-default-registration. */
    "staging default": exampleForm("second", "qa@acme-policy.com", { isDefault: true, metadata: staging }),
    /** Its sfdxAuthUrl set again from a plain value by a transform: breaks orgplane-secret-credentials. */
    "plain auth URL": {
      ...exampleForm("leaky", "leaky@acme-policy.com", { metadata: staging }),
      declare: (i) =>
        `${madePlain("leaky", { sfdxAuthUrl: authUrl(i) })}\n` +
        newResource(CLASS, "leaky", { sfdxAuthUrl: authUrl(i), metadata: staging }),
    },
    /**
     * Resource "prod", a Dev Hub and the default, read from stack config (through `cfg`): its username, its
     * metadata, and the name of the environment variable that holds its auth URL (the program's to set).
     */
    "from stack config": {
      declare: () =>
        newResource(CLASS, "prod", {
          sfdxAuthUrl: code(`process.env[cfg.require("authUrlVariable")]`),
          username: code(`cfg.require("username")`),
          isDevHub: true,
          isDefault: true,
          metadata: code(`cfg.requireObject("metadata")`),
        }),
      prepare: () => ({}),
      secrets: () => [],
    },
    /** The auth URL alone: the username is whoever it signs in as. */
    "auth URL only": { declare: (i) => newResource(CLASS, `reg-${i}`, { sfdxAuthUrl: authUrl(i) }) },
    /** An auth URL with no host, which check() refuses. */
    "malformed auth URL": {
      declare: (i) => newResource(CLASS, `reg-${i}`, { sfdxAuthUrl: authUrl(i) }),
      prepare: (_emus, i) => ({ [`SFP_AUTH_URL_${i}`]: malformed(i).url }),
      secrets: (_emus, i) => [malformed(i).url, ...malformed(i).parts],
    },
  },
  inputs: (emus, i, variant = 0) => ({
    sfdxAuthUrl: authUrlFor(emus, i).url,
    username: username(i),
    metadata: { environment: "test", revision: String(variant) },
    connection: { url: emus.env.SFP_SERVER_URL, token: emus.env.SFP_SERVER_TOKEN },
  }),
  objects: (emus) =>
    [...sfpOf(emus).orgs.values()].filter((o) => !o.isJitRegistration).map((o) => o.username),
  naturalKey: username,
  secrets: (emus, i) => [
    authUrlFor(emus, i).url,
    authUrlFor(emus, i).refreshToken,
    emus.env.SFP_SERVER_TOKEN,
  ],
  spec: registrationSpec,
  rules: [
    {
      rule: "skipValidation needs a username",
      holds: (inputs) => !(inputs.skipValidation === true && inputs.username === undefined),
      broken: ({ username: _username, ...valid }) => ({
        inputs: { ...valid, skipValidation: true },
        path: "username",
      }),
    },
  ],
  formats: {
    sfdxAuthUrl: formats.sfdxAuthUrl,
    username: formats.email,
    // Bounds of metadata (METADATA_LIMITS): too many keys, a value too long.
    metadata: {
      invalid: fc
        .integer({ min: METADATA_LIMITS.keys + 1, max: 5000 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]))),
    },
    "metadata.*": {
      invalid: fc.integer({ min: METADATA_LIMITS.valueLength + 1, max: 100_000 }).map((n) => "x".repeat(n)),
    },
  },
  renewCredentials: renewSfpToken,
};
