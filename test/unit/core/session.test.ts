import { ApiError } from "../../../provider/core/errors";
import { credentialKey, SessionPool } from "../../../provider/core/session";

const unauthorized = () => new ApiError({ backend: "t", method: "GET", path: "/x", status: 401 });

describe("SessionPool", () => {
  test("one login per credential, shared by concurrent callers", async () => {
    const pool = new SessionPool<{ token: string }>();
    let logins = 0;
    const login = async () => ({ token: `t${++logins}` });
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => pool.use("k", login, async (s) => s.token)),
    );
    expect(new Set(tokens)).toEqual(new Set(["t1"]));
    expect(logins).toBe(1);
    await pool.use("other", login, async (s) => s.token);
    expect(logins).toBe(2);
  });

  test("a 401 logs in again once and retries the call", async () => {
    const pool = new SessionPool<{ token: string }>();
    let logins = 0;
    const login = async () => ({ token: `t${++logins}` });
    const seen: string[] = [];
    const result = await pool.use("k", login, async (s) => {
      seen.push(s.token);
      if (s.token === "t1") throw unauthorized();
      return "ok";
    });
    expect(result).toBe("ok");
    expect(seen).toEqual(["t1", "t2"]);
  });

  test("a second 401 fails instead of looping", async () => {
    const pool = new SessionPool<{ token: string }>();
    let calls = 0;
    await expect(
      pool.use(
        "k",
        async () => ({ token: "x" }),
        async () => {
          calls++;
          throw unauthorized();
        },
      ),
    ).rejects.toMatchObject({ status: 401 });
    expect(calls).toBe(2);
  });

  test("renews a session before it expires", async () => {
    const pool = new SessionPool<{ token: string; expiresAt: number }>();
    let logins = 0;
    const login = async () => ({
      token: `t${++logins}`,
      expiresAt: Date.now() + (logins === 1 ? 30_000 : 3_600_000),
    });
    await pool.get("k", login);
    const second = await pool.get("k", login);
    expect(second.token).toBe("t2");
    expect((await pool.get("k", login)).token).toBe("t2");
  });

  test("a failed login is not cached", async () => {
    const pool = new SessionPool<{ token: string }>();
    let attempts = 0;
    const login = async () => {
      if (++attempts === 1) throw new Error("bad password");
      return { token: "ok" };
    };
    await expect(pool.get("k", login)).rejects.toThrow("bad password");
    expect((await pool.get("k", login)).token).toBe("ok");
  });

  test("credential keys differ per credential and never contain it", () => {
    const a = credentialKey("b", { password: "p1" });
    expect(a).not.toBe(credentialKey("b", { password: "p2" }));
    expect(a).not.toContain("p1");
  });

  test("one credential is one key, whatever the order of its fields or its unset ones", () => {
    const a = credentialKey("sf", { url: "https://x", token: "t", loginUrl: undefined });
    expect(credentialKey("sf", { token: "t", url: "https://x" })).toBe(a);
  });
});
