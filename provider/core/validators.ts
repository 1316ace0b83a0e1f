import { z } from "zod";

/** Checks shared by every backend's schema, so that a bad value stops at check, never at the API. */

/** No control characters (C0 such as NUL, CR, LF and tab; DEL; C1). */
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const NOT_BLANK = /\S/;
/** Not `.` nor `..`, which a URL path would resolve as a dot segment. */
const NOT_DOT_SEGMENT = /^(?:[^.]|\.[^.]|\.\.[\s\S])[\s\S]*$/;

/** A name or label: not blank, no control characters. */
export const nameText = () =>
  z
    .string()
    .regex(NO_CONTROL, { message: "must not contain control characters (NUL, CR, LF, tab...)" })
    .regex(NOT_BLANK, { message: "must not be blank" });

/** A name that becomes a URL path segment: also not `.` or `..`. */
export const segmentText = () =>
  nameText().regex(NOT_DOT_SEGMENT, { message: "must not be . or .. (a URL path would drop it)" });

/** Whether a URL's path has a `.` or `..` segment (also percent-encoded), which URL parsing drops. */
function hasDotSegment(url: string): boolean {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, "").split(/[?#]/)[0];
  return path.split(/[/\\]/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/**
 * A base URL (http or https, or only https) without query, fragment or dot segments: API paths are appended to it.
 */
export const baseUrl = (protocol: RegExp = /^https?$/) =>
  z
    .url({ protocol })
    .regex(/^[^?#]*$/, { message: "must not have a query (?) or a fragment (#)" })
    .refine((url) => !hasDotSegment(url), { message: "must not have . or .. path segments" });

/** A Salesforce username: email-shaped, at most 80 characters (Salesforce's limit). */
export const salesforceUsername = () =>
  z
    .email({
      error: (issue) =>
        issue.code === "invalid_format" ? "must be a Salesforce username (email-shaped)" : undefined,
    })
    .max(80);

/** One URL path segment, encoded; `.` and `..` are refused (check refuses them first). */
export function pathSegment(value: string | number): string {
  const text = String(value);
  if (text === "." || text === "..") throw new Error(`"${text}" cannot be a URL path segment`);
  return encodeURIComponent(text);
}

let canonicalZones: Map<string, string> | undefined;

/**
 * An IANA zone ID as Java (and Salesforce) accept it: known to the runtime's time zone data and spelled with the
 * right case (Intl itself ignores case).
 */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    return false;
  }
  canonicalZones ??= new Map(Intl.supportedValuesOf("timeZone").map((zone) => [zone.toLowerCase(), zone]));
  const canonical = canonicalZones.get(value.toLowerCase());
  return canonical === undefined || canonical === value;
}

/** A time zone input: an IANA zone ID in its own case (isTimeZone), as every backend takes it. */
export const timeZoneId = (example: string) =>
  z
    .string()
    .refine(isTimeZone, { message: `must be an IANA time zone ID such as ${example} (case matters)` });
