import { kindFixtures } from "../test/kinds";
import { measureKinds } from "./calls";
import { setUpBench } from "./setup";

export async function main(): Promise<void> {
  const bench = await setUpBench();
  try {
    const calls = await measureKinds(bench, kindFixtures);
    console.log(JSON.stringify(calls.map((c) => ({ kind: c.fixture.kind, flavor: c.flavor, steps: c.steps, bytes: c.providerBytes })), null, 1));
  } finally {
    await bench.emus.stop();
  }
}
