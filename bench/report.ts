import { KindCalls, Step } from "./calls";
import { boundMs, formatBytes, formatCount, formatMiB, formatRatio, idealApiMs, median } from "./stats";
import { settings } from "./setup";
import { IDEAL_CALLS, SizeTimes, TIMED, TimedOperation } from "./walltime";

export interface RunFacts {
  date: string;
  commit: string;
  node: string;
  pulumi: string;
  cpus: string;
  loadBefore: string;
  loadAfter: string;
  minutes: number;
  latencyMs: number;
  parallel: number;
  kinds: string[];
}

/** Why a kind's figure differs from its target, in words; the figure itself is always measured. */
const DELETE_SFP =
  "sfp keys registrations by username, so a delete first reads the registry's list (shared by concurrent " +
  "deletes) to confirm the registration is still the one in state (its `createdAt`): one registered again " +
  "under the same username by another owner is left alone.";
const UPDATE_SFP =
  "An update is one register (an upsert) after a read of the registry's list (shared by concurrent updates) " +
  "that confirms the registration is still the one in state.";
const EXPLANATIONS: Record<string, Partial<Record<Step, string>>> = {
  "sfp.SalesforceOrgRegistration": {
    create:
      "sfp's register endpoint is an upsert, so a create first checks that the username is not registered yet " +
      "(else it refuses, unless `adopt: true`), then registers, then reads the registration back because the " +
      "register reply has no `createdAt`. The check and the read-back read the registry's list, and concurrent " +
      "creates share those list calls (core `SharedReads`: each caller gets a list read after its own call), so " +
      "a lone create makes 3 calls and N creates in one run make N registers plus a few lists. Before that, the " +
      "user behind the auth URL is learned from Salesforce (2 calls there, none to the sfp server), so that the " +
      "check is of the user the server will register.",
    refresh:
      "A refresh reads the registry's list, not `GET /org` (which mints a Salesforce access token by default), " +
      "and concurrent refreshes share those list calls: below one call per resource.",
    update: UPDATE_SFP,
    delete: DELETE_SFP,
  },
  "sfp.SandboxRegistration": {
    create:
      "As a registration: register-by-name is an upsert too, so the sandbox user is checked first, then " +
      "registered, then read back for `createdAt`, the check and the read-back on shared list calls.",
    delete: DELETE_SFP,
  },
  "iics.Organization": {
    create:
      "A create checks that no sub-organization has the name (one read of the parent org, which lists its " +
      "sub-organizations' names, shared by concurrent creates), registers, reads the new organization back " +
      "(the register reply names at most its id), and sets in one update what register does not take " +
      "(`description`, notification emails, password policy: the benchmark's fixture sets some). A create " +
      "that sets none of those makes 2 calls plus its share of the parent read.",
    update:
      "IICS's organization update replaces the whole object, so an update reads the current one first and " +
      "sends it back with the inputs on top; an update with nothing to change stops after the read.",
  },
  "biot.Organization": {
    create:
      "The ownership check searches the name before the POST (BioT has no idempotency key or ownership field), " +
      "so a create is 2 calls.",
  },
  "salesforce.User": {
    create:
      "The ownership check queries the username before the Composite write, in one batch with the name lookups " +
      "that are not cached yet: 2 calls once the names are cached.",
  },
  "commvault.Organization": {
    create:
      "The create reply names the client only, so one backup-set read fetches the instance and backup-set ids " +
      "(outputs, and what Modify needs); settings that only Modify can set (`backupStreams` here) follow in one " +
      "Modify, so a create that sets none makes 2 calls. Before the write, the ownership check lists the " +
      "organizations (Commvault's 409 has no documented meaning), one list shared by concurrent creates. Plan, " +
      "company and access-node lookups are made once per provider process and credential (core `LookupCache`) " +
      "and add 1/N.",
    refresh:
      "Commvault keeps an organization's settings in two objects, its instance (plan, account, access nodes, " +
      "streams) and its backup set (download cache, sync database, backup options), and no endpoint returns " +
      "both; the two reads run in parallel. (A third read, of the client, was dropped: the instance names it.)",
  },
};

