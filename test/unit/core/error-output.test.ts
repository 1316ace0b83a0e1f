import { ApiError, OrgplaneError, sanitizeError } from "../../../provider/core/errors";
import { providerStub } from "../../../provider/core/stub";

/** How the dynamic provider host logs what check, diff, read or delete threw (@pulumi/pulumi cmd/dynamic-provider). */
const hostLine = (e: Error) => `${e}: ${e.stack}`;
const count = (text: string, part: string) => text.split(part).length - 1;

const message = "biot: the primary administrator of organization Clinic cannot be changed";
const apiError = () => new ApiError({ backend: "biot", method: "POST", path: "/organizations", status: 400 });

let thrown: () => Error;
jest.mock(
  "throwing-provider",
  () => {
    const fail = async () => {
      throw thrown();
    };
    return { providers: { Thing: { check: fail, diff: fail, read: fail, delete: fail } } };
  },
  { virtual: true },
);
const stub = providerStub("throwing-provider", "Thing");

describe("errors for the user print as their message alone", () => {
  test.each([
    ["OrgplaneError", new OrgplaneError(message), message],
    ["ApiError", apiError(), "biot POST /organizations failed: HTTP 400"],
  ])("%s: its stack is its message, without frames", (name, error, text) => {
    expect(error.stack).toContain(text);
    expect(error.stack).not.toMatch(/^\s+at /m);
    expect(String(error)).toBe(`${name}: ${error.message}`);
  });

  test.each([
    ["diff", "OrgplaneError", () => new OrgplaneError(message)],
    ["read", "ApiError", apiError],
    ["delete", "OrgplaneError", () => new OrgplaneError(message)],
    ["check", "ApiError", apiError],
  ])("%s through the stub: the host prints %s and the message once", async (method, name, make) => {
    thrown = make;
    const call = stub[method as "diff"] as (...a: unknown[]) => Promise<unknown>;
    const error = (await call("id", {}, {}).catch((e: Error) => e)) as Error;
    expect(hostLine(error)).toBe(`${name}: ${error.message}`);
    expect(count(hostLine(error), error.message)).toBe(1);
  });

  test("unexpected errors keep their frames, in the stub too", async () => {
    const typeError = new TypeError("x is not a function");
    expect(typeError.stack).toMatch(/^\s+at /m);
    expect(sanitizeError(typeError).stack).toMatch(/^\s+at /m);
    thrown = () => new TypeError("x is not a function");
    const error = (await stub.diff!("id", {}, {}).catch((e: Error) => e)) as Error;
    expect(hostLine(error)).toMatch(
      /^TypeError: x is not a function: TypeError: x is not a function\n\s+at /,
    );
  });
});
