/** sfdx-core's format: force://<clientId>:<clientSecret (may be empty)>:<refreshToken>@<host[:port]>. */
export const SFDX_AUTH_URL =
  /^force:\/\/([a-zA-Z0-9._-]+={0,2}):([a-zA-Z0-9._-]*={0,2}):([a-zA-Z0-9._-]+={0,2})@([a-zA-Z0-9:._-]+)$/;

/** Salesforce is HTTPS; a loopback host (a local emulator) speaks plain HTTP. */
export function hostUrl(host: string): string {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host) ? `http://${host}` : `https://${host}`;
}

/** The parts of an auth URL that matched SFDX_AUTH_URL (check() has made sure it does). */
export function parseSfdxAuthUrl(sfdxAuthUrl: string) {
  const m = SFDX_AUTH_URL.exec(sfdxAuthUrl);
  if (!m) throw new Error("not an SFDX auth URL: force://<clientId>:<clientSecret>:<refreshToken>@<host>");
  const [, clientId, clientSecret, refreshToken, host] = m;
  return { clientId, clientSecret, refreshToken, loginUrl: hostUrl(host) };
}