/** Targets per step; an update has none to judge (it takes what the API needs), so it is shown, not judged. */
const TARGETS: Record<Step, { text: string; met?: (n: number) => boolean }> = {
  create: { text: "≤ 2", met: (n) => n <= 2 },
  update: { text: "as few as the API allows" },
  refresh: { text: "≤ 1", met: (n) => n <= 1 },
  delete: { text: "1", met: (n) => n <= 1 },
  preview: { text: "0", met: (n) => n === 0 },
};

/** Whether the kind has an in-place update to measure (some kinds replace on every change). */
const hasUpdate = (c: KindCalls) => c.fixture.declare(0, 1) !== c.fixture.declare(0, 0);

const missed = (step: Step, n: number) => TARGETS[step].met?.(n) === false;
const withinWallTime = (ratio: number) => ratio <= settings.wallTimeTarget;
const WALL_TIME_TARGET = `≤ ${settings.wallTimeTarget}×`;

const verdict = (met: boolean) => (met ? "met" : "**missed**");
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const header = (cells: string[]) => [row(cells), row(cells.map(() => "---"))];

function medians(t: SizeTimes, op: TimedOperation, facts: RunFacts) {
  const engine = median(t.times.engine[op]);
  const replay = median(t.times.replay[op]);
  const orgplane = median(t.times.orgplane[op]);
  const api = idealApiMs(t.n, IDEAL_CALLS[op], facts.latencyMs, facts.parallel);
  const bound = boundMs(engine, t.n, IDEAL_CALLS[op], facts.latencyMs, facts.parallel);
  const replayBound = replay + api;
  return { engine, replay, orgplane, api, bound, replayBound, ratio: orgplane / bound };
}

/** The spread of orgplane / bound when each run is paired with its own no-op time. */
function perRunRange(t: SizeTimes, op: TimedOperation, apiMs: number): string {
  const ratios = t.times.orgplane[op].map((ms, run) => ms / (t.times.engine[op][run] + apiMs));
  return `${formatRatio(Math.min(...ratios))} – ${formatRatio(Math.max(...ratios))}`;
}

const largest = (sizes: SizeTimes[]) => sizes.reduce((a, b) => (b.n > a.n ? b : a));
const orgplaneOf = (calls: KindCalls[]) => calls.filter((c) => c.flavor === "orgplane");
const naiveOf = (calls: KindCalls[], kind: string) =>
  calls.find((c) => c.flavor === "naive" && c.fixture.kind === kind);

