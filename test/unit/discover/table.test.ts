import { table } from "../../../provider/discover/table";

describe("discover's text table", () => {
  test("control characters in a cell reach the terminal as escapes, never raw", () => {
    const out = table(["key"], [["Tab\tOrg"], ["Odd \u0007 Org"], ["Esc \u001b[31m red"], ["Del \u007f"]]);
    expect(out).toBe(
      [
        "key",
        "-".repeat(18),
        "Tab\\u0009Org",
        "Odd \\u0007 Org",
        "Esc \\u001b[31m red",
        "Del \\u007f",
        "",
      ].join("\n"),
    );
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
