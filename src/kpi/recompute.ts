import { sql } from 'kysely';
import { aggregateEvents, type EventAggregate } from '../ingest/event-aggregation.ts';
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
  for (const table of ['scores', 'kpi_values', 'event_totals', 'event_distinct'] as const) await trx.deleteFrom(table).execute();
  ctx.state.clear();

  const agg: EventAggregate = { totals: new Map(), distinct: [] };
  let events = 0;
  let after = '';
  for (;;) {
    const rows = await trx.selectFrom('events').select(['id', 'type', 'unit_code', 'time', 'attributes']).where('id', '>', after).orderBy('id').limit(20_000).execute();
    if (rows.length === 0) break;
    events += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
    const live = rows.filter((r) => ctx.units.has(r.unit_code));
    aggregateEvents(live.map((r) => ({ type: r.type, unit: r.unit_code, time: r.time, attributes: JSON.parse(r.attributes) })), ctx.catalogue, ctx.units, agg);
  }
  // Each distinct key counts once, however many events carried it.
  const uniqueKeys = agg.distinct.filter(uniqueDistinct());
  for (const d of uniqueKeys) {
    const k = keyOf(d.indicator_code, d.unit_code, d.period);
    agg.totals.set(k, (agg.totals.get(k) ?? 0) + 1);
  }
  await ctx.bulk.insertDistinct(uniqueKeys);
  await ctx.bulk.addTotals([...agg.totals].map(([k, total]) => ({ ...toRow(k), total })));

  const overrides = await latestReports(trx);
  const dirty: KpiKey[] = [...agg.totals.keys()].map(splitKey);
  for (const k of overrides.keys()) dirty.push(splitKey(k));
  const changed = await propagate(trx, ctx, dirty, { overrides, totals: agg.totals });

  const scores = await rescore(trx, ctx, affectedScores(ctx, changed));
  const kpiCells = await trx.selectFrom('kpi_values').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { events, reportedValues: overrides.size, kpiCells: Number(kpiCells.n), scores: scores.length, ms: Math.round(performance.now() - started) };
}

function toRow(key: string) {
  const { indicator, unit, period } = splitKey(key);
  return { indicator_code: indicator, unit_code: unit, period };
}

function uniqueDistinct() {
  const seen = new Set<string>();
  return (d: { indicator_code: string; unit_code: string; period: string; key: string }) => {
    const k = `${d.indicator_code}|${d.unit_code}|${d.period}|${d.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
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
