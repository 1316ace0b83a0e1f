/** Small value helpers every backend's wire and schema code shares. */

/** The object without its undefined entries (what a request body or a state leaves out). */
export function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A `normalize` for text compared without case (usernames, emails, time zones). */
export const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

/** A URL without its trailing slashes: a `normalize` for URL inputs, and the API root a client appends to. */
export function noTrailingSlash<T>(value: T): T {
  return (typeof value === "string" ? value.replace(/\/+$/, "") : value) as T;
}
