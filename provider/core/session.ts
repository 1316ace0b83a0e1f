import { createHash } from "node:crypto";
import { canonical } from "./diff";
import { isApiError } from "./errors";
import { registerSessionSecrets } from "./redact";

/** A logged-in session; `expiresAt` (epoch ms) makes it renew before it runs out. */
export interface Session {
  expiresAt?: number;
  [key: string]: unknown;
}

const RENEW_BEFORE_EXPIRY_MS = 60_000;

/** A short, non-reversible key for a credential, so that sessions are shared per backend and credential. */
export function credentialKey(backend: string, credential: unknown): string {
  // Canonical: the same credential, written with its keys in another order or with unset ones, is one login.
  const text = JSON.stringify(canonical(credential));
  return `${backend}:${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
}

/** Logs in; `previous` is the session being renewed before expiry (a refresh token may renew it cheaply). */
export type Login<S> = (previous?: S) => Promise<S>;

interface Entry<S> {
  pending: Promise<S>;
  session?: S;
}

/**
 * One login per backend and credential per provider process, reused by every resource.
 * Concurrent callers share one pending login. On a 401 the session is dropped and the call is tried once more.
 */
export class SessionPool<S extends object & Session> {
  /** Every pool of this process (one per backend client module). */
  private static readonly pools = new Set<SessionPool<object & Session>>();
  private readonly entries = new Map<string, Entry<S>>();
  /** How many logins this pool has started (for tests and benchmarks). */
  logins = 0;

  constructor() {
    SessionPool.pools.add(this as unknown as SessionPool<object & Session>);
  }

  /** Forgets every session of every pool: the next call of each backend logs in again (for tests). */
  static clearAll(): void {
    for (const pool of SessionPool.pools) pool.clear();
  }

  /** Forgets every session of this pool. */
  clear(): void {
    this.entries.clear();
  }

  get(key: string, login: Login<S>): Promise<S> {
    const entry = this.entries.get(key);
    if (entry && !(entry.session && this.expiring(entry.session))) return entry.pending;
    return this.start(key, login, entry?.session);
  }

  /** Runs `call` with the session, logging in again once if the API answers 401. */
  async use<T>(key: string, login: Login<S>, call: (session: S) => Promise<T>): Promise<T> {
    const session = await this.get(key, login);
    try {
      return await call(session);
    } catch (e) {
      if (!isApiError(e, 401)) throw e;
      this.invalidate(key, session);
      return call(await this.get(key, login));
    }
  }

  /** Drops the session if it is still the current one (another caller may have renewed it already). */
  invalidate(key: string, stale: S): void {
    if (this.entries.get(key)?.session === stale) this.entries.delete(key);
  }

  private start(key: string, login: Login<S>, previous?: S): Promise<S> {
    this.logins++;
    const entry: Entry<S> = {
      pending: login(previous).then((session) => {
        registerSessionSecrets(session);
        return session;
      }),
    };
    this.entries.set(key, entry);
    entry.pending.then(
      (session) => (entry.session = session),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.pending;
  }

  private expiring(session: S): boolean {
    return session.expiresAt !== undefined && session.expiresAt - RENEW_BEFORE_EXPIRY_MS < Date.now();
  }
}
