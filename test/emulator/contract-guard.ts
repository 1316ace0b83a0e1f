import { Emulator } from "../../emulators";

/**
 * After each test: every response the emulators sent was inside their contract, and every route hit is in it.
 * Requests outside the contract are what negative tests send on purpose; the emulator refused each (400).
 */
export function guardContracts(emulators: () => Emulator[]): void {
  afterEach(() => {
    const left = emulators()
      .flatMap((e) => e.takeContractViolations())
      .filter((v) => !v.includes("request outside the contract"));
    expect(left).toEqual([]);
  });
}
