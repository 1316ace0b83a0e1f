/**
 * BioT's field formats as its OpenAPI 2.4.2 words them, checked with the runtime's own ICU data (nothing shared
 * with the provider). Where ICU knows more than ISO 3166-1 assigns, this is stricter than BioT may be.
 */
const regions = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
const languages = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
/** Codes ICU names that ISO 3166-1 only reserves (or "Unknown Region"). */
const NOT_ASSIGNED = new Set([
  "AC",
  "CP",
  "DG",
  "EA",
  "EU",
  "EZ",
  "FX",
  "IC",
  "QO",
  "SU",
  "TA",
  "UK",
  "UN",
  "ZZ",
]);

/** "A 2-letter country code defined in ISO-3166". */
export function isIsoCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_ASSIGNED.has(code) && regions.of(code) !== undefined;
}

/** "{language-ISO639}-{countryCode-ISO3166} lowercase", e.g. en-us. */
export function isBiotLocale(value: string): boolean {
  const m = /^([a-z]{2})-([a-z]{2})$/.exec(value);
  return !!m && languages.of(m[1]) !== undefined && isIsoCountry(m[2].toUpperCase());
}

/** "An E.164 formatted phone number": a plus and at most 15 digits, the first not 0. */
export const E164_PHONE = /^\+[1-9][0-9]{1,14}$/;

let zones: Set<string> | undefined;
/**
 * "A java time zone supported by the java runtime environment": a tz database region id in its exact case (Java's
 * ZoneId is case-sensitive) or UTC/GMT/UT/Z. Stricter than Java: old aliases (US/Eastern) and offsets are refused.
 */
export function isJavaZone(value: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "GMT", "UT", "Z"]);
  return zones.has(value);
}
