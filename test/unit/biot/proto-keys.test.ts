import * as pulumi from "@pulumi/pulumi";
import { Organization } from "../../../provider/biot";
import { orgInputs, provider } from "./harness";

/** The inputs the engine receives for a resource: the program's serialization, as the SDK sends it. */
async function sentInputs(args: Record<string, unknown>): Promise<Record<string, unknown>> {
  let sent: Record<string, unknown> = {};
  await pulumi.runtime.setMocks(
    {
      newResource: ({ inputs }) => {
        sent = inputs;
        return { id: "org-id", state: inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    true,
  );
  const org = new Organization("org", args as never);
  await new Promise((resolve) => org.urn.apply(resolve));
  return sent;
}

const connection = { url: "https://biot.example", serviceId: "svc", serviceSecretKey: "svc-secret-1" };

/** The SDK copies keys with `obj[key] = value`: a `__proto__` must reach check as a failure, not as data. */
describe("biot.Organization: __proto__ in a program's custom attributes", () => {
  test.each([
    ["a __proto__ key (JSON.parse)", () => JSON.parse('{"region":"north","__proto__":{"beds":5}}')],
    ["a replaced prototype", () => ({ __proto__: { beds: 5 }, region: "north" })],
  ])("%s fails check at customAttributes.__proto__", async (_, customAttributes) => {
    const sent = await sentInputs(orgInputs(connection, { customAttributes: customAttributes() }));
    const news = orgInputs(connection, { customAttributes: sent.customAttributes });
    const { failures } = await provider.check({}, news);
    expect(failures?.map((f) => f.property)).toEqual(["customAttributes.__proto__"]);
  });
});
