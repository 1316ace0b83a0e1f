import { OrgplaneError } from "./errors";
import { HttpClient } from "./http";
import { registerSecret } from "./redact";

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

/**
 * The Salesforce user an auth URL signs in as, as sfdx-core learns it: a refresh-token exchange at the URL's
 * host, then the OpenID userinfo of the instance: two calls to Salesforce.
 */
export async function sfdxAuthUrlUser(sfdxAuthUrl: string): Promise<string> {
  const auth = parseSfdxAuthUrl(sfdxAuthUrl);
  registerSecret(auth.refreshToken);
  registerSecret(auth.clientSecret);
  const login = new HttpClient({
    backend: "salesforce",
    baseURL: auth.loginUrl,
    parseError: parseOAuthError,
  });
  const form: Record<string, string> = {
    grant_type: "refresh_token",
    refresh_token: auth.refreshToken,
    client_id: auth.clientId,
    ...(auth.clientSecret ? { client_secret: auth.clientSecret } : {}),
  };
  const token = (
    await login
      .request<{ access_token: string; instance_url: string }>({
        method: "POST",
        path: "/services/oauth2/token",
        form,
        idempotent: true,
      })
      .catch((e: Error) => {
        throw new OrgplaneError(`the sfdxAuthUrl does not sign in to Salesforce (${e.message})`);
      })
  ).data;
  registerSecret(token.access_token);
  const instance = new HttpClient({
    backend: "salesforce",
    baseURL: token.instance_url,
    parseError: parseOAuthError,
  });
  const info = await instance.request<{ preferred_username?: string }>({
    method: "GET",
    path: "/services/oauth2/userinfo",
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  if (!info.data.preferred_username) {
    throw new OrgplaneError("Salesforce's userinfo names no user for this sfdxAuthUrl");
  }
  return info.data.preferred_username.toLowerCase();
}

/** OAuth error bodies: {error, error_description}. */
function parseOAuthError(body: unknown) {
  const b = (body ?? {}) as { error?: string; error_description?: string };
  return { code: b.error, message: b.error_description };
}
