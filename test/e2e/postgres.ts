import { execFileSync, ExecFileSyncOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "./workspace";

export interface Postgres {
  /** postgres://orgplane:<password>@127.0.0.1:<port>/pulumi_state?sslmode=disable */
  url: string;
  /** Runs SQL through psql and returns its unaligned, tuples-only output. */
  query(sql: string): string;
  stop(): void;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * A throw-away PostgreSQL cluster on 127.0.0.1 (installed by scripts/ensure-postgres). PostgreSQL refuses to run
 * as root, so as root the server runs as the `postgres` user that Debian's package creates.
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = execFileSync(path.join(REPO, "scripts/ensure-postgres"), { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgplane-pg-"));
  const data = path.join(dir, "data");
  const password = randomBytes(12).toString("hex");
  const pwfile = path.join(dir, "pwfile");
  fs.writeFileSync(pwfile, password);
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["-R", "postgres:postgres", dir]);
  }
  const run = (tool: string, args: string[], opts: ExecFileSyncOptions = {}) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], opts)
      : execFileSync(path.join(bin, tool), args, opts);
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "orgplane", "--auth=scram-sha-256", `--pwfile=${pwfile}`], {
    stdio: "ignore",
  });
  const serverOptions = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", serverOptions, "-w", "start"], {
    stdio: "ignore",
  });
  const admin = `postgres://orgplane:${password}@127.0.0.1:${port}`;
  const psql = (database: string, sql: string) =>
    execFileSync(
      path.join(bin, "psql"),
      [`${admin}/${database}?sslmode=disable`, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
      {
        encoding: "utf8",
      },
    );
  psql("postgres", "CREATE DATABASE pulumi_state");
  return {
    url: `${admin}/pulumi_state?sslmode=disable`,
    query: (sql) => psql("pulumi_state", sql).trim(),
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"], { stdio: "ignore" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
