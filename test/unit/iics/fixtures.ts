import { IicsEmulator } from "../../../emulators/iics/server";
import { ACME_DATA } from "../../kinds/iics";

/** An in-process IICS emulator and a connection to its seeded partner org. */
export async function startIics() {
  const iics = new IicsEmulator();
  const url = await iics.emulator.start();
  const connection = { loginUrl: url, username: iics.partner.username, password: iics.partner.password };
  return { iics, url, connection };
}

export const ADMIN_PASSWORD = "Initial-Passw0rd-4-acme";

/** Valid raw inputs for a US sub-org, as a program would pass them. */
export function orgInputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...ACME_DATA,
    admin: {
      username: "admin@acme-data.example",
      password: ADMIN_PASSWORD,
      firstName: "Ada",
      lastName: "Lovelace",
    },
    ...overrides,
  };
}

/** API calls the emulator saw, as "METHOD path" lines with ids masked. */
export function callLines(iics: IicsEmulator): string[] {
  return iics.emulator.log.map(
    (e) => `${e.method} ${e.path.replace(/\/org\/(?!name)[\w-]{22}$/, "/org/<id>")}`,
  );
}
