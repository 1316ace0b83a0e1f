import { RunningEmulators, startEmulators } from "../../../emulators";
import { failurePath, pathSegment } from "../../../provider/core";
import { kindFixtures } from "../../kinds";
import { providerOf } from "../../reliability/kinds";

type Obj = Record<string, unknown>;
/** A change to a valid input, and the path check() must name. */
type Case = [what: string, change: (valid: Obj) => Obj, path: string];

const set = (key: string, value: unknown) => (valid: Obj) => ({ ...valid, [key]: value });
const setIn = (key: string, inner: string, value: unknown) => (valid: Obj) => ({
  ...valid,
  [key]: { ...(valid[key] as Obj), [inner]: value },
});
const withKey = (key: string, value: unknown) => (valid: Obj) => {
  const metadata = { ...(valid.metadata as Obj) };
  Object.defineProperty(metadata, key, { value, enumerable: true, writable: true, configurable: true });
  return { ...valid, metadata };
};
const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

const urlCases = (key: string, inner: string): Case[] => [
  ["a base URL with a query", setIn(key, inner, "https://api.example.com/x?y=1"), `${key}.${inner}`],
  ["a base URL with a fragment", setIn(key, inner, "https://api.example.com/x#y"), `${key}.${inner}`],
];
const nameCases = (key: string): Case[] => [
  ["a blank name", set(key, "   "), key],
  ["a tab-only name", set(key, "\t"), key],
  ["a NUL", set(key, "a\u0000b"), key],
  ["CR LF", set(key, "a\r\nb"), key],
  ["DEL", set(key, "a\u007fb"), key],
];

/** The bad inputs issue 13 lists, per kind: each stops at check with its path. */
const CASES: Record<string, Case[]> = {
  "sfp.SalesforceOrgRegistration": [
    ["a 100 KB metadata value", setIn("metadata", "big", "x".repeat(100_000)), "metadata.big"],
    ["5,000 metadata keys", set("metadata", manyKeys(5000)), "metadata"],
    ["an empty metadata key", withKey("", "v"), "metadata."],
    ["a __proto__ metadata key", withKey("__proto__", "v"), "metadata.__proto__"],
    ...urlCases("connection", "url"),
  ],
  "sfp.SandboxRegistration": [...urlCases("connection", "url")],
  "commvault.Organization": [
    ...nameCases("organizationName"),
    ["a blank downloadCachePath", set("downloadCachePath", " "), "downloadCachePath"],
    ["a blank plan name", set("plan", { planName: "  " }), "plan.planName"],
    ["a blank excluded object", set("excludedObjects", ["Account", " "]), "excludedObjects[1]"],
    ...urlCases("connection", "url"),
  ],
  "biot.Organization": [
    ...nameCases("name"),
    ["templateName ..", (v) => ({ ...v, templateId: undefined, templateName: ".." }), "templateName"],
    ["templateName .", (v) => ({ ...v, templateId: undefined, templateName: "." }), "templateName"],
    ...urlCases("connection", "url"),
  ],
  "iics.Organization": [
    ...nameCases("name"),
    ["name ..", set("name", ".."), "name"],
    ["name .", set("name", "."), "name"],
    ["NUL and CRLF", set("name", "Sub\u0000org\r\n"), "name"],
    ...urlCases("connection", "loginUrl"),
  ],
  "salesforce.User": [
    ...nameCases("lastName"),
    ["an unknown time zone", set("timeZone", "Mars/Olympus"), "timeZone"],
    ["a time zone in the wrong case", set("timeZone", "america/los_angeles"), "timeZone"],
    ["an unknown locale", set("locale", "xx_XX"), "locale"],
    ["a locale with a dash", set("locale", "en-US"), "locale"],
    ["an unknown language", set("language", "english"), "language"],
    ["a language Salesforce does not offer", set("language", "en_AU"), "language"],
    ["an unknown email encoding", set("emailEncoding", "utf8"), "emailEncoding"],
    [
      "a login URL with a query",
      setIn("connection", "loginUrl", "https://login.example.com?x=1"),
      "connection.loginUrl",
    ],
  ],
};

describe("bad input stops at check, with the field path, before any API call", () => {
  let emus: RunningEmulators;
  const apiCalls = () => Object.values(emus.byName).reduce((n, s) => n + s.emulator.log.length, 0);

  beforeAll(async () => {
    emus = await startEmulators();
  });
  afterAll(async () => emus?.stop());

  test("every kind has cases", () => {
    expect(Object.keys(CASES).sort()).toEqual(kindFixtures.map((f) => f.kind).sort());
  });

  for (const fixture of kindFixtures) {
    test(`${fixture.kind}: each bad input fails check at its path`, async () => {
      const provider = providerOf(fixture);
      const valid = fixture.inputs(emus, 3);
      expect((await provider.check!({}, valid)).failures).toBeUndefined();
      for (const started of Object.values(emus.byName)) started.emulator.clearLog();
      for (const [what, change, path] of CASES[fixture.kind]) {
        const { failures } = await provider.check!({}, change(structuredClone(valid)));
        expect([what, failures?.map(failurePath)]).toEqual([what, expect.arrayContaining([path])]);
      }
      expect(apiCalls()).toBe(0);
    });
  }

  test("pathSegment encodes every character and refuses dot segments", () => {
    expect(pathSegment("a/b?c#d e%")).toBe("a%2Fb%3Fc%23d%20e%25");
    expect(pathSegment(42)).toBe("42");
    expect(() => pathSegment("..")).toThrow(/path segment/);
    expect(() => pathSegment(".")).toThrow(/path segment/);
  });
});
