import { sql } from 'kysely';
import { chunked } from '../store/chunked.ts';
import { ConflictError } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import { keyOf, splitKey } from '../kpi/kpi-key.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { applyKpiChanges, type ChangeSet } from '../kpi/apply-changes.ts';
import { aggregateEvents, type DistinctKey } from './event-aggregation.ts';
import { canonicalEvent, stableAttributes } from './event-batch.ts';
import type { EventInput } from './value-input.ts';

export interface EventIngestResult {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  changes: ChangeSet;
}

/**
 * Stores a validated batch and brings every affected KPI, score and rank up to date in the caller's transaction.
 * Events already stored with the same content are skipped (a resent batch changes nothing); the same id with other
 * content rejects the whole batch.
 */
export async function ingestEvents(trx: Trx, ctx: KpiContext, events: EventInput[], actor: string, source: string | null): Promise<EventIngestResult> {
  const fresh = await dropKnownEvents(trx, events);
  const empty: ChangeSet = { kpis: [], scores: [] };
  if (fresh.length === 0) return { accepted: 0, duplicates: events.length, batchId: null, changes: empty };

  const batch = await trx
    .insertInto('batches')
    .values({ kind: 'events', actor, source, received_at: ctx.now().toISOString(), row_count: fresh.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const rows of chunked(fresh, 400)) {
    await trx
      .insertInto('events')
      .values(rows.map((e) => ({ id: e.id, type: e.type, unit_code: e.unit, time: e.time, attributes: stableAttributes(e.attributes), batch_id: batch.id })))
      .execute();
  }
  const agg = aggregateEvents(fresh, ctx.catalogue, ctx.units);
  await addDistinctKeys(trx, agg.distinct, agg.totals);
  await addTotals(trx, agg.totals);
  const changes = await applyKpiChanges(trx, ctx, [...agg.totals.keys()].map(splitKey));
  return { accepted: fresh.length, duplicates: events.length - fresh.length, batchId: batch.id, changes };
}

async function dropKnownEvents(trx: Trx, events: EventInput[]): Promise<EventInput[]> {
  const known = new Map<string, string>();
  for (const ids of chunked(events.map((e) => e.id), 500)) {
    const rows = await trx.selectFrom('events').select(['id', 'type', 'unit_code', 'time', 'attributes']).where('id', 'in', ids).execute();
    for (const r of rows) known.set(r.id, JSON.stringify([r.type, r.unit_code, r.time, r.attributes]));
  }
  if (known.size === 0) return events;
  const conflicts = events.filter((e) => known.has(e.id) && known.get(e.id) !== canonicalEvent(e));
  if (conflicts.length > 0) {
    throw new ConflictError(msg('batchRejected', { count: conflicts.length }).vi, {
      problems: conflicts.map((e) => ({ line: e.line, field: 'id', value: e.id, ...reason('conflictingEvent', { id: e.id }) })),
    });
  }
  return events.filter((e) => !known.has(e.id));
}

/** Inserts distinct keys not yet seen; each newly seen key adds one to its running total. */
async function addDistinctKeys(trx: Trx, keys: DistinctKey[], totals: Map<string, number>): Promise<void> {
  const unique = new Map(keys.map((k) => [`${k.indicator_code}|${k.unit_code}|${k.period}|${k.key}`, k]));
  for (const rows of chunked([...unique.values()], 200)) {
    const inserted = await trx
      .insertInto('event_distinct')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .returning(['indicator_code', 'unit_code', 'period'])
      .execute();
    for (const r of inserted) {
      const k = keyOf(r.indicator_code, r.unit_code, r.period);
      totals.set(k, (totals.get(k) ?? 0) + 1);
    }
  }
  // Distinct indicators whose keys were all seen before still count as touched, with nothing to add.
  for (const k of unique.values()) {
    const key = keyOf(k.indicator_code, k.unit_code, k.period);
    if (!totals.has(key)) totals.set(key, 0);
  }
}

async function addTotals(trx: Trx, totals: Map<string, number>): Promise<void> {
  const rows = [...totals].filter(([, d]) => d !== 0).map(([k, total]) => {
    const { indicator, unit, period } = splitKey(k);
    return { indicator_code: indicator, unit_code: unit, period, total };
  });
  for (const batch of chunked(rows, 300)) {
    await trx
      .insertInto('event_totals')
      .values(batch)
      .onConflict((oc) => oc.columns(['indicator_code', 'unit_code', 'period']).doUpdateSet({ total: sql`event_totals.total + excluded.total` }))
      .execute();
  }
}