export function readmeExcerpt(calls: KindCalls[], sizes: SizeTimes[], facts: RunFacts): string[] {
  const ours = orgplaneOf(calls);
  const naive = calls.filter((c) => c.flavor === "naive");
  const top = largest(sizes);
  const perOperation = (c: KindCalls) =>
    (["create", "update", "refresh", "delete"] as Step[])
      .map((st) => (st === "update" && !hasUpdate(c) ? "–" : formatCount(c.steps[st].calls)))
      .join(" / ");
  const perKind = ours.map((c) => `${c.fixture.kind} ${perOperation(c)}`).join("; ");
  const ratios = TIMED.map((op) => `\`${op}\` ${formatRatio(medians(top, op, facts).ratio)}`).join(", ");
  const replay = TIMED.map((op) => {
    const m = medians(top, op, facts);
    return `${formatRatio(m.orgplane / m.replayBound)}`;
  }).join(", ");
  const stub = Math.max(...ours.map((c) => c.providerBytes ?? 0));
  const naiveStub = naive.length ? Math.min(...naive.map((c) => c.providerBytes ?? 0)) : 0;
  const memory = top.peakRss ? formatMiB(Math.max(...TIMED.map((op) => top.peakRss!.orgplane[op]))) : "n/a";
  const maxLogins = Math.max(...ours.map((c) => c.steps.create.logins));
  const naiveLogins = naive.map((c) => `${c.steps.create.logins} (${c.fixture.backend})`).join(", ");
  return [
    `\`npm run bench\` measures orgplane against the emulators with ${facts.latencyMs} ms added to every API ` +
      `request, at \`--parallel ${facts.parallel}\`, and writes [bench/results.md](bench/results.md), which ` +
      "these figures come from.",
    "",
    `- **API calls per resource** (create / update / refresh / delete): ${perKind}. A preview with no change ` +
      `makes ${Math.max(...ours.map((c) => c.steps.preview.calls))}. Existence checks and read-backs are ` +
      "shared by concurrent creates; a create above 2 makes a second write for settings its create call does " +
      "not take, and a refresh above 1 reads an object the API keeps in two parts. results.md explains each " +
      "figure above its target.",
    `- **Logins.** At most ${maxLogins} per backend and credential per \`pulumi\` run, shared by every resource ` +
      `(${ours[0]?.resources} creates); a hand-written provider that logs in on every call made ${naiveLogins || "n/a"}.`,
    `- **Wall time.** For ${top.n} resources of mixed kinds (median of ${top.runs} runs): ${ratios} the bound ` +
      `(the engine's own time for ${top.n} no-op dynamic resources plus the ideal API time). Against a no-op ` +
      `provider that replays orgplane's own state, so that the engine's cost of storing that state is on both ` +
      `sides: ${replay}. The target is ${settings.wallTimeTarget}× the bound; results.md shows where the time above it goes.`,
    `- **State and memory.** Each resource's state carries a ${formatBytes(stub)} provider stub (a require of ` +
      `orgplane by package name), not the provider's code` +
      (naiveStub ? ` (a hand-written provider: ${formatBytes(naiveStub)} and up).` : ".") +
      ` The provider process peaks at ${memory} with ${top.n} resources.`,
  ];
}

function summary(calls: KindCalls[], sizes: SizeTimes[], facts: RunFacts): string[] {
  const ours = orgplaneOf(calls);
  const top = largest(sizes);
  const noted = (met: boolean, where: string) => verdict(met) + (met ? "" : ` (explained in ${where})`);
  const lines = [...header(["figure", "target", "measured", "verdict"])];
  const preview = Math.max(...ours.map((c) => c.steps.preview.calls));
  lines.push(
    row(["no-op preview: API calls, every kind", "0", formatCount(preview), verdict(preview === 0)]),
  );
  for (const step of ["create", "refresh", "delete"] as Step[]) {
    for (const c of ours) {
      const n = c.steps[step].calls;
      lines.push(
        row([
          `${step}: API calls per resource, ${c.fixture.kind}`,
          TARGETS[step].text,
          formatCount(n),
          noted(!missed(step, n), "1"),
        ]),
      );
    }
  }
  for (const c of ours) {
    const n = c.steps.create.logins;
    lines.push(
      row([`logins per \`pulumi up\`, ${c.fixture.kind} (1 credential)`, "≤ 1", String(n), verdict(n <= 1)]),
    );
  }
  for (const op of TIMED) {
    const m = medians(top, op, facts);
    lines.push(
      row([
        `\`${op}\`, ${top.n} resources: time / bound`,
        WALL_TIME_TARGET,
        formatRatio(m.ratio),
        noted(withinWallTime(m.ratio), "3"),
      ]),
    );
  }
  return lines;
}

