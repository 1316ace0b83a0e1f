/** Redaction of secret values from any text that can reach a log, an error or a diff. */

const REDACTED = "[secret]";
const knownSecrets = new Set<string>();
/** The known secrets, longest first, so that a secret's parts do not leave pieces of the whole behind. */
let longestFirst: string[] | undefined;

/** Parts of a secret that are secrets of their own, which an API may echo alone. */
function derivedParts(value: string): string[] {
  const parts: string[] = [];
  // force://<clientId>:<clientSecret>:<refreshToken>@<host>: the client secret and the refresh token.
  const authUrl = /^force:\/\/[^:@]*:([^:@]*):([^@]+)@/.exec(value);
  if (authUrl) parts.push(authUrl[1], authUrl[2]);
  // A JWT: its payload and signature (the header is the same for many tokens).
  const jwt = /^(eyJ[\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(value);
  if (jwt) parts.push(`${jwt[1]}.${jwt[2]}`, jwt[2], jwt[3]);
  // "Bearer <token>", "QSDK <token>": the token.
  const scheme = /^(?:Bearer|QSDK|Basic)\s+(\S+)$/i.exec(value);
  if (scheme) parts.push(scheme[1]);
  // A Salesforce session id, <orgId>!<secret>: the part after the org id.
  const session = /^00D\w{12,15}!(.+)$/.exec(value);
  if (session) parts.push(session[1]);
  // A part may hold parts of its own (the JWT in "Bearer <jwt>").
  return parts.filter((part) => part.length >= 8).flatMap((part) => [part, ...derivedParts(part)]);
}

/**
 * The Base64 text that stands for `value` wherever it sits in a longer encoded text: for each of the 3 byte
 * offsets, the 4-character groups made of its bytes alone (at most 2 bytes at each end are not covered).
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value);
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const core = encoded.slice(offset === 0 ? 0 : 4, 4 * Math.floor((offset + bytes.length) / 3));
    return core.length >= 8 ? [core, core.replace(/\+/g, "-").replace(/\//g, "_")] : [];
  });
}

/** The forms a secret travels in: as is, Base64 (standard and URL-safe, at any offset), hex, URL-encoded, JSON-escaped. */
function encodedForms(value: string): string[] {
  const base64 = Buffer.from(value).toString("base64");
  const hex = Buffer.from(value).toString("hex");
  return [
    value,
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(value).toString("base64url"),
    ...base64Cores(value),
    ...(value.length >= 8 ? [hex, hex.toUpperCase()] : []),
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
  ];
}

/**
 * Remembers a secret value for this process, so that `redact` removes it wherever it shows up, with its derived
 * parts (the refresh token inside an auth URL, a JWT's signature...) and their encoded forms.
 */
export function registerSecret(value: unknown): void {
  if (typeof value !== "string" || value.length < 4) return;
  for (const part of [value, ...derivedParts(value)])
    for (const form of encodedForms(part))
      if (form.length >= 4 && !knownSecrets.has(form)) {
        knownSecrets.add(form);
        longestFirst = undefined;
      }
}

const CREDENTIAL_KEY = /token|secret|password|session|^sid$/i;

/** Registers the credential-named string fields of a login's session (access tokens, session ids). */
export function registerSessionSecrets(session: unknown, depth = 2): void {
  if (!session || typeof session !== "object" || depth < 0) return;
  for (const [key, value] of Object.entries(session)) {
    if (typeof value === "string" && CREDENTIAL_KEY.test(key)) registerSecret(value);
    else if (value && typeof value === "object") registerSessionSecrets(value, depth - 1);
  }
}

/** Registers every string leaf of a value (used for connection objects and secret inputs). */
export function registerSecrets(value: unknown): void {
  if (typeof value === "string") registerSecret(value);
  else if (Array.isArray(value)) value.forEach(registerSecrets);
  else if (value && typeof value === "object") Object.values(value).forEach(registerSecrets);
}

const patterns: [RegExp, string][] = [
  [/force:\/\/[^\s"'@]*@[^\s"']+/gi, `force://${REDACTED}`],
  [/\b(Bearer|QSDK|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  [/\b(eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)/g, REDACTED],
  [
    // Not after a `.`: "connection.token: <reason>" is orgplane's own field path and reason, not a credential.
    /((?<!\.)"?(?:password|passwd|secret|token|access_token|refresh_token|client_secret|sfdxAuthUrl|serviceSecretKey|consumerSecret|privateKey|icSessionId|authtoken)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi,
    `$1${REDACTED}`,
  ],
];

/** Removes registered secrets and credential-shaped substrings from a text. */
export function redact(text: string): string {
  let out = text;
  longestFirst ??= [...knownSecrets].sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
