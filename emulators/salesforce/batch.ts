import { FastifyInstance } from "fastify";
import { SfFault, SObjectRecord } from "./dml";
import { SalesforceContext } from "./server";
import { answer, dmlContext } from "./sobjects";
import { dispatch } from "./subrequest";

const MAX_SUBREQUESTS = 25;

interface Subrequest {
  method: string;
  url: string;
  richInput?: SObjectRecord;
}

/**
 * `POST /composite/batch`: up to 25 independent subrequests in one call (one API request against the limit).
 * Each result carries its own status; a failure does not stop the others unless haltOnError.
 */
export function batchRoutes(app: FastifyInstance, ctx: SalesforceContext): void {
  app.post("/services/data/:version/composite/batch", async (request, reply) =>
    answer(reply, () => {
      const dml = dmlContext(ctx, request);
      const { batchRequests = [], haltOnError = false } = (request.body ?? {}) as {
        batchRequests?: Subrequest[];
        haltOnError?: boolean;
      };
      if (batchRequests.length > MAX_SUBREQUESTS) {
        throw new SfFault(
          400,
          "INVALID_BATCH_REQUEST",
          `A batch cannot contain more than ${MAX_SUBREQUESTS} requests`,
        );
      }
      let halted = false;
      const results = batchRequests.map((sub) => {
        if (halted) {
          return {
            statusCode: 412,
            result: [
              { errorCode: "BATCH_PROCESSING_HALTED", message: "Batch processing halted per request" },
            ],
          };
        }
        try {
          return dispatch(ctx, dml, { method: sub.method, url: sub.url, body: sub.richInput });
        } catch (e) {
          if (!(e instanceof SfFault)) throw e;
          halted = haltOnError;
          return { statusCode: e.status, result: e.body() };
        }
      });
      return { hasErrors: results.some((r) => r.statusCode >= 400), results };
    }),
  );
}
