import type { Catalogue } from '../indicators/catalogue.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { PERIOD_TYPES, periodOf, type PeriodType } from '../periods/period.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { matchesFilter } from './event-batch.ts';
import type { BulkWrites, DistinctKeys, EventPageRow } from '../store/bulk-writes.ts';
import { CellMap } from '../kpi/cell-map.ts';

type Attr = string | number | boolean;

/** Count and sum deltas of one indicator in one period, at the events' own units (row i across the two arrays). */
export interface SumColumn {
  indicator: string;
  period: string;
  units: string[];
  deltas: number[];
}

/** The distinct keys that one unit's events carried for one indicator and period, each once. */
export interface DistinctRun {
  indicator: string;
  period: string;
  unit: string;
  keys: string[];
}

/**
 * What a set of events adds, at each event's own unit only: the deltas of count and sum indicators, and the candidate
 * keys of distinct counts. Ancestors are added once, when the aggregates of a fold are applied (`CellDeltas`), not in
 * every batch. Plain arrays of strings and numbers, so that it crosses from the parser's worker cheaply.
 */
export interface EventAggregate {
  sums: SumColumn[];
  distinct: DistinctRun[];
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
 * ancestors are added when the aggregates of a fold are applied (`CellDeltas`, `addDistinct`). Built for millions of
 * events (`nhipso recompute`) as well as one batch: no string is built per event, periods are worked out once per
 * UTC hour, distinct keys are kept once per unit.
 */
export class EventFolder {
  private readonly columns = new Map<IndicatorDefinition, Map<string, CellColumn>>();
  private readonly hours = new Map<number | string, readonly string[]>();
  private readonly typeIndex = new Map<PeriodType, number>(PERIOD_TYPES.map((t, i) => [t, i]));

  constructor(private readonly catalogue: Catalogue) {}

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

  /** Folds a page of stored events (`BulkWrites.eventPage`), skipping units no longer known; returns the page's size. */
  addPage(rows: readonly EventPageRow[], units: Pick<UnitTree, 'has'>): number {
    for (const [, type, unit, time, attributes] of rows) if (units.has(unit)) this.add(type, unit, time, attributes);
    return rows.length;
  }

  /** The deltas and distinct keys folded so far, at the events' own units. */
  result(): EventAggregate {
    return { sums: this.sums(), distinct: this.takeDistinct() };
  }

  /** Count and sum deltas, one column per indicator and period. */
  sums(): SumColumn[] {
    const out: SumColumn[] = [];
    for (const byPeriod of this.columns.values()) {
      for (const { indicator, period, sums } of byPeriod.values()) {
        if (sums.size > 0) out.push({ indicator, period, units: [...sums.keys()], deltas: [...sums.values()] });
      }
    }
    return out;
  }

  /**
   * The distinct keys folded since the last call, one run per indicator, period and unit, then forgets them (a long
   * scan hands them to the database page by page). Keys are unique within a run; the same key from two communes, or
   * from two batches, meets again in the database, whose primary key counts it once.
   */
  takeDistinct(): DistinctRun[] {
    const out: DistinctRun[] = [];
    for (const byPeriod of this.columns.values()) {
      for (const { indicator, period, keys } of byPeriod.values()) {
        for (const [unit, seen] of keys) out.push({ indicator, period, unit, keys: [...seen] });
        keys.clear();
      }
    }
    return out;
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
    const hour = utcHour(time) ?? time;
    let periods = this.hours.get(hour);
    if (!periods) {
      const instant = new Date(time);
      periods = PERIOD_TYPES.map((t) => periodOf(t, instant));
      this.hours.set(hour, periods);
    }
    return periods;
  }
}

/**
 * The UTC hour of a stored time (`2026-10-05T02:14:09.120Z`) as the number 2026100502, read from its digits; undefined
 * for any other form. A number, where a slice of the text would be a new string to hash for every event.
 */
export function utcHour(time: string): number | undefined {
  if (time.length !== 24 || time.charCodeAt(23) !== 90) return undefined;
  let hour = 0;
  for (const i of HOUR_DIGITS) {
    const d = time.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    hour = hour * 10 + d;
  }
  return hour;
}
const HOUR_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12];

/**
 * Deltas of event indicators' running totals by KPI cell, at every level: each unit's delta is added to the unit and
 * to each of its ancestors once per indicator and period, however many batches or pages brought it.
 */
export class CellDeltas extends CellMap {
  constructor(private readonly units: UnitTree) {
    super();
  }

  /** Adds deltas at a unit and its ancestors. */
  addSums(column: SumColumn): void {
    const byUnit = this.column(column.indicator, column.period).byUnit;
    for (let i = 0; i < column.units.length; i++) {
      const delta = column.deltas[i] ?? 0;
      for (const u of this.units.lineage(column.units[i] as string)) byUnit.set(u, (byUnit.get(u) ?? 0) + delta);
    }
  }
}

/**
 * Inserts distinct keys at their unit and at each of its ancestors; each key the database had not seen adds one to
 * its cell. Cells whose keys were all seen before are touched too, with nothing to add.
 */
export async function addDistinct(bulk: Pick<BulkWrites, 'insertDistinct'>, units: UnitTree, runs: readonly DistinctRun[], into: CellMap): Promise<void> {
  const atEveryLevel: DistinctRun[] = [];
  for (const run of runs) for (const unit of units.lineage(run.unit)) atEveryLevel.push({ ...run, unit });
  const added = await bulk.insertDistinct(atEveryLevel);
  atEveryLevel.forEach((run, i) => into.add(run.indicator, run.unit, run.period, added[i] ?? 0));
}

/**
 * As `addDistinct`, writing nothing: finds the keys not stored yet (each once, though several batches carry it) and
 * returns them, cell by cell, to be inserted when the change is written (`DerivedWrites`).
 */
export async function unseenDistinct(bulk: Pick<BulkWrites, 'unseenDistinct'>, units: UnitTree, runs: readonly DistinctRun[], into: CellMap): Promise<DistinctKeys[]> {
  const byCell = new Map<string, { indicator: string; unit: string; period: string; keys: Set<string> }>();
  for (const run of runs) {
    for (const unit of units.lineage(run.unit)) {
      const id = `${run.indicator}|${unit}|${run.period}`;
      let cell = byCell.get(id);
      if (!cell) byCell.set(id, (cell = { indicator: run.indicator, unit, period: run.period, keys: new Set() }));
      for (const key of run.keys) cell.keys.add(key);
    }
  }
  const cells = [...byCell.values()].map((c) => ({ ...c, keys: [...c.keys] }));
  const unseen = await bulk.unseenDistinct(cells);
  return cells.map((c, i) => {
    const keys = unseen[i] ?? [];
    into.add(c.indicator, c.unit, c.period, keys.length);
    return { indicator: c.indicator, unit: c.unit, period: c.period, keys };
  }).filter((c) => c.keys.length > 0);
}
