import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AdoptedThisRun } from "../../provider/core/provider";

export interface StateEntry {
  id: string;
  outs: Record<string, unknown>;
  /** Created, but the create failed after (PartialCreateError): the next up updates it. */
  initError?: boolean;
}

/** Each operation is a `pulumi` run, in a provider process of its own: what one run adopted is not the next's. */
const startRun = () => AdoptedThisRun.clearAll();

/**
 * What the Pulumi engine does with a dynamic provider, for one stack of resources numbered i: create or
 * diff + update on up, read on refresh (dropping what is gone), delete on destroy, and state kept only for what
 * succeeded (or was partially created). The fault matrix runs it where the engine adds nothing else.
 */
export class MiniEngine {
  readonly state = new Map<number, StateEntry>();

  constructor(
    private readonly provider: dynamic.ResourceProvider,
    private readonly desired: (i: number, variant: number) => Record<string, unknown>,
  ) {}

  async up(i: number, variant = 0): Promise<void> {
    startRun();
    const entry = this.state.get(i);
    const checked = await this.provider.check!(entry?.outs ?? {}, this.desired(i, variant));
    if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    const news = checked.inputs as Record<string, unknown>;
    if (!entry) {
      try {
        const created = await this.provider.create(news);
        this.state.set(i, { id: created.id, outs: created.outs ?? {} });
      } catch (e) {
        const partial = e as { id?: string; properties?: Record<string, unknown> };
        if (partial.id)
          this.state.set(i, { id: partial.id, outs: partial.properties ?? {}, initError: true });
        throw e;
      }
      return;
    }
    const diff = await this.provider.diff!(entry.id, entry.outs, news);
    if (diff.replaces?.length) throw new Error(`unexpected replace (${diff.replaces.join(", ")})`);
    if (!diff.changes && !entry.initError) return;
    const updated = await this.provider.update!(entry.id, entry.outs, news);
    this.state.set(i, { id: entry.id, outs: updated.outs ?? {} });
  }

  async refresh(i: number): Promise<void> {
    startRun();
    const entry = this.state.get(i);
    if (!entry) return;
    const read = await this.provider.read!(entry.id, entry.outs);
    if (!read.id) this.state.delete(i);
    else this.state.set(i, { ...entry, outs: read.props ?? {} });
  }

  async destroy(i: number): Promise<void> {
    startRun();
    const entry = this.state.get(i);
    if (!entry) return;
    await this.provider.delete!(entry.id, entry.outs);
    this.state.delete(i);
  }

  /** Whether the state matches the desired inputs (no diff): run after a refresh. */
  async inSync(i: number, variant: number): Promise<boolean> {
    const entry = this.state.get(i);
    if (!entry) return false;
    const checked = await this.provider.check!(entry.outs, this.desired(i, variant));
    const diff = await this.provider.diff!(entry.id, entry.outs, checked.inputs);
    return diff.changes === false;
  }
}
