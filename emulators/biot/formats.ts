/**
 * The emulator's own format rules for BioT attributes (spec 2.4.2 descriptions): ISO 3166 countries, locales,
 * E.164 phones and Java zone ids. Written apart from the provider's, so one does not judge the other.
 */

/** Region codes ICU names that ISO 3166-1 does not assign: withdrawn, reserved or user-assigned. */
const NOT_ASSIGNED = new Set(
  (
    "AN BU CS DD DY HV NH RH TP VD YD YU ZR " +
    "AC CP CQ DG EA EU EZ FX IC SU TA UK UN " +
    "QO XA XB XK ZZ"
  ).split(" "),
);
const regions = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** An officially assigned ISO 3166-1 alpha-2 code, in upper case. */
export const isCountryCode = (value: string) =>
  /^[A-Z]{2}$/.test(value) && !NOT_ASSIGNED.has(value) && regions.of(value) !== undefined;

/** `{ISO 639 language}-{ISO 3166 country}`, lower case: `en-us`. */
export const isLocale = (value: string) => {
  const match = /^([a-z]{2})-([a-z]{2})$/.exec(value);
  return !!match && isCountryCode(match[2].toUpperCase());
};

/** E.164: `+`, a non-zero digit, at most 15 digits in all. */
export const E164 = /^\+[1-9][0-9]{1,14}$/;

/** A zone id Java's ZoneId takes: one the runtime knows, in its exact case (Java is case-sensitive). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/.test(value)) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  return resolved === value || resolved.toLowerCase() !== value.toLowerCase();
}
