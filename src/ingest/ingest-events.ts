import { ConflictError } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import type { KpiKey } from '../kpi/kpi-key.ts';
import { CellMap } from '../kpi/cell-map.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { applyKpiChanges, emptyChangeSet, type ChangeSet } from '../kpi/apply-changes.ts';
import { addDistinct, CellDeltas, EventFolder, planDistinct, type EventAggregate } from './event-aggregation.ts';
import { DerivedWrites, StaleChangeError } from '../kpi/derived-writes.ts';
import type { ParsedBatch } from './parsed-batch.ts';
import { idAt, rowAt } from '../store/event-columns.ts';
import { chunked } from '../store/chunked.ts';
import { eventPages } from '../store/bulk-writes.ts';
import { breathe } from '../shared/event-loop.ts';

export interface EventIngestResult {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  changes: ChangeSet;
}

/**
 * A batch's events stored under their batch; aggregates not yet brought up to date (see `foldStored`, `planFold`).
 * Under load a stored batch waits a second or two for its fold: it keeps only what the fold needs, so that its
 * columns (most of a batch's memory) die young instead of being carried into the old generation.
 */
export interface StoredBatch {
  accepted: number;
  /** Events already stored, and lines repeating an earlier line of the batch: sent, and changing nothing. */
  duplicates: number;
  batchId: number | null;
  /** What the fold adds: a wholly new batch's aggregate, folded where it was parsed, or its new rows to fold again. */
  adds: { aggregate: EventAggregate } | { batch: ParsedBatch; known: ReadonlySet<string> };
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
  const total = batch.count;
  if (total === 0) return { accepted: 0, duplicates: batch.repeats, batchId: null, adds: { aggregate: batch.aggregate } };
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
    return { accepted: 0, duplicates: total + batch.repeats, batchId: null, adds: { batch, known } };
  }
  if (known.size === 0) return { accepted, duplicates: batch.repeats, batchId: row.id, adds: { aggregate: batch.aggregate } };
  await trx.updateTable('batches').set({ row_count: accepted }).where('id', '=', row.id).execute();
  return { accepted, duplicates: known.size + batch.repeats, batchId: row.id, adds: { batch, known } };
}

/**
 * Folds stored batches into running totals and distinct keys, then propagates the KPI cells, scores and ranks, and
 * marks the batches folded. Only batches still unfolded are folded: another process (a CLI opening the same file)
 * may have folded one since it was stored.
 */
export async function foldStored(trx: Trx, ctx: KpiContext, stored: readonly StoredBatch[]): Promise<ChangeSet> {
  const ids = stored.flatMap((s) => (s.batchId === null ? [] : [s.batchId]));
  if (ids.length === 0) return emptyChangeSet();
  const claimed = await claimUnfolded(trx, ids);
  const mine = stored.filter((s) => s.batchId !== null && claimed.has(s.batchId));
  if (mine.length === 0) return emptyChangeSet();
  return { ...(await applyAggregates(trx, ctx, foldBatches(ctx, mine))), batches: mine.map((s) => s.batchId as number) };
}

/** A fold worked out in memory (`planFold`), to be written in a transaction of its own (`writeFold`). */
export interface FoldPlan {
  changes: ChangeSet;
  writes: DerivedWrites;
  /** The derived state's generation the plan was worked out from (see `DerivedState.generation`). */
  generation: number;
}

/**
 * Works out what folding stored batches changes — running totals, new distinct keys, KPI cells, scores and ranks —
 * without writing anything and outside any transaction, so that more batches can be stored meanwhile (decision
 * 0018). The derived state in memory is brought up to date as it goes: nothing else may change the derived tables
 * until the plan is written or, failing that, the state dropped (the caller holds the write gate's fold hold).
 */
export async function planFold(db: Trx, ctx: KpiContext, stored: readonly StoredBatch[]): Promise<FoldPlan | undefined> {
  const mine = stored.filter((s) => s.batchId !== null);
  if (mine.length === 0) return undefined;
  const generation = ctx.state.generation(db);
  const writes = new DerivedWrites();
  const changes = await applyAggregates(db, ctx, foldBatches(ctx, mine), writes);
  return { changes: { ...changes, batches: mine.map((s) => s.batchId as number) }, writes, generation };
}

/**
 * Writes a fold worked out by `planFold` and marks its batches folded, in the caller's transaction. Throws
 * StaleChangeError — the caller must roll back, drop the derived state and fold the batches again from the
 * database — if the state was dropped meanwhile or another process folded one of the batches.
 */
