import * as pulumi from "@pulumi/pulumi";
import { resourceProps } from "../../../provider/core/resource";
import { organizationSpec as commvaultSpec } from "../../../provider/commvault/schema";
import { organizationSpec as iicsSpec } from "../../../provider/iics/schema";

type Internal = { isSecret: Promise<boolean> };
const isSecret = (value: unknown) =>
  pulumi.Output.isInstance(value) ? (value as unknown as Internal).isSecret : Promise.resolve(false);

/** Only secret leaves are secret, so that the preview of a mixed object shows its plain fields (issue 13 §4). */
describe("resourceProps makes credentials secret", () => {
  const account = {
    authentication: "password",
    userName: "backup@acme.test",
    password: "Sf-pass-1",
    consumerId: "3MVG9-consumer",
    consumerSecret: "consumer-secret-1",
  };

  test("in a mixed object only the secret fields are secret", async () => {
    const props = resourceProps(commvaultSpec, { organizationName: "acme", salesforceAccount: account });
    const wrapped = props.salesforceAccount as Record<string, unknown>;
    expect(pulumi.Output.isInstance(wrapped)).toBe(false);
    expect(wrapped.userName).toBe("backup@acme.test");
    expect(wrapped.consumerId).toBe("3MVG9-consumer");
    expect(await isSecret(wrapped.password)).toBe(true);
    expect(await isSecret(wrapped.consumerSecret)).toBe(true);
    expect(props.organizationName).toBe("acme");
  });

  test("a secret field the program left out stays out; the IICS admin keeps its name visible", async () => {
    const admin = { username: "ada@acme.test", password: "Iics-pass-1", firstName: "Ada", lastName: "L" };
    const props = resourceProps(iicsSpec, { name: "Sub", admin });
    const wrapped = props.admin as Record<string, unknown>;
    expect(wrapped.username).toBe("ada@acme.test");
    expect(await isSecret(wrapped.password)).toBe(true);
    expect(
      "token" in (resourceProps(commvaultSpec, { salesforceAccount: account }).salesforceAccount as object),
    ).toBe(false);
  });

  test("a whole secret input, or an object known only later, is secret as a whole", async () => {
    const connection = { url: "https://cv.acme.test/api", token: "tok-123456" };
    const props = resourceProps(commvaultSpec, { connection, salesforceAccount: pulumi.output(account) });
    expect(await isSecret(props.connection)).toBe(true);
    expect(await isSecret(props.salesforceAccount)).toBe(true);
  });
});
