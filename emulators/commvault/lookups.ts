import { FastifyInstance } from "fastify";
import { nameFilter } from "./clients";
import { idOf } from "./salesforce";
import { COMMCELL, CommvaultState } from "./state";
import { companyView, cvError, groupDetail, groupView, planDetail, planView } from "./views";

const FAILED = 2;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Plans, client (server) groups and companies, legacy and V4 (notes §5). */
export function lookupRoutes(app: FastifyInstance, state: CommvaultState): void {
  const badFilter = cvError("Unsupported filter in fq", FAILED);
  const notFound = (what: string) => cvError(`${what} not found`, FAILED);
  // Companies are tenants: the CommCell itself is not one of them.
  const tenants = () => state.companies.filter((c) => c.id !== COMMCELL.id);

  app.get("/Plan", async (request, reply) => {
    const name = nameFilter(request.query);
    if (name === undefined) return reply.code(400).send(badFilter);
    return { plans: state.plans.filter((p) => !name || same(p.planName, name)).map(planView) };
  });
  // cvpysdk's plan list (`plan.py` `_get_plans`, services `PLANS`): the same `plans[].plan` items.
  app.get("/V2/Plan", async () => ({ plans: state.plans.map(planView) }));
  app.get("/Plan/:planId", async (request, reply) => {
    const plan = state.planById(idOf((request.params as { planId: string }).planId) ?? -1);
    return plan ? planDetail(plan) : reply.code(404).send(notFound("Plan"));
  });
  app.get("/V4/PlanIds", async () => ({
    entities: state.plans.map((p) => ({ id: p.planId, name: p.planName })),
  }));

  app.get("/ClientGroup", async (request, reply) => {
    const name = nameFilter(request.query);
    if (name === undefined) return reply.code(400).send(badFilter);
    return {
      groups: state.clientGroups
        .filter((g) => !name || same(g.clientGroupName, name))
        .map((g) =>
          state.flatClientGroups ? { name: g.clientGroupName, Id: g.clientGroupId } : groupView(g),
        ),
    };
  });
  app.get("/ClientGroup/:groupId", async (request, reply) => {
    const group = state.groupById(idOf((request.params as { groupId: string }).groupId) ?? -1);
    return group ? groupDetail(state, group) : reply.code(404).send(notFound("Client group"));
  });
  app.get("/V4/ServerGroup", async () => ({
    serverGroups: state.clientGroups.map((g) => ({
      id: g.clientGroupId,
      name: g.clientGroupName,
      association: { servers: g.clientIds.length },
      company: { id: COMMCELL.id, name: COMMCELL.connectName },
    })),
    serverGroupCount: state.clientGroups.length,
  }));

  app.get("/Organization", async (request, reply) => {
    const name = nameFilter(request.query);
    if (name === undefined) return reply.code(400).send(badFilter);
    const matching = tenants().filter((c) => !name || same(c.connectName, name) || same(c.domainName, name));
    return { providers: matching.map(companyView) };
  });
  app.get("/Organization/:companyId", async (request, reply) => {
    const id = idOf((request.params as { companyId: string }).companyId);
    const company = tenants().find((c) => c.id === id);
    return company
      ? { organizationInfo: { organization: companyView(company) } }
      : reply.code(404).send(notFound("Company"));
  });
  app.get("/V4/company", async () => ({
    companies: tenants().map((c) => ({ id: c.id, name: c.connectName, status: "ACTIVE" })),
    companyCount: tenants().length,
  }));
}
