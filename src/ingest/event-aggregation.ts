import type { Catalogue } from '../indicators/catalogue.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { PERIOD_TYPES, periodOf } from '../periods/period.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { filterEntries, matchesEntries, type FilterEntries } from './event-batch.ts';
import type { BulkWrites, DistinctKeyRef, DistinctKeys, EventPageRow } from '../store/bulk-writes.ts';
import { CellMap } from '../kpi/cell-map.ts';
import { keyOf } from '../kpi/kpi-key.ts';

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
  /** Per event type: its rules, and for each UTC hour seen, the column each rule adds to. */
  private readonly types = new Map<string, TypeFold>();

  constructor(private readonly catalogue: Catalogue) {}

  /** Folds one event; attributes may be given as their stored JSON text, parsed only if an indicator looks at them. */
  add(type: string, unit: string, time: string, attributes: Record<string, Attr> | string): void {
    let fold = this.types.get(type);
    if (!fold) this.types.set(type, (fold = typeFold(this.catalogue.byEventType(type))));
    const rules = fold.rules;
    if (rules.length === 0) return;
    const hour = utcHour(time) ?? time;
    let columns = fold.byHour.get(hour);
    if (!columns) fold.byHour.set(hour, (columns = this.columnsAt(rules, time)));
    let attrs = typeof attributes === 'string' ? undefined : attributes;
    for (let i = 0; i < rules.length; i++) {
      const { rule, filter } = rules[i] as FoldRule;
      if (filter || rule.aggregate !== 'count') attrs ??= JSON.parse(attributes as string) as Record<string, Attr>;
      if (filter && !matchesEntries(attrs ?? {}, filter)) continue;
      const column = columns[i] as CellColumn;
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
   * from two batches, is counted once when the runs are applied (`planDistinct`).
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

  /** The column each rule adds to for events of one UTC hour (any instant of it stands for the hour). */
  private columnsAt(rules: readonly FoldRule[], time: string): CellColumn[] {
    const periods = periodsOf(time);
    return rules.map(({ def, periodIndex }) => this.column(def, periods[periodIndex] ?? ''));
  }

  private column(def: IndicatorDefinition, period: string): CellColumn {
    let byPeriod = this.columns.get(def);
    if (!byPeriod) this.columns.set(def, (byPeriod = new Map()));
    let column = byPeriod.get(period);
    if (!column) byPeriod.set(period, (column = { indicator: def.code, period, sums: new Map(), keys: new Map() }));
    return column;
  }
}

/** An event indicator's rule as the folder applies it: the filter as a list, the period type as an index. */
interface FoldRule {
  readonly def: IndicatorDefinition;
  readonly rule: NonNullable<IndicatorDefinition['event']>;
  readonly filter: FilterEntries | undefined;
  readonly periodIndex: number;
}

interface TypeFold {
  readonly rules: readonly FoldRule[];
  readonly byHour: Map<number | string, CellColumn[]>;
}

function typeFold(defs: readonly IndicatorDefinition[]): TypeFold {
  const rules: FoldRule[] = [];
  for (const def of defs) {
    if (!def.event) continue;
    const filter = def.event.filter ? filterEntries(def.event.filter) : undefined;
    rules.push({ def, rule: def.event, filter, periodIndex: Math.max(0, PERIOD_TYPES.indexOf(def.periodType)) });
  }
  return { rules, byHour: new Map() };
}

/**
 * The day, month, quarter and year of an instant, by period type index. Vietnam's days start on a UTC hour, so every
 * instant of one UTC hour falls in the same periods: they are worked out once per hour, for every folder of the
 * process (the cache is dropped whole past HOUR_CACHE_SIZE hours, eleven years of them).
 */
function periodsOf(time: string): readonly string[] {
  const hour = utcHour(time) ?? time;
  let periods = hourPeriods.get(hour);
  if (!periods) {
    if (hourPeriods.size >= HOUR_CACHE_SIZE) hourPeriods.clear();
    const instant = new Date(time);
    periods = PERIOD_TYPES.map((t) => periodOf(t, instant));
    hourPeriods.set(hour, periods);
  }
  return periods;
}
const HOUR_CACHE_SIZE = 100_000;
const hourPeriods = new Map<number | string, readonly string[]>();

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
    this.addAtLineage(column.indicator, column.period, column.units, column.deltas);
  }

  /**
   * Adds the columns of several aggregates (a fold's batches, a scan's threads): summed at each unit first, then
   * added once to the unit and its ancestors, instead of once for every batch that brought the unit.
   */
  addSumColumns(columns: readonly SumColumn[]): void {
    const own = new CellMap();
    for (const c of columns) {
      const byUnit = own.column(c.indicator, c.period).byUnit;
      for (let i = 0; i < c.units.length; i++) {
        const unit = c.units[i] as string;
        byUnit.set(unit, (byUnit.get(unit) ?? 0) + (c.deltas[i] ?? 0));
      }
    }
    for (const { indicator, period, byUnit } of own.columns()) this.addAtLineage(indicator, period, [...byUnit.keys()], [...byUnit.values()]);
  }

  private addAtLineage(indicator: string, period: string, units: readonly string[], deltas: readonly number[]): void {
    const byUnit = this.column(indicator, period).byUnit;
    for (let i = 0; i < units.length; i++) {
      const delta = deltas[i] ?? 0;
      for (const u of this.units.lineage(units[i] as string)) byUnit.set(u, (byUnit.get(u) ?? 0) + delta);
    }
  }
}

