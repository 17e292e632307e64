import { ConflictError } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import { keyOf, splitKey } from '../kpi/kpi-key.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { applyKpiChanges, type ChangeSet } from '../kpi/apply-changes.ts';
import { cellOf } from '../kpi/derived-state.ts';
import { aggregateEvents, type DistinctKey } from './event-aggregation.ts';
import { canonicalEvent, stableAttributes } from './event-batch.ts';
import type { EventInput } from './value-input.ts';

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
  /** The events that were new, in the order received. */
  fresh: EventInput[];
}

/**
 * Stores a validated batch and brings every affected KPI, score and rank up to date in the caller's transaction.
 * Events already stored with the same content are skipped (a resent batch changes nothing); the same id with other
 * content rejects the whole batch.
 */
export async function ingestEvents(trx: Trx, ctx: KpiContext, events: EventInput[], actor: string, source: string | null): Promise<EventIngestResult> {
  const { fresh, ...stored } = await storeBatch(trx, ctx, events, actor, source);
  return { ...stored, changes: await applyEvents(trx, ctx, fresh) };
}

/**
 * Writes a batch row and its new events. Inserts first and looks only at the ids that were already there, so a fresh
 * batch costs no lookups at all. Throws ConflictError (having written rows the caller must roll back) when an id
 * already stored comes with other content.
 */
export async function storeBatch(trx: Trx, ctx: KpiContext, events: EventInput[], actor: string, source: string | null): Promise<StoredBatch> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, batchId: null, fresh: [] };
  const batch = await trx
    .insertInto('batches')
    .values({ kind: 'events', actor, source, received_at: ctx.now().toISOString(), row_count: events.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  const known = new Set(await ctx.bulk.insertEvents(events.map((e) => ({
    id: e.id, type: e.type, unit_code: e.unit, time: e.time, attributes: stableAttributes(e.attributes), batch_id: batch.id,
  }))));
  if (known.size > 0) await refuseConflicts(ctx, events.filter((e) => known.has(e.id)));
  const fresh = known.size === 0 ? events : events.filter((e) => !known.has(e.id));
  if (fresh.length === 0) {
    await trx.deleteFrom('batches').where('id', '=', batch.id).execute();
    return { accepted: 0, duplicates: events.length, batchId: null, fresh };
  }
  if (known.size > 0) await trx.updateTable('batches').set({ row_count: fresh.length }).where('id', '=', batch.id).execute();
  return { accepted: fresh.length, duplicates: events.length - fresh.length, batchId: batch.id, fresh };
}

/** Folds stored events into running totals and distinct keys, then propagates the KPI cells, scores and ranks. */
export async function applyEvents(trx: Trx, ctx: KpiContext, fresh: readonly EventInput[]): Promise<ChangeSet> {
  if (fresh.length === 0) return { kpis: [], scores: [] };
  const agg = aggregateEvents(fresh, ctx.catalogue, ctx.units);
  await addDistinctKeys(ctx, agg.distinct, agg.totals);
  const totals = await addTotals(trx, ctx, agg.totals);
  return applyKpiChanges(trx, ctx, [...agg.totals.keys()].map(splitKey), { totals });
}

/** An id sent again with the same content is a resend; with other content the whole batch is refused (and rolled back). */
async function refuseConflicts(ctx: KpiContext, resent: EventInput[]): Promise<void> {
  const stored = await ctx.bulk.storedEvents(resent.map((e) => e.id));
  const conflicts = resent.filter((e) => {
    const r = stored.get(e.id);
    return !r || JSON.stringify([r.type, r.unit_code, r.time, r.attributes]) !== canonicalEvent(e);
  });
  if (conflicts.length > 0) {
    throw new ConflictError(msg('batchRejected', { count: conflicts.length }).vi, {
      problems: conflicts.map((e) => ({ line: e.line, field: 'id', value: e.id, ...reason('conflictingEvent', { id: e.id }) })),
    });
  }
}

/** Inserts distinct keys not yet seen; each newly seen key adds one to its running total. */
async function addDistinctKeys(ctx: KpiContext, keys: DistinctKey[], totals: Map<string, number>): Promise<void> {
  const unique = new Map(keys.map((k) => [`${k.indicator_code}|${k.unit_code}|${k.period}|${k.key}`, k]));
  for (const r of await ctx.bulk.insertDistinct([...unique.values()])) {
    const k = keyOf(r.indicator_code, r.unit_code, r.period);
    totals.set(k, (totals.get(k) ?? 0) + 1);
  }
  // Distinct indicators whose keys were all seen before still count as touched, with nothing to add.
  for (const k of unique.values()) {
    const key = keyOf(k.indicator_code, k.unit_code, k.period);
    if (!totals.has(key)) totals.set(key, 0);
  }
}

/**
 * The running total of an event indicator is its KPI cell's `derived` value: the new totals are the cells' (held in
 * memory) plus the deltas. A zero delta (distinct keys all seen before) still marks the cell as touched.
 */
async function addTotals(trx: Trx, ctx: KpiContext, deltas: Map<string, number>): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const [k, delta] of deltas) {
    const { indicator, unit, period } = splitKey(k);
    totals.set(k, (cellOf(await ctx.state.periodCells(trx, period), indicator, unit)?.derived ?? 0) + delta);
  }
  return totals;
}
