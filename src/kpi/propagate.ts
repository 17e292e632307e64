import type { IndicatorDefinition } from '../indicators/indicator.ts';
import type { KpiValueTable } from '../store/schema.ts';
import { cellOf, putCell, type Cell, type PeriodCells } from './derived-state.ts';
import { keyOf, periodsAs, type KpiKey } from './kpi-key.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { CellMap } from './cell-map.ts';
import { breathe } from '../shared/event-loop.ts';
import type { DerivedWrites } from './derived-writes.ts';

export interface ValueChange extends KpiKey {
  value: number | null;
  previous: number | null;
}

/** A unit's own report, newest first wins; passed in by ingest and recompute. */
export interface ReportedOverride {
  value: number;
  reportedAt: string;
}

const sameCell = (a: Cell, b: Cell) =>
  a.value === b.value && a.reported === b.reported && a.derived === b.derived && a.as_of === b.as_of;

/** What the writer already knows, so that propagation need not read it back: new reports, new running totals. */
export interface KnownInputs {
  overrides?: ReadonlyMap<string, ReportedOverride>;
  /** Running totals of event indicators by cell, as just worked out. */
  totals?: Pick<CellMap, 'get'>;
}

/**
 * Brings every KPI that depends on the dirty cells up to date, bottom-up (communes, then provinces and ministries,
 * then the Nation), reading only the cells involved — never rescanning history. Returns the cells whose value changed.
 * The rows go to `writes`, for the caller to write (see `applyKpiChanges`).
 */
export async function propagate(trx: Trx, ctx: KpiContext, dirty: Iterable<KpiKey>, known: KnownInputs, writes: DerivedWrites): Promise<ValueChange[]> {
  const run = new PropagationRun(trx, ctx, known.overrides ?? new Map(), known.totals ?? new CellMap(), writes.cells);
  for (const k of dirty) run.mark(k.indicator, k.unit, k.period);
  return run.execute();
}

/**
 * One unit's pending cells, by indicator in catalogue order (inputs before the formulas that use them), so a formula
 * is computed once, after all its inputs changed. Taking the next cell costs no search and builds no string.
 */
class UnitQueue {
  /** Periods pending, by the indicator's position in the catalogue. */
  private readonly byRank: (Set<string> | undefined)[] = [];
  private lowest = 0;

  add(rank: number, period: string): void {
    (this.byRank[rank] ??= new Set()).add(period);
    if (rank < this.lowest) this.lowest = rank;
  }

  /** The period of the cell `take` last returned. */
  period = '';

  /** Removes the pending cell of the lowest rank and returns its rank (its period in `period`), or -1 when none is left. */
  take(): number {
    for (; this.lowest < this.byRank.length; this.lowest++) {
      const periods = this.byRank[this.lowest];
      if (!periods || periods.size === 0) continue;
      const period = periods.values().next().value as string;
      periods.delete(period);
      this.period = period;
      return this.lowest;
    }
    return -1;
  }
}

class PropagationRun {
  private readonly queue = new Map<number, Map<string, UnitQueue>>();
  private readonly changes: ValueChange[] = [];
  private readonly defs: readonly IndicatorDefinition[];
  private readonly rank: Map<string, number>;
  private readonly stamp: string;
  private readonly cells: RunCells;
  /** The periods a cell's computation reads, by indicator and period. */
  private readonly reads = new Map<IndicatorDefinition, Map<string, readonly string[]>>();

  constructor(
    trx: Trx,
    private readonly ctx: KpiContext,
    private readonly overrides: ReadonlyMap<string, ReportedOverride>,
    knownTotals: Pick<CellMap, 'get'>,
    private readonly writes: KpiValueTable[],
  ) {
    this.defs = ctx.catalogue.all();
    this.rank = new Map(this.defs.map((d, i) => [d.code, i]));
    this.stamp = ctx.now().toISOString();
    this.cells = new RunCells(trx, ctx, knownTotals);
  }

  mark(indicator: string, unit: string, period: string): void {
    const depth = this.ctx.units.depth(unit);
    const rank = this.rank.get(indicator);
    if (depth < 0 || rank === undefined) return;
    let byUnit = this.queue.get(depth);
    if (!byUnit) this.queue.set(depth, (byUnit = new Map()));
    let pending = byUnit.get(unit);
    if (!pending) byUnit.set(unit, (pending = new UnitQueue()));
    pending.add(rank, period);
  }

