import { affectedScores, rescore, type ScoreChange } from '../scoring/rescore.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import type { KpiKey } from './kpi-key.ts';
import { propagate, type ReportedOverride, type ValueChange } from './propagate.ts';

/** Everything one committed write changed: what the SSE stream carries. */
export interface ChangeSet {
  kpis: ValueChange[];
  scores: ScoreChange[];
}

/** KPI cells first (bottom-up), then the scores and ranks they move — all in the caller's transaction. */
export async function applyKpiChanges(
  trx: Trx,
  ctx: KpiContext,
  dirty: Iterable<KpiKey>,
  overrides?: ReadonlyMap<string, ReportedOverride>,
  extraScores: Iterable<KpiKey> = [],
): Promise<ChangeSet> {
  const kpis = await propagate(trx, ctx, dirty, overrides);
  const scores = await rescore(trx, ctx, affectedScores(ctx, [...kpis, ...extraScores]));
  return { kpis, scores };
}
