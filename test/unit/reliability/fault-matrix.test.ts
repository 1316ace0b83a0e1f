import { RunningEmulators, startEmulators } from "../../../emulators";
import { kindFixtures } from "../../kinds";
import { FAULTS } from "../../reliability/faults";
import {
  callsTable,
  converged,
  KindMatrix,
  MatrixCell,
  matrixSize,
  matrixTable,
  OPERATIONS,
  otherOwnerTable,
} from "../../reliability/matrix";
import { timeOutWhenHeld } from "../../reliability/held";
import { checkDocSection } from "../../reliability/report";
import { retryWaits } from "../waits";

/** Every kind × operation × fault through the provider methods, each fault on each API call in turn. */
describe("fault matrix through provider methods", () => {
  let emus: RunningEmulators;
  const savedEnv = { ...process.env };
  const cells: MatrixCell[] = [];
  let waited = 0;
  let held: ReturnType<typeof timeOutWhenHeld> | undefined;

  beforeAll(async () => {
    emus = await startEmulators();
    // Calls resolve credentials from the environment, as programs do. A hung response times out once its
    // emulator holds it (test/reliability/held.ts), and in any case after 0.15 s.
    Object.assign(process.env, emus.env, { ORGPLANE_HTTP_TIMEOUT_MS: "150" });
    held = timeOutWhenHeld(emus);
  });
  // Backoff and Retry-After waits are counted, not slept (test/unit/waits.ts): the matrix judges outcomes.
  afterEach(() => void (waited += retryWaits.reduce((sum, ms) => sum + ms, 0)));
  afterAll(async () => {
    held?.restore();
    process.env = savedEnv;
    await emus?.stop();
    const size = matrixSize(cells);
    const summary =
      `${kindFixtures.length} kind(s) × ${OPERATIONS.length} operations × ${FAULTS.length} faults = ` +
      `${size.cells} cells, ${size.runs} faulted runs, ${size.converged} converged.`;
    const table = matrixTable(cells);
    const calls = `API calls per operation (a fault "on each call" hits each in turn):\n\n${callsTable(cells)}`;
    console.log(
      `Fault matrix (provider methods), retry waits counted, not slept: ${Math.round(waited / 1000)} s\n${summary}\n\n${table}\n\n${calls}`,
    );
    if (cells.length === kindFixtures.length * OPERATIONS.length * FAULTS.length) {
      checkDocSection("fault-matrix", `${summary}\n\n${table}\n\n${calls}`);
    }
  });

  /** The faults after which a write may or may not have happened: where a takeover could hide. */
  const AMBIGUOUS = FAULTS.filter((f) =>
    ["HTTP 500", "HTTP 502", "connection reset", "no response (timeout)", "commit then drop"].includes(
      f.name,
    ),
  );
  const owned: MatrixCell[] = [];

  for (const fixture of kindFixtures) {
    test(`${fixture.kind}: a create over another owner's object is refused under every ambiguous fault`, async () => {
      const found = await new KindMatrix(fixture, emus).otherOwnerCells(AMBIGUOUS);
      owned.push(...found);
      const failures = found.flatMap((cell) =>
        cell.runs
          .filter((run) => run.problems.length > 0)
          .map((run) => `${cell.fault} on ${run.call}: ${run.problems.join("; ")}`),
      );
      expect(failures).toEqual([]);
      expect(found.every((cell) => cell.runs.length > 0)).toBe(true);
    });
  }

  for (const fixture of kindFixtures) {
    test(`${fixture.kind}: a create whose key another owner takes while its write hangs is refused`, async () => {
      const cell = await new KindMatrix(fixture, emus).racedOwnerCell(held!.whileNextHeld);
      owned.push(cell);
      expect(cell.runs[0].problems).toEqual([]);
    });
  }

  afterAll(() => {
    if (owned.length === kindFixtures.length * (AMBIGUOUS.length + 1)) {
      checkDocSection("other-owner", otherOwnerTable(owned));
    }
  });

  for (const fixture of kindFixtures) {
    for (const operation of OPERATIONS) {
      test(`${fixture.kind}: ${operation} converges under every fault`, async () => {
        const heldBefore = held!.ended();
        const found = await new KindMatrix(fixture, emus).cells(operation);
        cells.push(...found);
        // Each run of the timeout fault ended at its hold, not after 0.15 s of real time.
        const hung = found.find((cell) => cell.fault === "no response (timeout)")!;
        expect(held!.ended() - heldBefore).toBeGreaterThanOrEqual(hung.runs.length);
        const failures = found.flatMap((cell) =>
          cell.runs
            .filter((run) => !converged(run))
            .map((run) => `${cell.fault}${run.call ? ` on ${run.call}` : ""}: ${run.problems.join("; ")}`),
        );
        expect(failures).toEqual([]);
        expect(found).toHaveLength(FAULTS.length);
      });
    }
  }
});
