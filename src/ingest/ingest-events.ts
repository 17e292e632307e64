import { ConflictError } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import { keyOf, splitKey, type KpiKey } from '../kpi/kpi-key.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { applyKpiChanges, emptyChangeSet, type ChangeSet } from '../kpi/apply-changes.ts';
import { cellOf, type PeriodCells } from '../kpi/derived-state.ts';
import { EventFolder, type DistinctKey, type EventAggregate } from './event-aggregation.ts';
import type { ParsedBatch } from './parsed-batch.ts';
import { chunked } from '../store/chunked.ts';
import { eventPages } from '../store/bulk-writes.ts';
import { breathe } from '../shared/event-loop.ts';

export interface EventIngestResult {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  changes: ChangeSet;
}

/** A batch's events stored under their batch; aggregates not yet brought up to date (see `applyEvents`). */
export interface StoredBatch {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  batch: ParsedBatch;
  /** Ids that were already stored (resent events, nothing written for them); empty for a wholly new batch. */
  known: ReadonlySet<string>;
}

/**
 * Stores a validated batch and brings every affected KPI, score and rank up to date in the caller's transaction.
 * Events already stored with the same content are skipped (a resent batch changes nothing); the same id with other
 * content rejects the whole batch.
 */
export async function ingestEvents(trx: Trx, ctx: KpiContext, batch: ParsedBatch, actor: string, source: string | null): Promise<EventIngestResult> {
  const stored = await storeBatch(trx, ctx, batch, actor, source);
  return { accepted: stored.accepted, duplicates: stored.duplicates, batchId: stored.batchId, changes: await foldStored(trx, ctx, [stored]) };
}

/**
 * Writes a batch row (not yet folded) and its new events. Inserts first and looks only at the ids that were already
 * there, so a fresh batch costs no lookups at all. Throws ConflictError (having written rows the caller must roll
 * back) when an id already stored comes with other content.
 */