function callsSection(calls: KindCalls[]): string[] {
  const steps: Step[] = ["create", "update", "refresh", "delete", "preview"];
  const lines = [
    "## 1. API calls per operation",
    "",
    `Requests other than logins, from each kind's emulator request log, on a stack of ${calls[0]?.resources} ` +
      "resources of that kind, divided by the number of resources (the no-op preview: the total). *adopt: true* " +
      "is a create with `adopt: true` called on the installed provider (the second of two, so lookups are warm).",
    "",
    ...header([
      "kind",
      "provider",
      "create",
      "create, adopt: true",
      "update",
      "refresh",
      "delete",
      "no-op preview",
    ]),
    row([
      "**target**",
      "",
      TARGETS.create.text,
      TARGETS.create.text,
      TARGETS.update.text,
      TARGETS.refresh.text,
      TARGETS.delete.text,
      TARGETS.preview.text,
    ]),
  ];
  for (const c of calls) {
    const cell = (step: Step) => {
      const n = c.steps[step].calls;
      if (step === "update" && !hasUpdate(c)) return "no update (every field replaces)";
      return c.flavor === "orgplane" && missed(step, n) ? `**${formatCount(n)}**` : formatCount(n);
    };
    lines.push(
      row([
        c.fixture.kind,
        c.flavor,
        ...steps.slice(0, 1).map(cell),
        c.adoptingCreate === undefined ? "" : formatCount(c.adoptingCreate),
        ...steps.slice(1).map(cell),
      ]),
    );
  }
  for (const c of orgplaneOf(calls)) {
    const explained = (st: Step) => missed(st, c.steps[st].calls) || EXPLANATIONS[c.fixture.kind]?.[st];
    for (const step of steps.filter(explained)) {
      const why =
        EXPLANATIONS[c.fixture.kind]?.[step] ?? "not explained yet: see the emulator's request log.";
      lines.push("", `**${c.fixture.kind}, ${step} (${formatCount(c.steps[step].calls)})**: ${why}`);
    }
  }
  lines.push("", "The naive provider also logs in before every one of these calls (section 2).");
  return lines;
}

function loginsSection(calls: KindCalls[]): string[] {
  const lines = [
    "## 2. Logins per `pulumi up`",
    "",
    "Login requests (a path ending in a login or token endpoint) in the emulator log during one `pulumi up` " +
      `that creates ${calls[0]?.resources} resources of one kind with one credential, beside the requests that carry the ` +
      "credential. An sfp API token needs no login (it is sent as a bearer on every request; orgplane's session " +
      "pool resolves it once per provider process), so orgplane makes none there. The naive providers log in " +
      "before every call, as hand-written providers commonly do: sfp with the owner's email and password " +
      "(`/sfp/api/auth/admin/login`), Commvault at `/Login`, BioT for a service-user access token.",
    "",
    ...header([
      "backend",
      "kind",
      "credentials",
      "orgplane: logins",
      "naive: logins",
      "target",
      "orgplane: other requests per resource",
      "naive: other requests per resource",
    ]),
  ];
  for (const c of orgplaneOf(calls)) {
    const naive = naiveOf(calls, c.fixture.kind);
    lines.push(
      row([
        c.fixture.backend,
        c.fixture.kind,
        "1",
        String(c.steps.create.logins),
        naive ? String(naive.steps.create.logins) : "no naive provider",
        "≤ 1",
        formatCount(c.steps.create.calls),
        naive ? formatCount(naive.steps.create.calls) : "",
      ]),
    );
  }
  const all = (flavor: string) =>
    calls
      .filter((c) => c.flavor === flavor)
      .map((c) =>
        (["create", "update", "refresh", "delete"] as Step[])
          .map((s) => c.steps[s].logins)
          .reduce((a, b) => a + b, 0),
      );
  lines.push(
    "",
    `Over create, update, refresh and destroy together: orgplane ${all("orgplane").join(", ")} login requests, ` +
      `the naive provider ${all("naive").join(", ") || "n/a"}.`,
  );
  return lines;
}

