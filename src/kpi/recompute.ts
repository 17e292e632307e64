import { sql } from 'kysely';
import { addDistinct, CellDeltas, EventFolder } from '../ingest/event-aggregation.ts';
import { eventPages } from '../store/bulk-writes.ts';
import { affectedScores, rescore } from '../scoring/rescore.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { keyOf, splitKey, type KpiKey } from './kpi-key.ts';
import { propagate, type ReportedOverride } from './propagate.ts';

export interface RecomputeStats {
  events: number;
  reportedValues: number;
  kpiCells: number;
  scores: number;
  ms: number;
}

/**
 * Throws away every derived table and rebuilds it from the raw events and reports through the same code paths as
 * live ingest, so the result must equal the incrementally maintained one exactly.
 */
export async function recompute(trx: Trx, ctx: KpiContext): Promise<RecomputeStats> {
  const started = performance.now();
  for (const table of ['scores', 'kpi_values', 'event_distinct'] as const) await trx.deleteFrom(table).execute();
  ctx.state.clear();
  // Every stored event is folded below, including those of batches stored but not yet folded (decision 0014).
  await trx.updateTable('batches').set({ folded: 1 }).where('folded', '=', 0).execute();

  // Page by page: totals stay in memory (one entry per touched cell); distinct keys go to the database each page,
  // which counts each key once however many events carried it.
  const folder = new EventFolder(ctx.catalogue);
  const deltas = new CellDeltas(ctx.units);
  let events = 0;
  for await (const rows of eventPages(ctx.bulk)) {
    events += rows.length;
    for (const [, type, unit, time, attributes] of rows) if (ctx.units.has(unit)) folder.add(type, unit, time, attributes);
    await addDistinct(ctx.bulk, ctx.units, folder.takeDistinct(), deltas);
  }
  for (const column of folder.sums()) deltas.addSums(column);
  // The derived tables were emptied: each running total is its delta.
  const dirty: KpiKey[] = [];
  for (const { indicator, period, byUnit } of deltas.columns()) for (const unit of byUnit.keys()) dirty.push({ indicator, unit, period });

  const overrides = await latestReports(trx);
  for (const k of overrides.keys()) dirty.push(splitKey(k));
  const changed = await propagate(trx, ctx, dirty, { overrides, totals: deltas });

  const scores = await rescore(trx, ctx, affectedScores(ctx, changed));
  const kpiCells = await trx.selectFrom('kpi_values').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { events, reportedValues: overrides.size, kpiCells: Number(kpiCells.n), scores: scores.length, ms: Math.round(performance.now() - started) };
}

/** The newest report per (indicator, unit, period): the value in force. */
async function latestReports(trx: Trx): Promise<Map<string, ReportedOverride>> {
  const out = new Map<string, ReportedOverride>();
  let after = 0;
  for (;;) {
    const rows = await trx
      .selectFrom('reported_values')
      .select(['id', 'indicator_code', 'unit_code', 'period', 'value', 'reported_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(20_000)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    for (const r of rows) out.set(keyOf(r.indicator_code, r.unit_code, r.period), { value: r.value, reportedAt: r.reported_at });
  }
  return out;
}
