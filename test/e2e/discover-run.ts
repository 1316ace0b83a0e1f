import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RequestLogEntry, RunningEmulators } from "../../emulators";
import { engineStack } from "./stack";
import { WORK } from "./workspace";

/** The installed package's bin, as `npx orgplane` runs it. */
export const DISCOVER_BIN = path.join(WORK, "node_modules/orgplane/dist/provider/discover/cli.js");

/**
 * Runs `orgplane discover` from the installed package with only the environment given. Asynchronous: the
 * emulators answer from this process.
 */
export function runDiscover(args: string[], env: Record<string, string>, cwd = WORK) {
  const started = Date.now();
  const child = spawn(process.execPath, [DISCOVER_BIN, "discover", ...args], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 })),
  );
}

/** Logins and token calls: POSTs that change nothing in the estate. */
const LOGINS = [
  /\/services\/oauth2\/token$/,
  /\/Login$/,
  /\/ma\/api\/v2\/user\/login$/,
  /^\/ums\/v2\/(users\/login|users\/token\/refresh|services\/accessToken)$/,
];

/** Whether a logged request changes something: any non-GET but logins and Salesforce batches of reads. */
export function isWrite(entry: RequestLogEntry): boolean {
  if (entry.method === "GET" || entry.method === "HEAD") return false;
  if (LOGINS.some((re) => re.test(entry.path))) return false;
  const body = (entry.body ?? {}) as {
    batchRequests?: { method: string }[];
    compositeRequest?: { method: string }[];
  };
  const sub = body.batchRequests ?? body.compositeRequest;
  if (/\/composite(\/batch)?$/.test(entry.path) && sub) return sub.some((r) => r.method !== "GET");
  return true;
}

/** Client requests (not emulator-to-emulator ones) per emulator, with the writes among them. */
export function apiCalls(emus: RunningEmulators) {
  const all = Object.values(emus.byName).flatMap((s) =>
    s.emulator.log.filter((e) => !e.internal).map((e) => ({ ...e, emulator: s.emulator.name })),
  );
  const logins = all.filter((e) => e.method === "POST" && LOGINS.some((re) => re.test(e.path)));
  return {
    total: all.length,
    writes: all.filter(isWrite),
    logins: countBy(logins.map((e) => e.emulator)),
    byEmulator: countBy(all.map((e) => e.emulator)),
  };
}

const countBy = (names: string[]) =>
  names.reduce<Record<string, number>>((acc, n) => ({ ...acc, [n]: (acc[n] ?? 0) + 1 }), {});

export const clearLogs = (emus: RunningEmulators) =>
  Object.values(emus.byName).forEach((s) => s.emulator.clearLog());

/** A stack over the generated project as it was written (TypeScript), on its own file:// backend. */
export async function projectStack(dir: string, name: string, env: Record<string, string>) {
  const backendDir = path.join(WORK, "state", name);
  const home = path.join(WORK, "home");
  fs.rmSync(backendDir, { recursive: true, force: true });
  fs.mkdirSync(backendDir, { recursive: true });
  const { stack, envVars } = await engineStack(dir, backendDir, home, env);
  const output: string[] = [];
  const log = (line: string) => output.push(line);
  /** The state as the backend stores it (secrets encrypted), every JSON file under the backend directory. */
  const stateText = () =>
    (fs.readdirSync(backendDir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".json"))
      .map((f) => fs.readFileSync(path.join(backendDir, f), "utf8"))
      .join("\n");
  return { stack, envVars, output, log, stateText };
}