export async function writeFold(trx: Trx, ctx: KpiContext, plan: FoldPlan): Promise<ChangeSet> {
  if (ctx.state.generation(trx) !== plan.generation) throw new StaleChangeError('the derived state was dropped while the fold was worked out');
  const ids = plan.changes.batches ?? [];
  if ((await claimUnfolded(trx, ids)).size !== ids.length) throw new StaleChangeError('another process folded some of these batches');
  await plan.writes.write(trx, ctx.bulk);
  return plan.changes;
}

/** Marks the batches folded, those still unfolded only (another process may have folded one); returns those. */
async function claimUnfolded(trx: Trx, ids: readonly number[]): Promise<Set<number>> {
  const claimed = new Set<number>();
  for (const part of chunked(ids, 500)) {
    const rows = await trx.updateTable('batches').set({ folded: 1 }).where('id', 'in', part).where('folded', '=', 0).returning('id').execute();
    for (const r of rows) claimed.add(r.id);
  }
  return claimed;
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
  const folder = new EventFolder(ctx.catalogue);
  for await (const page of eventPages(ctx.bulk, Math.min(...rows.map((r) => r.events_after ?? 0)))) {
    for (const [, type, unit, time, attributes, batchId] of page) {
      if (!ids.has(batchId)) continue;
      unseen--;
      if (ctx.units.has(unit)) folder.add(type, unit, time, attributes);
    }
    if (unseen <= 0) break;
  }
  return { ...(await applyAggregates(trx, ctx, [folder.result()])), batches: [...ids].sort((a, b) => a - b) };
}

/**
 * Adds the aggregates' deltas and new distinct keys to the running totals, then propagates, rescores and ranks: in
 * the caller's transaction, or only into `writes` when given (nothing written then, new keys included).
 */
async function applyAggregates(trx: Trx, ctx: KpiContext, aggregates: readonly EventAggregate[], writes?: DerivedWrites): Promise<ChangeSet> {
  const deltas = new CellDeltas(ctx.units);
  deltas.addSumColumns(aggregates.flatMap((a) => a.sums));
  await breathe();
  const runs = aggregates.flatMap((a) => a.distinct);
  if (writes) for (const keys of await planDistinct(ctx.bulk, ctx.units, runs, deltas)) writes.distinct.push(keys);
  else await addDistinct(ctx.bulk, ctx.units, runs, deltas);
  await breathe();
  const { totals, cells } = await runningTotals(trx, ctx, deltas);
  await breathe();
  return applyKpiChanges(trx, ctx, cells, { totals, writes });
}

/**
 * What the new events of several batches add. A wholly new batch brings its aggregate, folded where it was parsed;
 * one with resent events is folded again from its new rows only.
 */
function foldBatches(ctx: KpiContext, stored: readonly StoredBatch[]): EventAggregate[] {
  const aggregates: EventAggregate[] = [];
  const partial: { batch: ParsedBatch; known: ReadonlySet<string> }[] = [];
  for (const { adds } of stored) {
    if ('aggregate' in adds) aggregates.push(adds.aggregate);
    else partial.push(adds);
  }
  if (partial.length > 0) {
    const folder = new EventFolder(ctx.catalogue);
    for (const { batch, known } of partial) {
      for (let i = 0; i < batch.count; i++) {
        const e = rowAt(batch, i);
        if (!known.has(e.id)) folder.add(e.type, e.unit, e.time, e.attributes);
      }
    }
    aggregates.push(folder.result());
  }
  return aggregates;
}

/** An id sent again with the same content is a resend; with other content the whole batch is refused (and rolled back). */
async function refuseConflicts(ctx: KpiContext, batch: ParsedBatch, known: ReadonlySet<string>): Promise<void> {
  const stored = await ctx.bulk.storedEvents([...known]);
  const conflicts: { line: number; id: string }[] = [];
  for (let i = 0; i < batch.count; i++) {
    const id = idAt(batch, i);
    if (!known.has(id)) continue;
    const e = rowAt(batch, i);
    const r = stored.get(id);
    if (!r || r.type !== e.type || r.unit_code !== e.unit || r.time !== e.time || r.attributes !== e.attributes) {
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
 * The running total of an event indicator is its KPI cell's `derived` value: the new totals are the cells' (held in
 * memory) plus the deltas. A zero delta (distinct keys all seen before) still marks the cell as touched.
 */
async function runningTotals(trx: Trx, ctx: KpiContext, deltas: CellMap): Promise<{ totals: CellMap; cells: KpiKey[] }> {
  const totals = new CellMap();
  const cells: KpiKey[] = [];
  for (const { indicator, period, byUnit } of deltas.columns()) {
    const held = (await ctx.state.periodCells(trx, period)).get(indicator);
    const into = totals.column(indicator, period).byUnit;
    for (const [unit, delta] of byUnit) {
      into.set(unit, (held?.get(unit)?.derived ?? 0) + delta);
      cells.push({ indicator, unit, period });
    }
  }
  return { totals, cells };
}
