import { RunningEmulators, startEmulators } from "../../../emulators";
import { getPath } from "../../../provider/core/schema";
import { kindFixtures } from "../../kinds";
import { createError, providerOf, specOf } from "../../reliability/kinds";
import { markdownTable } from "../../reliability/report";
import { credentialFields, hits, secretValues, tamper } from "../../reliability/secrets";

/**
 * No error message carries a secret, including errors of the auth call itself: a wrong credential in the
 * connection, a credential revoked mid-run, and a wrong secret input (a revoked refresh token).
 */
describe("error messages carry no secret", () => {
  let emus: RunningEmulators;
  const rows: string[][] = [];

  beforeAll(async () => {
    emus = await startEmulators();
  });
  afterAll(async () => {
    await emus?.stop();
    console.log(`Errors checked for secrets\n${markdownTable(["kind", "case", "error"], rows)}`);
  });

  for (const fixture of kindFixtures) {
    describe(fixture.kind, () => {
      let index = 500;
      /** Creates resource i with changed inputs; returns the error, cleaning up if it worked after all. */
      const failedCreate = async (change: (inputs: Record<string, unknown>) => void, label: string) => {
        const i = index++;
        fixture.prepare(emus, i);
        const provider = providerOf(fixture);
        const inputs = structuredClone(fixture.inputs(emus, i));
        const secrets = [...fixture.secrets(emus, i), ...secretValues(specOf(fixture, emus), inputs)];
        change(inputs);
        secrets.push(...secretValues(specOf(fixture, emus), inputs));
        const checked = await provider.check!({}, inputs);
        expect(checked.failures).toBeUndefined();
        const error = await createError(provider, checked.inputs);
        if (error) rows.push([fixture.kind, label, error.message.slice(0, 140).replace(/\|/g, "\\|")]);
        return { error, secrets };
      };
      const expectClean = (error: Error | undefined, secrets: string[]) => {
        const text = error ? `${error.message}\n${error.stack ?? ""}\n${JSON.stringify(error)}` : "";
        expect(hits(text, secrets)).toEqual([]);
      };

      test("a wrong credential in the connection: the auth call fails, naming no secret", async () => {
        const connection = fixture.inputs(emus, 0).connection as Record<string, unknown>;
        const fields = credentialFields(connection);
        expect(fields.length).toBeGreaterThan(0);
        for (const field of fields) {
          const { error, secrets } = await failedCreate((inputs) => {
            const c = inputs.connection as Record<string, string>;
            c[field] = tamper(c[field]);
          }, `wrong connection.${field}`);
          expect(error).toBeDefined();
          expectClean(error, secrets);
        }
      });

      test("credentials revoked mid-run (every session expired): no secret in what fails", async () => {
        const emulator = fixture.emulator(emus);
        emulator.faults.add({ expireSessions: true, times: 1 });
        try {
          const { error, secrets } = await failedCreate(() => undefined, "sessions expired");
          expectClean(error, secrets);
          expect(emulator.faults.list()[0].fired).toBe(1);
        } finally {
          emulator.faults.clear();
          if (fixture.renewCredentials) fixture.renewCredentials(emus);
        }
      });

      test("a wrong secret input (a revoked credential of the object): no secret in the error", async () => {
        const spec = specOf(fixture, emus);
        const inputs = fixture.inputs(emus, 0);
        const paths = [...spec.fields]
          .filter(
            ([path, meta]) => meta.secret && !meta.storedSecret && typeof getPath(inputs, path) === "string",
          )
          .map(([path]) => path);
        for (const path of paths) {
          const { error, secrets } = await failedCreate((changed) => {
            const keys = path.split(".");
            const holder = getPath(changed, keys.slice(0, -1).join(".")) ?? changed;
            const key = keys[keys.length - 1];
            (holder as Record<string, string>)[key] = tamper((holder as Record<string, string>)[key]);
          }, `wrong ${path}`);
          expectClean(error, secrets);
        }
      });
    });
  }
});
