/** Redaction of secret values from any text that can reach a log, an error or a diff. */

const REDACTED = "[secret]";
const knownSecrets = new Set<string>();

/** Remembers a secret value for this process, so that `redact` removes it wherever it shows up. */
export function registerSecret(value: unknown): void {
  if (typeof value === "string" && value.length >= 4) knownSecrets.add(value);
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
    /("?(?:password|passwd|secret|token|access_token|refresh_token|client_secret|sfdxAuthUrl|serviceSecretKey|consumerSecret|privateKey|icSessionId|authtoken)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi,
    `$1${REDACTED}`,
  ],
];

/** Removes registered secrets and credential-shaped substrings from a text. */
export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
