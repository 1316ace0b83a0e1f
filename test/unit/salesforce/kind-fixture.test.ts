import { startEmulators, RunningEmulators } from "../../../emulators";
import { salesforceUser } from "../../kinds/salesforce";
import { userProvider } from "./harness";

describe("the salesforce.User kind fixture", () => {
  let emus: RunningEmulators;
  beforeAll(async () => (emus = await startEmulators({ only: ["salesforce"] })));
  afterAll(() => emus.stop());

  test("its inputs create the object it names, and a delete makes it disappear from objects()", async () => {
    expect(salesforceUser.prepare(emus, 0)).toHaveProperty("SF_AUTH_URL");
    const { inputs } = await userProvider.check!({}, salesforceUser.inputs(emus, 0));
    const created = await userProvider.create(inputs);
    expect(salesforceUser.objects(emus)).toEqual([salesforceUser.naturalKey(0)]);
    const { inputs: changed } = await userProvider.check!(inputs, salesforceUser.inputs(emus, 0, 1));
    expect((await userProvider.diff!(created.id, created.outs, changed)).replaces).toEqual([]);
    jest.spyOn(console, "warn").mockImplementation(() => undefined);
    await userProvider.delete!(created.id, created.outs);
    expect(salesforceUser.objects(emus)).toEqual([]);
    expect(salesforceUser.declare(0, 1)).toContain('"title":"revision 1"');
  });
});
