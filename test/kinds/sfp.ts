import type { RunningEmulators } from "../../emulators";
import type { SalesforceState } from "../../emulators/salesforce/state";
import type { SfpEmulator } from "../../emulators/sfp/server";
import fc from "fast-check";
import { METADATA_LIMITS, registrationSpec } from "../../provider/sfp/schema";
import * as formats from "../reliability/formats";
import { KindFixture } from "./types";

export const sfpOf = (emus: RunningEmulators) => (emus.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
export const sfStateOf = (emus: RunningEmulators) =>
  (emus.byName.salesforce.facts as { state: SalesforceState }).state;
const username = (i: number) => `reg${i}@fixture-orgs.test`;
const authUrls = new WeakMap<RunningEmulators, Map<number, { url: string; refreshToken: string }>>();

function authUrlFor(emus: RunningEmulators, i: number) {
  let urls = authUrls.get(emus);
  if (!urls) authUrls.set(emus, (urls = new Map()));
  let entry = urls.get(i);
  if (!entry) {
    const created = sfStateOf(emus).createOrg({ username: username(i) });
    const host = new URL(emus.byName.salesforce.emulator.url).host;
    entry = {
      url: `force://PlatformCLI::${created.refreshToken}@${host}`,
      refreshToken: created.refreshToken,
    };
    urls.set(i, entry);
  }
  return entry;
}

/** The sfp token is a bearer token: once the server revokes it, only a new one helps. */
export function renewSfpToken(emus: RunningEmulators): Record<string, string> {
  const token = sfpOf(emus).issueToken("owner", "owner@orgplane.local", 30 * 24 * 3600);
  emus.env.SFP_SERVER_TOKEN = emus.byName.sfp.env.SFP_SERVER_TOKEN = token;
  return { SFP_SERVER_TOKEN: token };
}

export const sfpRegistration: KindFixture = {
  kind: "sfp.SalesforceOrgRegistration",
  backend: "sfp",
  typeToken: "pulumi-nodejs:dynamic/orgplane/sfp:SalesforceOrgRegistration",
  emulator: (emus) => sfpOf(emus).emulator,
  prepare: (emus, i) => ({ [`SFP_AUTH_URL_${i}`]: authUrlFor(emus, i).url }),
  declare: (i, variant = 0) =>
    `new sfp.SalesforceOrgRegistration("reg-${i}", { sfdxAuthUrl: process.env.SFP_AUTH_URL_${i}, ` +
    `username: "${username(i)}", metadata: { environment: "test", revision: "${variant}" } });`,
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
