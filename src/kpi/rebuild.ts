import type { Core } from '../core.ts';
import type { Actor } from '../writes/write-gate.ts';
import { recompute, type RecomputeStats } from './recompute.ts';

/** `nhipso recompute`: rebuilds every aggregate from raw data in one transaction; readers see old or new, never half. */
export async function rebuildAggregates(core: Core, actor: Actor): Promise<RecomputeStats> {
  return core.gate.run(actor, { action: 'kpi.recompute', units: [] }, async (trx) => {
    const stats = await recompute(trx, core.ctx);
    return { ...stats, audit: { after: stats } };
  });
}
