import type * as dynamic from "@pulumi/pulumi/dynamic";
import { BiotEmulator } from "../../../emulators/biot/server";
import { providers } from "../../../provider/biot/provider";

export const provider = providers.Organization as Required<dynamic.ResourceProvider>;

/** An in-process BioT emulator with the connections of its seeded service user and admin user. */
export async function startBiot() {
  const biot = new BiotEmulator();
  const url = await biot.emulator.start(0);
  const { service, adminUser } = biot.state;
  return {
    biot,
    emulator: biot.emulator,
    service: { url, serviceId: service.id, serviceSecretKey: service.secret },
    user: { url, username: adminUser.username!, password: adminUser.secret },
    stop: () => biot.emulator.stop(),
  };
}
export type Biot = Awaited<ReturnType<typeof startBiot>>;

let counter = 0;
/** Valid inputs for a new organization; names and admin emails are unique per call. */
export function orgInputs(
  connection: object,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  counter++;
  return {
    name: `Clinic ${counter}`,
    templateName: "Clinic",
    primaryAdministrator: {
      email: `admin${counter}@clinic.example`,
      name: { firstName: "Ada", lastName: "Admin" },
    },
    connection,
    ...overrides,
  };
}

/** Runs check like the engine does and fails the test on check failures. */
export async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const result = await provider.check(olds, news);
  if (result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs as Record<string, unknown>;
}

/** check + create, the way the engine creates a resource. */
export async function createOrg(news: Record<string, unknown>) {
  const inputs = await checked(news);
  const { id, outs } = await provider.create(inputs);
  return { id, inputs, state: outs as Record<string, unknown> };
}

/** "METHOD path" of each logged request, for asserting exact call sequences. */
export const callsOf = (biot: Biot) => biot.emulator.log.map((e) => `${e.method} ${e.path}`);
