import { sql } from 'kysely';
import { addDistinct, CellDeltas, EventFolder } from '../ingest/event-aggregation.ts';
import { availableParallelism } from 'node:os';
import { eventPages } from '../store/bulk-writes.ts';
import type { EventSource } from '../store/event-reader.ts';
import { scanOnThreads } from './recompute-scan.ts';
import { applyKpiChanges } from './apply-changes.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { keyOf, splitKey, type KpiKey } from './kpi-key.ts';
import type { ReportedOverride } from './propagate.ts';

/** How recompute may read the events: on worker threads from this source, once there are enough to be worth it. */
export interface RecomputeOptions {
  source?: EventSource | null;
  /** Scanning threads (default: the machine's cores, 2 to 4). */
  threads?: number;
  /** Below this many stored events the scan stays on this thread (starting a thread takes ~0.5 s). */
  threadsFrom?: number;
}

const THREADS_FROM = 400_000;

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
export async function recompute(trx: Trx, ctx: KpiContext, options: RecomputeOptions = {}): Promise<RecomputeStats> {
  const started = performance.now();
  for (const table of ['scores', 'kpi_values', 'event_distinct'] as const) await trx.deleteFrom(table).execute();
  ctx.state.clear();
  // Every stored event is folded below, including those of batches stored but not yet folded (decision 0014).
  await trx.updateTable('batches').set({ folded: 1 }).where('folded', '=', 0).execute();

  const deltas = new CellDeltas(ctx.units);
  const last = ctx.bulk.lastEventPosition();
  const events = options.source && last >= (options.threadsFrom ?? THREADS_FROM)
    ? await scanInParallel(ctx, options.source, last, options.threads ?? defaultThreads(), deltas)
    : await scanHere(ctx, deltas);
  // The derived tables were emptied: each running total is its delta.
  const dirty: KpiKey[] = [];
  for (const { indicator, period, byUnit } of deltas.columns()) for (const unit of byUnit.keys()) dirty.push({ indicator, unit, period });

  const overrides = await latestReports(trx);
  for (const k of overrides.keys()) dirty.push(splitKey(k));
  const { scores } = await applyKpiChanges(trx, ctx, dirty, { overrides, totals: deltas });
  const kpiCells = await trx.selectFrom('kpi_values').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { events, reportedValues: overrides.size, kpiCells: Number(kpiCells.n), scores: scores.length, ms: Math.round(performance.now() - started) };
}

/**
 * Page by page on this thread: totals stay in memory (one entry per touched cell); distinct keys go to the database
 * each page, which counts each key once however many events carried it.
 */
async function scanHere(ctx: KpiContext, deltas: CellDeltas): Promise<number> {
  const folder = new EventFolder(ctx.catalogue);
  let events = 0;
  for await (const rows of eventPages(ctx.bulk)) {
    events += folder.addPage(rows, ctx.units);
    await addDistinct(ctx.bulk, ctx.units, folder.takeDistinct(), deltas);
  }
  for (const column of folder.sums()) deltas.addSums(column);
  return events;
}

/**
 * The same on worker threads, each folding a share of the events from its own read-only connection, while this one
 * writes the distinct keys they find. This transaction already holds the write lock (it has emptied the derived
 * tables), so no event can be committed meanwhile: the threads see exactly the events this transaction sees.
 */
async function scanInParallel(ctx: KpiContext, source: EventSource, last: number, threads: number, deltas: CellDeltas): Promise<number> {
  const scan = await scanOnThreads(source, ctx, last, threads, (runs) => addDistinct(ctx.bulk, ctx.units, runs, deltas));
  deltas.addSumColumns(scan.sums.flat());
  return scan.events;
}

const defaultThreads = () => Math.min(4, Math.max(2, availableParallelism()));

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
