import type { RunningEmulators } from "../../../emulators";
import type { BiotEmulator } from "../../../emulators/biot/server";
import { declarations, ProgramItem } from "../../kinds";
import { biotOrganization } from "../../kinds/biot";
import { LifecycleContext, KindLifecycle } from "./types";

const biotOf = (emus: RunningEmulators) => (emus.byName.biot.facts as { biot: BiotEmulator }).biot;
/** The block's organization (the fixture's has another name). */
const clinic = (emus: RunningEmulators) =>
  [...biotOf(emus).state.orgs.values()].filter((o) => !o.first && o.name === "Boston Clinic");
/** The non-login calls of the last CLI run, ids masked, in a stable order (two organizations run in parallel). */
const calls = ({ emus }: LifecycleContext) =>
  biotOf(emus)
    .emulator.log.filter((e) => !e.path.includes("/ums/"))
    .map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/, "{id}")} ${e.status}`)
    .sort();

/** Organization "clinic" from stack config; the connection from BIOT_URL, BIOT_SERVICE_ID, BIOT_SERVICE_SECRET_KEY. */
const CLINIC: ProgramItem = { fixture: biotOrganization, i: 2, form: "from stack config" };

/** biot: an organization from a template; an admin change is refused, a template change replaces. */
export const biotLifecycle: KindLifecycle = {
  backend: "biot",
  emulators: ["biot"],
  // A TypeScript program, type-checked by the language host (no transpile-only) against the published declarations.
  runtime: { typescript: true },
  prelude: `import * as pulumi from "@pulumi/pulumi";\nimport { biot } from "orgplane";`,
  declares: () => [CLINIC],
  outputs: {
    id: "clinic.id",
    template: "clinic.template",
    adminId: "clinic.primaryAdministratorId",
    description: "clinic.description",
  },
  prepare: () => ({
    config: {
      name: "Boston Clinic",
      template: "Clinic",
      description: "Outpatient clinic",
      attributes: { region: "north" },
    },
  }),
  secrets: () => [], // the service key: the fixture's
  resources: 1,
  created: (ctx, up) => {
    // One login; per organization, the existence check of its name, then the create from its template.
    expect(ctx.emus.byName.biot.emulator.calls({ path: "/ums/v2/services/accessToken" })).toHaveLength(1);
    expect(calls(ctx)).toEqual([
      "GET /organization/v1/organizations 200",
      "GET /organization/v1/organizations 200",
      "POST /organization/v1/organizations/templates/Clinic 201",
      "POST /organization/v1/organizations/templates/Clinic 201",
    ]);
    const [org] = clinic(ctx.emus);
    expect(up.outputs.id.value).toBe(org.id);
    expect(up.outputs.template.value).toMatchObject({ name: "Clinic" });
    expect(org).toMatchObject({ timezone: "America/New_York", custom: { region: "north" } });
    expect(biotOf(ctx.emus).state.users.get(org.adminId)?.email).toBe("ops@clinic-e2e.example");
  },
  update: {
    config: { description: "Outpatient and urgent care", attributes: { region: "north", beds: 12 } },
    changes: { update: 1 },
    check: (ctx) => {
      // One PATCH per organization, of just the changed fields.
      expect(calls(ctx)).toEqual([
        "PATCH /organization/v1/organizations/{id} 200",
        "PATCH /organization/v1/organizations/{id} 200",
      ]);
      const [org] = clinic(ctx.emus);
      const patch = biotOf(ctx.emus).emulator.calls({ method: "PATCH", path: new RegExp(org.id) });
      expect(patch.map((c) => c.body)).toEqual([{ _description: "Outpatient and urgent care", beds: 12 }]);
      expect(org).toMatchObject({
        description: "Outpatient and urgent care",
        custom: { region: "north", beds: 12 },
      });
    },
  },
  steps: [
    {
      name: "an administrator change is refused at preview, with the reason, before any API call",
      run: async ({ emus, ps }) => {
        await ps.stack.setConfig("adminEmail", { value: "someone.else@clinic-e2e.example" });
        biotOf(emus).emulator.clearLog();
        await expect(ps.stack.preview({ onOutput: ps.onOutput })).rejects.toThrow(
          /primary administrator .*cannot be changed/s,
        );
        expect(biotOf(emus).emulator.log).toHaveLength(0);
        await ps.stack.removeConfig("adminEmail");
      },
    },
    {
      name: "the language host type-checks the program: a wrong input type fails before any API call",
      run: async ({ emus, ps, setProgram }) => {
        const fs = await import("node:fs");
        const typed = fs.readFileSync(ps.main, "utf8");
        const mistyped = declarations([{ fixture: biotOrganization, i: 3, form: "name a number" }]);
        fs.writeFileSync(ps.main, `${typed}\n${mistyped}\n`);
        biotOf(emus).emulator.clearLog();
        const error = await ps.stack.preview({ onOutput: ps.onOutput }).catch((e: Error) => e);
        expect(String(error)).toMatch(/Unable to compile TypeScript/);
        expect(String(error)).toMatch(/index\.ts.*TS2322/s);
        expect(biotOf(emus).emulator.log).toHaveLength(0);
        setProgram(1);
      },
    },
    {
      name: "a template change replaces, deleting the old organization first",
      run: async (ctx) => {
        const before = clinic(ctx.emus)[0];
        await ctx.config({ template: "Hospital", attributes: { region: "north", tier: "A" } });
        biotOf(ctx.emus).emulator.clearLog();
        const up = await ctx.ps.stack.up({ onOutput: ctx.ps.onOutput });
        expect(up.summary.resourceChanges?.replace).toBe(1);
        // In this order: the old one goes before the existence check of the name and the create.
        expect(
          biotOf(ctx.emus)
            .emulator.log.filter((e) => !e.path.includes("/ums/"))
            .map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/, "{id}")} ${e.status}`),
        ).toEqual([
          "DELETE /organization/v1/organizations/{id} 204",
          "GET /organization/v1/organizations 200",
          "POST /organization/v1/organizations/templates/Hospital 201",
        ]);
        expect(biotOf(ctx.emus).state.orgs.has(before.id)).toBe(false);
        expect(clinic(ctx.emus)).toHaveLength(1);
        expect(up.outputs.template.value).toMatchObject({ name: "Hospital" });
      },
    },
    {
      name: "refresh shows a change made in the BioT console, and the next up puts it back",
      run: async (ctx) => {
        clinic(ctx.emus)[0].description = "Edited in the console";
        biotOf(ctx.emus).emulator.clearLog();
        const refresh = await ctx.ps.stack.refresh({ onOutput: ctx.ps.onOutput });
        expect(refresh.summary.resourceChanges?.update).toBe(1);
        // One read per organization.
        expect(calls(ctx)).toEqual([
          "GET /organization/v1/organizations/{id} 200",
          "GET /organization/v1/organizations/{id} 200",
        ]);
        const state = await ctx.ps.stack.exportStack();
        const found = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::clinic"));
        expect(found.outputs.description).toBe("Edited in the console");
        expect(found.outputs.primaryAdministrator.email).toBe("ops@clinic-e2e.example"); // kept as declared
        const up = await ctx.ps.stack.up({ onOutput: ctx.ps.onOutput });
        expect(up.summary.resourceChanges?.update).toBe(1);
        expect(clinic(ctx.emus)[0].description).toBe("Outpatient and urgent care");
      },
    },
  ],
  destroy: {
    before: ({ emus }) => void (adminIds = [clinic(emus)[0].adminId]),
    changes: { delete: 1 },
    check: ({ emus }) => {
      const biot = biotOf(emus);
      // Only the seed organization is left, and the admin went with its organization, synchronously.
      expect([...biot.state.orgs.values()].filter((o) => !o.first)).toEqual([]);
      expect(biot.state.users.has(adminIds[0])).toBe(false);
      expect(biot.executionModes.filter((m) => m.method === "DELETE").every((m) => m.mode === "sync")).toBe(
        true,
      );
    },
  },
  checkSecrets: (_ctx, state) => expect(state).not.toMatch(/Bearer|accessToken/),
};

let adminIds: string[] = [];
