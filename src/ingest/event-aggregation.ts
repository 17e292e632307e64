import type { Catalogue } from '../indicators/catalogue.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { PERIOD_TYPES, periodOf, type PeriodType } from '../periods/period.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { keyOf } from '../kpi/kpi-key.ts';
import { matchesFilter } from './event-batch.ts';

type Attr = string | number | boolean;

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

/** An indicator's cell for one period, before the unit is known: the fold's first-level key. */
interface CellColumn {
  indicator: string;
  period: string;
  /** unit → delta (count, sum) */
  sums: Map<string, number>;
  /** unit → keys seen (distinct), at the event's own unit only */
  keys: Map<string, Set<string>>;
}

/**
 * Folds events into per-indicator, per-unit, per-period deltas in memory. An event is folded at its own unit only;
 * ancestors are added once per touched cell when the result is taken, not once per event. Built for millions of
 * events (`nhipso recompute`) as well as one batch: no string is built per event, periods are worked out once per
 * UTC hour, distinct keys are kept once per unit.
 */
export class EventFolder {
  private readonly columns = new Map<IndicatorDefinition, Map<string, CellColumn>>();
  private readonly hours = new Map<string, readonly string[]>();
  private readonly typeIndex = new Map<PeriodType, number>(PERIOD_TYPES.map((t, i) => [t, i]));

  constructor(
    private readonly catalogue: Catalogue,
    private readonly units: UnitTree,
  ) {}

  /** Folds one event; attributes may be given as their stored JSON text, parsed only if an indicator looks at them. */
  add(type: string, unit: string, time: string, attributes: Record<string, Attr> | string): void {
    const defs = this.catalogue.byEventType(type);
    if (defs.length === 0) return;
    let periods: readonly string[] | undefined;
    let attrs = typeof attributes === 'string' ? undefined : attributes;
    for (const def of defs) {
      const rule = def.event;
      if (!rule) continue;
      if (rule.filter || rule.aggregate !== 'count') attrs ??= JSON.parse(attributes as string) as Record<string, Attr>;
      if (rule.filter && !matchesFilter(attrs ?? {}, rule.filter)) continue;
      periods ??= this.periodsOf(time);
      const column = this.column(def, periods[this.typeIndex.get(def.periodType) ?? 0] ?? '');
      if (rule.aggregate === 'distinct') {
        let keys = column.keys.get(unit);
        if (!keys) column.keys.set(unit, (keys = new Set()));
        keys.add(String(attrs?.[rule.field ?? ''] ?? ''));
        continue;
      }
      const delta = rule.aggregate === 'count' ? 1 : Number(attrs?.[rule.field ?? ''] ?? 0);
      column.sums.set(unit, (column.sums.get(unit) ?? 0) + delta);
    }
  }

  /** Totals at every level of the hierarchy, and distinct keys for the event's unit and each of its ancestors. */
  result(): EventAggregate {
    return { totals: this.totals(), distinct: this.takeDistinct() };
  }

  /** Running-total deltas of count and sum indicators, for the event's unit and each of its ancestors. */
  totals(): Map<string, number> {
    const totals = new Map<string, number>();
    for (const byPeriod of this.columns.values()) {
      for (const { indicator, period, sums } of byPeriod.values()) {
        for (const [unit, delta] of sums) {
          for (const u of this.units.lineage(unit)) {
            const k = keyOf(indicator, u, period);
            totals.set(k, (totals.get(k) ?? 0) + delta);
          }
        }
      }
    }
    return totals;
  }

  /**
   * The distinct keys folded since the last call, for the event's unit and each of its ancestors, then forgets them
   * (a long scan hands them to the database in chunks). Keys are unique per unit here; the same key from two
   * communes meets again at their province, where the database's primary key counts it once.
   */
  takeDistinct(): DistinctKey[] {
    const distinct: DistinctKey[] = [];
    for (const byPeriod of this.columns.values()) {
      for (const { indicator, period, keys } of byPeriod.values()) {
        for (const [unit, seen] of keys) {
          for (const u of this.units.lineage(unit)) for (const key of seen) distinct.push({ indicator_code: indicator, unit_code: u, period, key });
        }
        keys.clear();
      }
    }
    return distinct;
  }

  /** Forgets the events folded so far (the period cache stays). */
  reset(): void {
    this.columns.clear();
  }

  private column(def: IndicatorDefinition, period: string): CellColumn {
    let byPeriod = this.columns.get(def);
    if (!byPeriod) this.columns.set(def, (byPeriod = new Map()));
    let column = byPeriod.get(period);
    if (!column) byPeriod.set(period, (column = { indicator: def.code, period, sums: new Map(), keys: new Map() }));
    return column;
  }

  /** The day, month, quarter and year of an instant, by period type index. */
  private periodsOf(time: string): readonly string[] {
    // Vietnam's days start on a UTC hour, so every instant of one UTC hour falls in the same day, month, quarter, year.
    const hour = time.endsWith('Z') ? time.slice(0, 13) : time;
    let periods = this.hours.get(hour);
    if (!periods) {
      const instant = new Date(time);
      periods = PERIOD_TYPES.map((t) => periodOf(t, instant));
      this.hours.set(hour, periods);
    }
    return periods;
  }
}