function wallTimeSection(sizes: SizeTimes[], facts: RunFacts): string[] {
  const lines = [
    "## 3. Wall time against the bound",
    "",
    `N resources of mixed kinds (${facts.kinds.join(", ")}; resource i is kind i mod ${facts.kinds.length}) at ` +
      `\`--parallel ${facts.parallel}\`. **bound** = the engine's own time for N no-op dynamic resources ` +
      `(a provider in the program that makes no API call) + N × calls × ${facts.latencyMs} ms / ${facts.parallel}, ` +
      `with the fewest calls per resource the operation needs (up ${IDEAL_CALLS.up}, refresh ${IDEAL_CALLS.refresh}, ` +
      `destroy ${IDEAL_CALLS.destroy}). **replay** is a provider that makes no API call and re-creates orgplane's ` +
      "recorded state (same types, inputs, outputs and secrets; like orgplane's, its provider is stored as a " +
      "require): what the engine alone spends on that state, which it rewrites after every step. Within a run " +
      "the three stacks take turns, in an order that rotates from run to run; figures are medians over the " +
      "runs, and *per run* pairs each run's orgplane time with that run's bound (lowest – highest).",
    "",
    ...header([
      "N",
      "operation",
      "runs",
      "ideal API / bound",
      "**orgplane / bound**",
      "target",
      "orgplane / bound per run",
      "replay / no-op",
      "orgplane / (replay + ideal API)",
    ]),
  ];
  for (const t of sizes) {
    for (const op of TIMED) {
      const m = medians(t, op, facts);
      lines.push(
        row([
          t.n,
          `\`${op}\``,
          t.runs,
          formatRatio(m.api / m.bound),
          `**${formatRatio(m.ratio)}**`,
          t.n === largest(sizes).n ? `${WALL_TIME_TARGET} (${verdict(withinWallTime(m.ratio))})` : "",
          perRunRange(t, op, m.api),
          formatRatio(m.replay / m.engine),
          formatRatio(m.orgplane / m.replayBound),
        ]),
      );
    }
  }
  lines.push(
    "",
    "Medians in seconds on this machine, for reference only (the machine is shared; compare ratios):",
    "",
    ...header(["N", "operation", "no-op engine", "ideal API", "bound", "replay", "orgplane"]),
  );
  for (const t of sizes) {
    for (const op of TIMED) {
      const m = medians(t, op, facts);
      const s = (ms: number) => (ms / 1000).toFixed(1);
      lines.push(row([t.n, `\`${op}\``, s(m.engine), s(m.api), s(m.bound), s(m.replay), s(m.orgplane)]));
    }
  }
  return lines;
}

function providerSizeSection(calls: KindCalls[]): string[] {
  const lines = [
    "## 4. Serialized `__provider` per resource",
    "",
    "Bytes of the `__provider` property in each resource's state (stored in its inputs and again in its outputs).",
    "",
    ...header(["kind", "orgplane", "naive", "naive / orgplane"]),
  ];
  for (const c of orgplaneOf(calls)) {
    const naive = naiveOf(calls, c.fixture.kind)?.providerBytes;
    const ours = c.providerBytes ?? 0;
    lines.push(
      row([
        c.fixture.kind,
        formatBytes(ours),
        naive ? formatBytes(naive) : "no naive provider",
        naive ? formatRatio(naive / ours) : "",
      ]),
    );
  }
  return lines;
}

const cpuSeconds = (runs: number[] | undefined) =>
  runs?.length ? `${(median(runs) / 1000).toFixed(1)} s` : "n/a";

