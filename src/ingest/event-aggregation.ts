import type { Catalogue } from '../indicators/catalogue.ts';
import { periodOf } from '../periods/period.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { keyOf } from '../kpi/kpi-key.ts';
import { matchesFilter } from './event-batch.ts';
import type { EventInput } from './value-input.ts';

export interface DistinctKey {
  indicator_code: string;
  unit_code: string;
  period: string;
  key: string;
}

/** What a set of events adds: running-total deltas for count/sum indicators, candidate keys for distinct counts. */
export interface EventAggregate {
  totals: Map<string, number>;
  distinct: DistinctKey[];
}

/**
 * Folds events into per-indicator, per-unit, per-period deltas in memory, once for the event's unit and once for each
 * of its ancestors, so one multi-row upsert per batch keeps every level current.
 */
export function aggregateEvents(events: Iterable<Pick<EventInput, 'type' | 'unit' | 'time' | 'attributes'>>, catalogue: Catalogue, units: UnitTree, into?: EventAggregate): EventAggregate {
  const agg = into ?? { totals: new Map<string, number>(), distinct: [] };
  const periodsOfHour = new Map<string, string>();
  // Folded at the event's own unit first; the ancestors get one addition per touched cell, not one per event.
  const own = new Map<string, { indicator: string; unit: string; period: string; delta: number }>();
  for (const event of events) {
    const defs = catalogue.byEventType(event.type);
    if (defs.length === 0) continue;
    const lineage = units.lineage(event.unit);
    // Vietnam's days start on a UTC hour, so every instant of one UTC hour falls in the same day, month, quarter, year.
    const hour = event.time.endsWith('Z') ? event.time.slice(0, 13) : event.time;
    for (const def of defs) {
      const rule = def.event;
      if (!rule || !matchesFilter(event.attributes, rule.filter)) continue;
      const cacheKey = `${hour}|${def.periodType}`;
      let period = periodsOfHour.get(cacheKey);
      if (period === undefined) {
        period = periodOf(def.periodType, new Date(event.time));
        periodsOfHour.set(cacheKey, period);
      }
      if (rule.aggregate === 'distinct') {
        const key = String(event.attributes[rule.field ?? ''] ?? '');
        for (const unit of lineage) agg.distinct.push({ indicator_code: def.code, unit_code: unit, period, key });
        continue;
      }
      const delta = rule.aggregate === 'count' ? 1 : Number(event.attributes[rule.field ?? ''] ?? 0);
      const k = keyOf(def.code, event.unit, period);
      const cell = own.get(k);
      if (cell) cell.delta += delta;
      else own.set(k, { indicator: def.code, unit: event.unit, period, delta });
    }
  }
  for (const cell of own.values()) {
    for (const unit of units.lineage(cell.unit)) {
      const k = keyOf(cell.indicator, unit, cell.period);
      agg.totals.set(k, (agg.totals.get(k) ?? 0) + cell.delta);
    }
  }
  return agg;
}
