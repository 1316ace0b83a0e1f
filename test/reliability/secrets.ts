import { getPath } from "../../provider/core/schema";
import { InputSpec } from "../../provider/core/diff";

/** Every string leaf of a value (connection objects hold several credentials). */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** The values of an input's secret fields (connection included), long enough to be worth looking for. */
export function secretValues(spec: InputSpec, inputs: Record<string, unknown>, minLength = 6): string[] {
  const paths = [...spec.fields].filter(([, meta]) => meta.secret).map(([path]) => path);
  const values = paths.flatMap((path) => stringLeaves(getPath(inputs, path)));
  return [...new Set(values)].filter((s) => s.length >= minLength);
}

/** A wrong credential of the same shape: the longest run of letters and digits reversed. */
export function tamper(secret: string): string {
  const runs = secret.match(/[A-Za-z0-9]+/g) ?? [secret];
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
  const reversed = [...longest].reverse().join("");
  const wrong = reversed === longest ? `${longest}x` : reversed;
  return secret.replace(longest, wrong);
}

const isUrl = (value: string) => /^https?:\/\//.test(value);

/** Credentials in a connection other than its URLs: what a user can get wrong or have revoked. */
export const credentialFields = (connection: Record<string, unknown>) =>
  Object.entries(connection)
    .filter(([, value]) => typeof value === "string" && !isUrl(value))
    .map(([key]) => key);

/** How often each secret shows up in a text. */
export function hits(text: string, secrets: string[]): { secret: string; count: number }[] {
  return secrets
    .map((secret) => ({ secret, count: secret ? text.split(secret).length - 1 : 0 }))
    .filter((h) => h.count > 0);
}

export const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The parts of a secret an API may echo alone (the test's own reading of each format). */
export function partsOf(secret: string): string[] {
  const parts = [secret, b64(secret)];
  const authUrl = /^force:\/\/[^:@]*:([^:@]*):([^@]+)@/.exec(secret);
  if (authUrl) parts.push(authUrl[2], b64(authUrl[2]), ...(authUrl[1].length >= 8 ? [authUrl[1]] : []));
  const jwt = secret.split(".");
  if (secret.startsWith("eyJ") && jwt.length === 3) parts.push(jwt[1], jwt[2]);
  return parts;
}
