import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulators } from "../../emulators";
import { markdownTable } from "../reliability/report";
import { hits } from "../reliability/secrets";
import type { ProgramStack } from "./stack";
import { WORK } from "./workspace";

/** Where suites leave the secrets they used, for the sweep over every state file after the e2e run. */
export const SCAN_DIR = path.join(WORK, "scan");

export interface ScanResult {
  suite: string;
  secrets: number;
  stateBytes: number;
  outputLines: number;
  requests: number;
  stateHits: number;
  outputHits: number;
  /** What the client sent to the APIs: credentials belong there, so this is reported, not refused. */
  requestHits: number;
}

/**
 * Looks for every secret a suite used in its stack state files, the CLI output, and the emulators' request
 * logs (requests from clients; emulator-to-emulator traffic is left out).
 */
export class SecretScan {
  private readonly secrets = new Set<string>();
  private readonly stacks: ProgramStack[] = [];
  private readonly emulators: RunningEmulators[] = [];

  constructor(readonly suite: string) {}

  add(...values: (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= 8) this.secrets.add(value);
    fs.mkdirSync(SCAN_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCAN_DIR, `${this.suite}.json`), JSON.stringify([...this.secrets]));
  }

  watch(target: { stack?: ProgramStack; emulators?: RunningEmulators }): void {
    if (target.stack) this.stacks.push(target.stack);
    if (target.emulators) {
      this.emulators.push(target.emulators);
      for (const started of Object.values(target.emulators.byName)) started.emulator.keepHistory = true;
    }
  }

  run(): ScanResult & { found: string[] } {
    const secrets = [...this.secrets];
    const state = this.stacks.map((ps) => ps.stateText()).join("\n");
    const output = this.stacks.map((ps) => ps.output.join("\n")).join("\n");
    const requests = this.emulators.flatMap((emus) =>
      Object.values(emus.byName).flatMap((s) => s.emulator.history.filter((entry) => !entry.internal)),
    );
    const sum = (found: { count: number }[]) => found.reduce((n, h) => n + h.count, 0);
    const stateHits = hits(state, secrets);
    const outputHits = hits(output, secrets);
    return {
      suite: this.suite,
      secrets: secrets.length,
      stateBytes: state.length,
      outputLines: this.stacks.reduce((n, ps) => n + ps.output.length, 0),
      requests: requests.length,
      stateHits: sum(stateHits),
      outputHits: sum(outputHits),
      requestHits: sum(hits(JSON.stringify(requests), secrets)),
      found: [...stateHits, ...outputHits].map((h) => `${h.secret.slice(0, 6)}… ×${h.count}`),
    };
  }
}

export function scanTable(results: ScanResult[]): string {
  return markdownTable(
    ["suite", "secrets", "state bytes", "CLI lines", "requests", "hits: state", "hits: CLI", "in requests"],
    results.map((r) =>
      [
        r.suite,
        r.secrets,
        r.stateBytes,
        r.outputLines,
        r.requests,
        r.stateHits,
        r.outputHits,
        r.requestHits,
      ].map(String),
    ),
  );
}

/** The test each e2e suite ends with. */
export function secretScanTest(scan: SecretScan): void {
  test("secret scan: no secret in the state files or the CLI output", () => expectNoSecrets(scan));
}

/** No secret in the scanned state files or CLI output (the last step of a suite's one test, or its own test). */
export function expectNoSecrets(scan: SecretScan): void {
  const result = scan.run();
  console.log(`Secret scan (${scan.suite})\n${scanTable([result])}`);
  expect(result.found).toEqual([]);
  expect(result.stateHits + result.outputHits).toBe(0);
  // The scan had something to look at and for: secrets, state, output, and requests that carried them.
  expect(result.secrets).toBeGreaterThan(0);
  expect(result.stateBytes).toBeGreaterThan(1000);
  expect(result.outputLines).toBeGreaterThan(0);
  expect(result.requestHits).toBeGreaterThan(0);
}
