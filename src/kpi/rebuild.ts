import type { Core } from '../core.ts';
import type { Actor } from '../writes/write-gate.ts';
import { recompute, type RecomputeOptions, type RecomputeStats } from './recompute.ts';

/** `nhipso recompute`: rebuilds every aggregate from raw data in one transaction; readers see old or new, never half. */
export async function rebuildAggregates(core: Core, actor: Actor, scan: Omit<RecomputeOptions, 'source'> = {}): Promise<RecomputeStats> {
  return core.gate.run(actor, { action: 'kpi.recompute', units: [] }, async (trx) => {
    const stats = await recompute(trx, core.ctx, { source: core.engine.eventSource, ...scan });
    return { ...stats, audit: { after: stats } };
  });
}
