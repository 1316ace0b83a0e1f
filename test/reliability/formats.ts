import fc from "fast-check";
import type { FieldFormat } from "../kinds/types";

/**
 * Valid and invalid values of formats several kinds share. A fixture maps them onto its field paths
 * (`formats: { phone: formats.e164 }`) when the schema checks the format with custom code, or to add sharper
 * invalid values than the schema-derived ones. Every invalid value here is invalid by construction.
 */

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const letters = (alphabet: string, n: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n }).map((d) => d.join(""));
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();

/** +<country code><subscriber>, at most 15 digits, no leading 0. */
export const e164: FieldFormat = {
  valid: fc.tuple(fc.constantFrom(..."123456789"), digits(6, 13)).map(([first, rest]) => `+${first}${rest}`),
  invalid: fc.oneof(
    digits(7, 14), // no +
    digits(6, 13).map((d) => `+0${d}`), // leading 0
    digits(15, 20).map((d) => `+1${d}`), // too long
    fc.tuple(digits(3, 3), digits(4, 4)).map(([a, b]) => `+1 (${a}) ${b}`), // punctuation
    fc.constant("+"),
  ),
};

/** ISO 3166-1 alpha-2 in capitals. */
export const isoCountry: FieldFormat = {
  valid: fc.constantFrom("US", "GB", "DE", "FR", "NO", "IL", "JP", "BR", "IN", "CA"),
  invalid: fc.oneof(
    fc.constantFrom("us", "gb", "Us"), // not capitals
    fc.constantFrom("USA", "GBR", "DEU"), // alpha-3
    letters(UPPER, 1),
    digits(2, 3), // numeric codes
    fc.constantFrom("", "U S", "XX1"),
  ),
};

/** {language}-{country} in lowercase, e.g. en-us. */
export const locale: FieldFormat = {
  valid: fc.constantFrom("en-us", "en-gb", "de-de", "fr-fr", "he-il", "ja-jp"),
  invalid: fc.oneof(
    fc.constantFrom("en_US", "en-US", "EN-us", "english", "en", "en-", "-us", "en-us-x", ""),
    letters(LOWER, 4).map((s) => `${s}-us`),
    digits(2, 2).map((d) => `en-${d}`),
  ),
};

/** Email addresses. */
export const email: FieldFormat = {
  valid: fc
    .tuple(letters(LOWER, 5), letters(LOWER, 6), fc.constantFrom("com", "org", "io", "test"))
    .map(([user, host, tld]) => `${user}@${host}.${tld}`),
  invalid: fc.oneof(
    fc.string({ maxLength: 20 }).filter((s) => !s.includes("@")),
    letters(LOWER, 5).map((s) => `${s}@`),
    letters(LOWER, 5).map((s) => `@${s}.com`),
    letters(LOWER, 5).map((s) => `${s}@@${s}.com`),
    letters(LOWER, 5).map((s) => `${s} x@${s}.com`),
    letters(LOWER, 5).map((s) => `${s}@${s}`), // no domain dot
  ),
};

/** sfdx-core auth URLs: force://<clientId>:<clientSecret>:<refreshToken>@<host>. */
export const sfdxAuthUrl: FieldFormat = {
  valid: fc
    .tuple(letters(LOWER, 8), letters(UPPER, 24), fc.constantFrom("login.salesforce.com", "127.0.0.1:4010"))
    .map(([client, token, host]) => `force://${client}::5Aep${token}@${host}`),
  invalid: fc.oneof(
    letters(UPPER, 24).map((t) => `https://PlatformCLI::${t}@login.salesforce.com`), // wrong scheme
    letters(UPPER, 24).map((t) => `force://PlatformCLI::${t}`), // no host
    fc.constant("force://PlatformCLI::@login.salesforce.com"), // no refresh token
    letters(UPPER, 24).map((t) => `force://PlatformCLI:${t}@login.salesforce.com`), // a part missing
    letters(UPPER, 24).map((t) => `force://Platform CLI::${t}@login.salesforce.com`), // space
    letters(UPPER, 24).map((t) => `force://PlatformCLI::${t}@`), // empty host
  ),
};

/** IANA time zone ids. */
export const timeZone: FieldFormat = {
  valid: fc.constantFrom("Europe/Oslo", "America/Chicago", "Asia/Jerusalem", "UTC"),
  invalid: fc.constantFrom("Europe/Atlantis", "GMT+25", "Mars/Olympus", "central", "America/", ""),
};