  async execute(): Promise<ValueChange[]> {
    const depths = [...this.queue.keys()];
    for (let depth = Math.max(0, ...depths); depth >= 0; depth--) {
      const byUnit = this.queue.get(depth);
      if (byUnit && byUnit.size > 0) await this.processDepth(byUnit);
    }
    return this.changes;
  }

  private async processDepth(byUnit: Map<string, UnitQueue>): Promise<void> {
    const level = this.cells;
    const writes = this.writes;
    for (const [unit, pending] of byUnit) {
      await breathe();
      for (let rank = pending.take(); rank >= 0; rank = pending.take()) {
        const def = this.defs[rank] as IndicatorDefinition;
        const period = pending.period;
        // Periods are loaded from the database once per run at most; after that every read below is synchronous.
        const loading = level.ensure(this.periodsRead(def, period));
        if (loading) await loading;
        const before = level.cell(unit, def.code, period);
        const after = this.compute(def, unit, period, before);
        if (sameCell(before, after)) continue;
        level.put(unit, def.code, period, after);
        writes.push({ indicator_code: def.code, unit_code: unit, period, value: after.value, reported: after.reported, derived: after.derived, as_of: after.as_of, updated_at: this.stamp });
        if (before.value !== after.value) {
          this.changes.push({ indicator: def.code, unit, period, value: after.value, previous: before.value });
          this.markDependents(def, unit, period, pending);
        }
      }
    }
  }

  /** The cell's own period, its formula inputs' periods and its weighting indicator's period. */
  private periodsRead(def: IndicatorDefinition, period: string): readonly string[] {
    let byPeriod = this.reads.get(def);
    if (!byPeriod) this.reads.set(def, (byPeriod = new Map()));
    let periods = byPeriod.get(period);
    if (!periods) {
      const out = new Set([period]);
      const related = [...(this.ctx.catalogue.formulaOf(def.code)?.inputs ?? []), ...(def.weightBy ? [def.weightBy] : [])];
      for (const code of related) {
        const input = this.ctx.catalogue.get(code);
        const p = input ? periodsAs(period, input.periodType) : [];
        if (p.length === 1 && p[0]) out.add(p[0]);
      }
      byPeriod.set(period, (periods = [...out]));
    }
    return periods;
  }

  private markDependents(def: IndicatorDefinition, unit: string, period: string, pending: UnitQueue): void {
    const catalogue = this.ctx.catalogue;
    for (const code of catalogue.dependents(def.code)) {
      const dep = catalogue.get(code);
      const rank = this.rank.get(code);
      if (!dep || rank === undefined) continue;
      for (const p of periodsAs(period, dep.periodType)) pending.add(rank, p);
    }
    const parent = this.ctx.units.get(unit)?.parent;
    if (!parent) return;
    if (def.kind === 'reported') this.mark(def.code, parent, period);
    for (const code of catalogue.weightedBy(def.code)) {
      const dep = catalogue.get(code);
      if (dep) for (const p of periodsAs(period, dep.periodType)) this.mark(code, parent, p);
    }
  }

  private compute(def: IndicatorDefinition, unit: string, period: string, before: Cell): Cell {
    const level = this.cells;
    if (def.kind === 'event') {
      const total = level.eventTotal(unit, def.code, period);
      return { value: total, reported: null, derived: total, as_of: null };
    }
    if (def.kind === 'formula') {
      const formula = this.ctx.catalogue.formulaOf(def.code);
      if (!formula) return emptyCell;
      // The inputs' values in the order of `formula.inputs` (a formula has a handful).
      const values = formula.inputs.map((code) => {
        const input = this.ctx.catalogue.get(code);
        const p = input ? periodsAs(period, input.periodType) : [];
        const v = p.length === 1 && p[0] ? level.cell(unit, code, p[0]).value : null;
        // No matching event in a period is a count of zero; a missing report stays unknown.
        return v === null && input?.kind === 'event' ? 0 : v;
      });
      const derived = formula.evaluate((code) => values[formula.inputs.indexOf(code)] ?? null);
      return { value: derived, reported: null, derived, as_of: null };
    }
    const override = this.overrides.get(keyOf(def.code, unit, period));
    const reported = override ? override.value : before.reported;
    const rolled = this.ctx.units.children(unit).length > 0 ? rollUp(level, def, unit, period) : { value: null, asOf: null };
    const reportedAt = override ? override.reportedAt : reported === null ? null : before.as_of;
    return {
      value: reported ?? rolled.value,
      reported,
      derived: rolled.value,
      as_of: reported !== null ? reportedAt : rolled.asOf,
    };
  }
}