function memorySection(sizes: SizeTimes[]): string[] {
  const sampled = sizes.filter((t) => t.peakRss);
  const lines = [
    "## 5. Provider process: peak memory and CPU",
    "",
    "Peak resident set (VmHWM from /proc) of the `pulumi-resource-pulumi-nodejs` node process of each stack, " +
      "sampled every 100 ms, largest over the runs; its CPU time (user + system from /proc, median over the " +
      "runs); and the CPU time of the bench process during orgplane's operation, which is the emulators' work " +
      "(on a real deployment, the servers' own). The machine's cores are shared by the engine, the language " +
      "host, the provider and the emulators.",
    "",
    ...header([
      "N",
      "operation",
      "orgplane: peak",
      "no-op: peak",
      "replay: peak",
      "orgplane: provider CPU",
      "no-op: provider CPU",
      "replay: provider CPU",
      "emulators' CPU (orgplane)",
    ]),
  ];
  for (const t of sampled) {
    for (const op of TIMED) {
      const p = t.peakRss!;
      lines.push(
        row([
          t.n,
          `\`${op}\``,
          formatMiB(p.orgplane[op]),
          formatMiB(p.engine[op]),
          formatMiB(p.replay[op]),
          cpuSeconds(t.providerCpu?.orgplane[op]),
          cpuSeconds(t.providerCpu?.engine[op]),
          cpuSeconds(t.providerCpu?.replay[op]),
          cpuSeconds(t.emulatorCpu?.orgplane[op]),
        ]),
      );
    }
  }
  return lines;
}

/** For each operation over its target at the largest N: the time above the bounds, and the CPU beside it. */
function wallTimeMisses(sizes: SizeTimes[], facts: RunFacts): string[] {
  const top = largest(sizes);
  const out: string[] = [];
  for (const op of TIMED) {
    const m = medians(top, op, facts);
    if (withinWallTime(m.ratio)) continue;
    const cpu = (side: "orgplane" | "replay" | "engine") => median(top.providerCpu?.[side][op] ?? [0]) / 1000;
    const emulators = median(top.emulatorCpu?.orgplane[op] ?? [0]) / 1000;
    out.push(
      "",
      `**\`${op}\` at N = ${top.n} (${formatRatio(m.ratio)})**: ${((m.orgplane - m.bound) / 1000).toFixed(1)} s ` +
        `above the bound, ${((m.replay - m.engine) / 1000).toFixed(1)} s of it the engine's cost of orgplane's ` +
        `state (replay against no-op). orgplane's provider process used ${cpu("orgplane").toFixed(1)} s of CPU ` +
        `(the replay provider ${cpu("replay").toFixed(1)} s, the no-op one ${cpu("engine").toFixed(1)} s) and ` +
        `the emulators ${emulators.toFixed(1)} s, on ${facts.cpus.split(" ")[0]} cores shared with the engine. ` +
        `The provider was on CPU for ${Math.round((100 * cpu("orgplane") * 1000) / m.orgplane)}% of the ` +
        "operation's wall time: the gap points to CPU on this machine (the provider's HTTP client, its JSON and " +
        "protobuf work, the emulators standing in for the servers; `bench/profile.ts` shows where) rather " +
        `than to the API, whose ideal time is ${(m.api / 1000).toFixed(1)} s.`,
    );
  }
  return out;
}

export function renderResults(calls: KindCalls[], sizes: SizeTimes[], facts: RunFacts): string {
  return [
    "# orgplane benchmark",
    "",
    `Written by \`npm run bench\` on ${facts.date} at ${facts.commit}: Node ${facts.node}, Pulumi ${facts.pulumi}, ` +
      `${facts.cpus}; load average ${facts.loadBefore} before and ${facts.loadAfter} after; ${facts.minutes} minutes. ` +
      `The emulators run in the bench process; every request to a kind's API waits ${facts.latencyMs} ms (an ` +
      "emulator's own calls to another, such as sfp's to Salesforce, do not). Every figure is measured in this run.",
    "",
    "## README excerpt",
    "",
    ...readmeExcerpt(calls, sizes, facts).map((l) => (l ? `> ${l}` : ">")),
    "",
    "## Summary",
    "",
    ...summary(calls, sizes, facts),
    "",
    ...callsSection(calls),
    "",
    ...loginsSection(calls),
    "",
    ...wallTimeSection(sizes, facts),
    ...wallTimeMisses(sizes, facts),
    "",
    ...providerSizeSection(calls),
    "",
    ...memorySection(sizes),
    "",
  ].join("\n");
}
