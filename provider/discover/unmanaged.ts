import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { OrgplaneError } from "../core";
import { Discovered } from "./inventory";
import { table } from "./table";

/** `pulumi-nodejs:dynamic/orgplane/<backend>:<Kind>` for `<backend>.<Kind>`. */
export const tokenOf = (kind: string) => `pulumi-nodejs:dynamic/orgplane/${kind.replace(".", ":")}`;
const ORGPLANE_TYPE = "pulumi-nodejs:dynamic/orgplane/";

interface StateResource {
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

/** What a stack's state manages: `<type token>|<id>`, and the access nodes of organizations that list them. */
export function managedKeys(resources: StateResource[]): Set<string> {
  const keys = new Set<string>();
  for (const r of resources) {
    if (!r.type.startsWith(ORGPLANE_TYPE) || !r.id) continue;
    keys.add(`${r.type}|${r.id}`);
    const nodes = r.outputs?.memberServers;
    // An organization that declares accessNodes owns its whole list: its nodes need no binding.
    if (r.type === tokenOf("commvault.Organization") && r.outputs?.accessNodes && Array.isArray(nodes)) {
      for (const node of nodes as Record<string, unknown>[]) {
        const [type, id] =
          node.clientGroupId !== undefined ? ["clientGroup", node.clientGroupId] : ["client", node.clientId];
        keys.add(`${tokenOf("commvault.AccessNodeBinding")}|${r.id}/${type}/${id}`);
      }
    }
  }
  return keys;
}

/** The stacks' resources, read with the Automation API (`pulumi stack export`) in the project directory `cwd`. */
export async function stackResources(stacks: string[], cwd: string): Promise<StateResource[]> {
  const workspace = await LocalWorkspace.create({ workDir: cwd });
  const out: StateResource[] = [];
  for (const stack of stacks) {
    const exported = await workspace.exportStack(stack).catch((e: Error) => {
      throw new OrgplaneError(
        `cannot read the state of stack "${stack}" (pulumi stack export): ${e.message}`,
      );
    });
    out.push(
      ...(((exported.deployment as { resources?: StateResource[] })?.resources ?? []) as StateResource[]),
    );
  }
  return out;
}

/** The objects of the estate that no given stack manages. */
export function unmanaged(items: Discovered[], managed: Set<string>): Discovered[] {
  return items.filter((item) => !managed.has(`${tokenOf(item.kind)}|${item.id}`));
}

export const unmanagedTable = (items: Discovered[]) =>
  table(
    ["backend", "kind", "key", "id"],
    items.map((i) => [i.backend, i.kind, i.key, i.id]),
  );