const emptyCell: Cell = { value: null, reported: null, derived: null, as_of: null };

function rollUp(level: RunCells, def: IndicatorDefinition, unit: string, period: string) {
  const children = level.children(unit, def.code, period);
  const present = children.filter((c) => c.value !== null);
  if (present.length === 0) return { value: null, asOf: null };
  const asOf = present.reduce<string | null>((m, c) => (c.as_of !== null && (m === null || c.as_of > m) ? c.as_of : m), null);
  switch (def.rollup) {
    case 'sum':
    case 'ratio':
      return { value: present.reduce((s, c) => s + (c.value ?? 0), 0), asOf };
    case 'latest': {
      const newest = present.reduce((best, c) => ((c.as_of ?? '') > (best.as_of ?? '') ? c : best));
      return { value: newest.value, asOf };
    }
    case 'weighted_mean': {
      let sumW = 0;
      let sumWV = 0;
      const weights = def.weightBy ? level.childWeights(unit, def.weightBy, period) : undefined;
      for (const c of present) {
        const w = weights ? weights.get(c.unit_code) ?? null : 1;
        if (w === null || w <= 0) continue;
        sumW += w;
        sumWV += w * (c.value ?? 0);
      }
      return { value: sumW > 0 ? sumWV / sumW : null, asOf };
    }
  }
}

type ChildRow = Cell & { unit_code: string };

/**
 * Reads for a run from the derived state in memory (see derived-state.ts). A period is fetched once (`ensure`), then
 * read synchronously; cells written during the run are put straight into it, so later reads see them.
 */
class RunCells {
  private readonly periods = new Map<string, PeriodCells>();

  constructor(
    private readonly trx: Trx,
    private readonly ctx: KpiContext,
    private readonly knownTotals: Pick<CellMap, 'get'>,
  ) {}

  /** Loads the periods not yet held; undefined (nothing to wait for) when all are. */
  ensure(periods: readonly string[]): Promise<void> | undefined {
    let missing: string[] | undefined;
    for (const p of periods) if (!this.periods.has(p)) (missing ??= []).push(p);
    return missing ? this.load(missing) : undefined;
  }

  cell(unit: string, indicator: string, period: string): Cell {
    return cellOf(this.period(period), indicator, unit) ?? emptyCell;
  }

  put(unit: string, indicator: string, period: string, cell: Cell): void {
    putCell(this.period(period), indicator, unit, cell);
  }

  /** An event indicator's running total: as just written by ingest, else what its cell holds. */
  eventTotal(unit: string, indicator: string, period: string): number | null {
    return this.knownTotals.get(indicator, unit, period) ?? this.cell(unit, indicator, period).derived;
  }

  /** The unit's current children that have a cell, in code order. */
  children(unit: string, indicator: string, period: string): ChildRow[] {
    const byUnit = this.period(period).get(indicator);
    if (!byUnit) return [];
    const out: ChildRow[] = [];
    for (const child of this.ctx.units.children(unit)) {
      const c = byUnit.get(child);
      if (c) out.push({ unit_code: child, ...c });
    }
    return out;
  }

  /** The children's values of the weighting indicator, in the period of its type that matches `period`. */
  childWeights(unit: string, weightBy: string, period: string): Map<string, number | null> {
    const def = this.ctx.catalogue.get(weightBy);
    const periods = def ? periodsAs(period, def.periodType) : [];
    const rows = periods.length === 1 && periods[0] ? this.children(unit, weightBy, periods[0]) : [];
    return new Map(rows.map((r) => [r.unit_code, r.value]));
  }

  private async load(periods: readonly string[]): Promise<void> {
    for (const p of periods) this.periods.set(p, await this.ctx.state.periodCells(this.trx, p));
  }

  private period(period: string): PeriodCells {
    const cells = this.periods.get(period);
    if (!cells) throw new Error(`propagation read period ${period} before loading it`);
    return cells;
  }
}