export async function storeBatch(trx: Trx, ctx: KpiContext, batch: ParsedBatch, actor: string, source: string | null): Promise<StoredBatch> {
  const total = batch.ids.length;
  if (total === 0) return { accepted: 0, duplicates: 0, batchId: null, batch, known: new Set() };
  const row = await trx
    .insertInto('batches')
    .values({ kind: 'events', actor, source, received_at: ctx.now().toISOString(), row_count: total, folded: 0, events_after: ctx.bulk.lastEventPosition() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const known = new Set(await ctx.bulk.insertEvents(row.id, batch));
  if (known.size > 0) await refuseConflicts(ctx, batch, known);
  const accepted = total - known.size;
  if (accepted === 0) {
    await trx.deleteFrom('batches').where('id', '=', row.id).execute();
    return { accepted: 0, duplicates: total, batchId: null, batch, known };
  }
  if (known.size > 0) await trx.updateTable('batches').set({ row_count: accepted }).where('id', '=', row.id).execute();
  return { accepted, duplicates: known.size, batchId: row.id, batch, known };
}

/**
 * Folds stored batches into running totals and distinct keys, then propagates the KPI cells, scores and ranks, and
 * marks the batches folded. Only batches still unfolded are folded: another process (a CLI opening the same file)
 * may have folded one since it was stored.
 */
export async function foldStored(trx: Trx, ctx: KpiContext, stored: readonly StoredBatch[]): Promise<ChangeSet> {
  const ids = stored.flatMap((s) => (s.batchId === null ? [] : [s.batchId]));
  if (ids.length === 0) return emptyChangeSet();
  const claimed = new Set<number>();
  for (const part of chunked(ids, 500)) {
    const rows = await trx.updateTable('batches').set({ folded: 1 }).where('id', 'in', part).where('folded', '=', 0).returning('id').execute();
    for (const r of rows) claimed.add(r.id);
  }
  const mine = stored.filter((s) => s.batchId !== null && claimed.has(s.batchId));
  if (mine.length === 0) return emptyChangeSet();
  return { ...(await applyAggregate(trx, ctx, foldBatches(ctx, mine))), batches: mine.map((s) => s.batchId as number) };
}

/** Whether a stop left event batches stored but not folded: one indexed read, so opening a database costs no write. */
export async function hasLeftovers(db: Pick<Trx, 'selectFrom'>): Promise<boolean> {
  const row = await db.selectFrom('batches').select('id').where('folded', '=', 0).where('kind', '=', 'events').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Folds the event batches a stop left between their two transactions (stored and acknowledged, not yet folded;
 * decision 0014), reading their events back from the database: from the first of them on, until every event the
 * batches hold (`row_count`) has been seen.
 */
export async function foldLeftovers(trx: Trx, ctx: KpiContext): Promise<ChangeSet> {
  const rows = await trx.updateTable('batches').set({ folded: 1 }).where('kind', '=', 'events').where('folded', '=', 0)
    .returning(['id', 'events_after', 'row_count']).execute();
  if (rows.length === 0) return emptyChangeSet();
  const ids = new Set(rows.map((r) => r.id));
  let unseen = rows.reduce((n, r) => n + r.row_count, 0);
  const folder = new EventFolder(ctx.catalogue, ctx.units);
  for await (const page of eventPages(ctx.bulk, Math.min(...rows.map((r) => r.events_after ?? 0)))) {
    for (const [, type, unit, time, attributes, batchId] of page) {
      if (!ids.has(batchId)) continue;
      unseen--;
      if (ctx.units.has(unit)) folder.add(type, unit, time, attributes);
    }
    if (unseen <= 0) break;
  }
  return { ...(await applyAggregate(trx, ctx, folder.result())), batches: [...ids].sort((a, b) => a - b) };
}

async function applyAggregate(trx: Trx, ctx: KpiContext, agg: EventAggregate): Promise<ChangeSet> {
  const distinct = await newDistinctCounts(ctx, agg.distinct);
  await breathe();
  const { totals, cells } = await addTotals(trx, ctx, [agg.totals, distinct]);
  await breathe();
  return applyKpiChanges(trx, ctx, cells, { totals });
}

/**
 * What the new events of several batches add. A wholly new batch brings its aggregate, folded where it was parsed;
 * one with resent events is folded again from its new rows only.
 */
function foldBatches(ctx: KpiContext, stored: readonly StoredBatch[]): EventAggregate {
  const whole = stored.filter((s) => s.known.size === 0).map((s) => s.batch.aggregate);
  const partial = stored.filter((s) => s.known.size > 0);
  if (partial.length > 0) {
    const folder = new EventFolder(ctx.catalogue, ctx.units);
    for (const { batch, known } of partial) {
      for (let i = 0; i < batch.ids.length; i++) {
        if (!known.has(batch.ids[i] as string)) folder.add(batch.types[i] as string, batch.units[i] as string, batch.times[i] as string, batch.attributes[i] as string);
      }
    }
    whole.push(folder.result());
  }
  if (whole.length === 1) return whole[0] as EventAggregate;
  const totals = new Map<string, number>();
  const distinct: DistinctKey[] = [];
  for (const a of whole) {
    for (const [k, delta] of a.totals) totals.set(k, (totals.get(k) ?? 0) + delta);
    for (const d of a.distinct) distinct.push(d);
  }
  return { totals, distinct };
}

/** An id sent again with the same content is a resend; with other content the whole batch is refused (and rolled back). */
async function refuseConflicts(ctx: KpiContext, batch: ParsedBatch, known: ReadonlySet<string>): Promise<void> {
  const stored = await ctx.bulk.storedEvents([...known]);
  const conflicts: { line: number; id: string }[] = [];
  for (let i = 0; i < batch.ids.length; i++) {
    const id = batch.ids[i] as string;
    if (!known.has(id)) continue;
    const r = stored.get(id);
    if (!r || r.type !== batch.types[i] || r.unit_code !== batch.units[i] || r.time !== batch.times[i] || r.attributes !== batch.attributes[i]) {
      conflicts.push({ line: batch.lines[i] as number, id });
    }
  }
  if (conflicts.length > 0) {
    throw new ConflictError(msg('batchRejected', { count: conflicts.length }).vi, {
      problems: conflicts.map(({ line, id }) => ({ line, field: 'id', value: id, ...reason('conflictingEvent', { id }) })),
    });
  }
}

/**
 * Inserts distinct keys not yet seen; each newly seen key adds one to its cell's running total. Cells whose keys were
 * all seen before are counted too, with nothing to add: they were still touched. The database tells a new key from
 * one already seen, in this transaction too (a key sent by two batches of one fold counts once). Keys come in runs of
 * one cell (the folder emits them cell by cell), so a cell's key string is built once per run, not once per key.
 */
async function newDistinctCounts(ctx: KpiContext, keys: DistinctKey[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  forEachCellRun(keys, (cell) => counts.set(cell, 0));
  forEachCellRun(await ctx.bulk.insertDistinct(keys), (cell, n) => counts.set(cell, (counts.get(cell) ?? 0) + n));
  return counts;
}

/** Calls `visit` once per run of consecutive keys of the same cell, with the cell's KPI key and the run's length. */
function forEachCellRun(keys: readonly DistinctKey[], visit: (cell: string, n: number) => void): void {
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    const a = keys[start] as DistinctKey;
    const b = keys[i];
    if (b && b.indicator_code === a.indicator_code && b.unit_code === a.unit_code && b.period === a.period) continue;
    visit(keyOf(a.indicator_code, a.unit_code, a.period), i - start);
    start = i;
  }
}

/**
 * The running total of an event indicator is its KPI cell's `derived` value: the new totals are the cells' (held in
 * memory) plus the deltas (count and sum indicators, then distinct ones: never the same cell). A zero delta
 * (distinct keys all seen before) still marks the cell as touched.
 */
async function addTotals(trx: Trx, ctx: KpiContext, deltas: readonly ReadonlyMap<string, number>[]): Promise<{ totals: Map<string, number>; cells: KpiKey[] }> {
  const totals = new Map<string, number>();
  const cells: KpiKey[] = [];
  const periods = new Map<string, PeriodCells>();
  for (const byCell of deltas) {
    for (const [k, delta] of byCell) {
      const cell = splitKey(k);
      let held = periods.get(cell.period);
      if (!held) periods.set(cell.period, (held = await ctx.state.periodCells(trx, cell.period)));
      totals.set(k, (cellOf(held, cell.indicator, cell.unit)?.derived ?? 0) + delta);
      cells.push(cell);
    }
  }
  return { totals, cells };
}
