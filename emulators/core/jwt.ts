import { createHmac, timingSafeEqual } from "node:crypto";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** HS256 JSON Web Tokens, enough for emulated bearer auth. */
export function signJwt(claims: Record<string, unknown>, secret: string): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

export function verifyJwt(token: string, secret: string): Record<string, unknown> | undefined {
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature) return undefined;
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  if (
    expected.length !== signature.length ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  ) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    if (typeof claims.exp === "number" && claims.exp * 1000 < Date.now()) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1];
}