/**
 * Inserts the runs' distinct keys not stored yet and adds what they count to the cells (see `planDistinct`), in the
 * caller's transaction.
 */
export async function addDistinct(bulk: Pick<BulkWrites, 'storedKeyUnits' | 'insertNewDistinct'>, units: UnitTree, runs: readonly DistinctRun[], into: CellMap): Promise<void> {
  await bulk.insertNewDistinct(await planDistinct(bulk, units, runs, into));
}

/** One distinct key of an indicator and period, and the units whose events carried it in the runs (own units). */
interface KeyUnits extends DistinctKeyRef {
  units: string[];
}

/**
 * Works out, writing nothing, what distinct keys add. A key is stored once for each unit whose own events carried
 * it (decision 0020): it counts at a unit when the unit or one of its descendants holds it. So for each key of the
 * runs one look-up finds the units holding it already; each new unit's row is to be inserted, and the key adds one
 * at each of that unit's lineage not yet covered by a unit holding it. Every run's cells are touched, with nothing
 * to add where its keys were all seen before. Returns the rows to insert, cell by cell (`insertNewDistinct`).
 */
export async function planDistinct(bulk: Pick<BulkWrites, 'storedKeyUnits'>, units: UnitTree, runs: readonly DistinctRun[], into: CellMap): Promise<DistinctKeys[]> {
  const byColumn = new Map<string, Map<string, KeyUnits>>();
  for (const run of runs) {
    for (const unit of units.lineage(run.unit)) into.add(run.indicator, unit, run.period, 0);
    const column = `${run.indicator}|${run.period}`;
    let byKey = byColumn.get(column);
    if (!byKey) byColumn.set(column, (byKey = new Map()));
    for (const key of run.keys) {
      const k = byKey.get(key);
      if (!k) byKey.set(key, { indicator: run.indicator, period: run.period, key, units: [run.unit] });
      else if (!k.units.includes(run.unit)) k.units.push(run.unit);
    }
  }
  const keys: KeyUnits[] = [];
  for (const byKey of byColumn.values()) for (const k of byKey.values()) keys.push(k);
  const held = await bulk.storedKeyUnits(keys);
  const rows = new Map<string, { indicator: string; unit: string; period: string; keys: string[] }>();
  keys.forEach((k, i) => {
    const holders = held[i] ?? [];
    const covered = new Set<string>();
    for (const h of holders) for (const a of units.lineage(h)) covered.add(a);
    for (const unit of k.units) {
      if (holders.includes(unit)) continue;
      const cell = keyOf(k.indicator, unit, k.period);
      let row = rows.get(cell);
      if (!row) rows.set(cell, (row = { indicator: k.indicator, unit, period: k.period, keys: [] }));
      row.keys.push(k.key);
      for (const a of units.lineage(unit)) {
        if (covered.has(a)) continue;
        covered.add(a);
        into.add(k.indicator, a, k.period, 1);
      }
    }
  });
  return [...rows.values()];
}
