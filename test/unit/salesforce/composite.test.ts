import { compositeAnswers, Subrequest } from "../../../provider/salesforce/client";

const subrequests: Subrequest[] = [
  { method: "POST", url: "/services/data/v62.0/sobjects/User", referenceId: "newUser", body: {} },
  { method: "GET", url: "/services/data/v62.0/query?q=x", referenceId: "login" },
  {
    method: "PATCH",
    url: "/services/data/v62.0/sobjects/UserLogin/@{login.records[0].Id}",
    referenceId: "freeze",
  },
];
const rolledBack = (referenceId: string) => ({
  body: [
    {
      errorCode: "PROCESSING_HALTED",
      message: "The transaction was rolled back since another operation failed.",
    },
  ],
  httpStatusCode: 400,
  referenceId,
});

describe("salesforce Composite replies", () => {
  test("answers by referenceId when every subrequest succeeded", () => {
    const reply = {
      compositeResponse: [
        { body: { id: "005A", success: true, errors: [] }, httpStatusCode: 201, referenceId: "newUser" },
        { body: null, httpStatusCode: 204, referenceId: "freeze" },
      ],
    };
    expect(compositeAnswers(reply, subrequests, "62.0")).toEqual({
      newUser: { id: "005A", success: true, errors: [] },
      freeze: null,
    });
  });

  test("a failure reports its cause, not the rollback echoes: an error code first, then a reference", () => {
    const byCode = {
      compositeResponse: [
        rolledBack("newUser"),
        {
          body: [{ errorCode: "LICENSE_LIMIT_EXCEEDED", message: "no licences" }],
          httpStatusCode: 400,
          referenceId: "login",
        },
      ],
    };
    expect(() => compositeAnswers(byCode, subrequests, "62.0")).toThrow(
      /GET \/services\/data\/v62.0\/query\?q=x \(in \/composite\) failed: HTTP 400: LICENSE_LIMIT_EXCEEDED/,
    );
    const byReference = {
      compositeResponse: [
        rolledBack("newUser"),
        rolledBack("login"),
        {
          body: [
            {
              errorCode: "PROCESSING_HALTED",
              message: "Invalid reference specified. No value for login.records[0].Id found in login.",
            },
          ],
          httpStatusCode: 400,
          referenceId: "freeze",
        },
      ],
    };
    expect(() => compositeAnswers(byReference, subrequests, "62.0")).toThrow(
      /No value for login.records\[0\].Id/,
    );
  });

  test("a refusal of the whole call (over the limits) names the Composite resource", () => {
    const refused = {
      compositeResponse: [
        {
          body: [
            { errorCode: "LIMIT_EXCEEDED", message: "The request can’t contain more than 25 operations." },
          ],
          httpStatusCode: 400,
          referenceId: null,
        },
      ],
    };
    expect(() => compositeAnswers(refused, subrequests, "62.0")).toThrow(
      /POST \/services\/data\/v62.0\/composite failed: HTTP 400: LIMIT_EXCEEDED/,
    );
  });
});
