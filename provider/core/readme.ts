import type * as dynamic from "@pulumi/pulumi/dynamic";
import { inputsTable } from "./docs";
import { specOf } from "./provider";

const start = (kind: string) => `<!-- inputs:${kind} (generated from schema.ts by npm run docs) -->`;
const end = (kind: string) => `<!-- /inputs:${kind} -->`;

/**
 * A backend README with each kind's inputs table regenerated between its markers. A kind without markers
 * gets an "Inputs" section appended.
 */
export function withInputTables(readme: string, providers: Record<string, dynamic.ResourceProvider>): string {
  let out = readme;
  for (const [kind, provider] of Object.entries(providers)) {
    const spec = specOf(provider);
    if (!spec) continue;
    const block = `${start(kind)}\n${inputsTable(spec)}\n${end(kind)}`;
    const from = out.indexOf(start(kind));
    const to = out.indexOf(end(kind));
    out =
      from >= 0 && to > from
        ? out.slice(0, from) + block + out.slice(to + end(kind).length)
        : `${out.trimEnd()}\n\n## ${kind} inputs\n\n${block}\n`;
  }
  return out;
}
