import type { IndicatorDefinition } from '../indicators/indicator.ts';
import type { KpiValueTable } from '../store/schema.ts';
import { cellOf, putCell, type Cell, type PeriodCells } from './derived-state.ts';
import { keyOf, periodsAs, type KpiKey } from './kpi-key.ts';
import type { KpiContext, Trx } from './kpi-context.ts';

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

/**
 * Brings every KPI that depends on the dirty cells up to date, bottom-up (communes, then provinces and ministries,
 * then the Nation), reading only the cells involved — never rescanning history. Returns the cells whose value changed.
 */
/** What the writer already knows, so that propagation need not read it back: new reports, new running totals. */
export interface KnownInputs {
  overrides?: ReadonlyMap<string, ReportedOverride>;
  /** Running totals of event indicators by KPI key, as just written. */
  totals?: ReadonlyMap<string, number>;
}

export async function propagate(trx: Trx, ctx: KpiContext, dirty: Iterable<KpiKey>, known: KnownInputs = {}): Promise<ValueChange[]> {
  const run = new PropagationRun(trx, ctx, known.overrides ?? new Map(), known.totals ?? new Map());
  for (const k of dirty) run.mark(k.indicator, k.unit, k.period);
  return run.execute();
}

class PropagationRun {
  private readonly queue = new Map<number, Map<string, Set<string>>>();
  private readonly changes: ValueChange[] = [];
  private readonly topo: Map<string, number>;
  private readonly stamp: string;

  constructor(
    private readonly trx: Trx,
    private readonly ctx: KpiContext,
    private readonly overrides: ReadonlyMap<string, ReportedOverride>,
    private readonly knownTotals: ReadonlyMap<string, number>,
  ) {
    this.topo = new Map(ctx.catalogue.all().map((d, i) => [d.code, i]));
    this.stamp = ctx.now().toISOString();
  }

  mark(indicator: string, unit: string, period: string): void {
    const depth = this.ctx.units.depth(unit);
    if (depth < 0 || !this.ctx.catalogue.get(indicator)) return;
    const byUnit = this.queue.get(depth) ?? new Map<string, Set<string>>();
    this.queue.set(depth, byUnit);
    const set = byUnit.get(unit) ?? new Set<string>();
    byUnit.set(unit, set);
    set.add(`${indicator}|${period}`);
  }

  async execute(): Promise<ValueChange[]> {
    const depths = [...this.queue.keys()];
    for (let depth = Math.max(0, ...depths); depth >= 0; depth--) {
      const byUnit = this.queue.get(depth);
      if (byUnit && byUnit.size > 0) await this.processDepth(byUnit);
    }
    return this.changes;
  }

  private async processDepth(byUnit: Map<string, Set<string>>): Promise<void> {
    const level = new LevelCache(this.trx, this.ctx, this.knownTotals);
    const writes: KpiValueTable[] = [];
    for (const [unit, pending] of byUnit) {
      while (pending.size > 0) {
        const item = this.takeFirst(pending);
        const [indicator = '', period = ''] = item.split('|');
        const def = this.ctx.catalogue.get(indicator);
        if (!def) continue;
        const before = await level.cell(unit, indicator, period);
        const after = await this.compute(level, def, unit, period, before);
        if (sameCell(before, after)) continue;
        await level.put(unit, indicator, period, after);
        writes.push({ indicator_code: indicator, unit_code: unit, period, ...after, updated_at: this.stamp });
        if (before.value !== after.value) {
          this.changes.push({ indicator, unit, period, value: after.value, previous: before.value });
          this.markDependents(def, unit, period, pending);
        }
      }
    }
    await this.ctx.bulk.upsertKpiCells(writes);
  }

  private takeFirst(pending: Set<string>): string {
    let best = '';
    let bestRank = Infinity;
    for (const item of pending) {
      const rank = this.topo.get(item.slice(0, item.indexOf('|'))) ?? Infinity;
      if (rank < bestRank) [best, bestRank] = [item, rank];
    }
    pending.delete(best);
    return best;
  }

  private markDependents(def: IndicatorDefinition, unit: string, period: string, pending: Set<string>): void {
    const catalogue = this.ctx.catalogue;
    for (const code of catalogue.dependents(def.code)) {
      const dep = catalogue.get(code);
      if (!dep) continue;
      for (const p of periodsAs(period, dep.periodType)) pending.add(`${code}|${p}`);
    }
    const parent = this.ctx.units.get(unit)?.parent;
    if (!parent) return;
    if (def.kind === 'reported') this.mark(def.code, parent, period);
    for (const code of catalogue.weightedBy(def.code)) {
      const dep = catalogue.get(code);
      if (dep) for (const p of periodsAs(period, dep.periodType)) this.mark(code, parent, p);
    }
  }

  private async compute(level: LevelCache, def: IndicatorDefinition, unit: string, period: string, before: Cell): Promise<Cell> {
    if (def.kind === 'event') {
      const total = await level.eventTotal(unit, def.code, period);
      return { value: total, reported: null, derived: total, as_of: null };
    }
    if (def.kind === 'formula') {
      const formula = this.ctx.catalogue.formulaOf(def.code);
      if (!formula) return emptyCell;
      const inputs = new Map<string, number | null>();
      for (const code of formula.inputs) {
        const input = this.ctx.catalogue.get(code);
        const p = input ? periodsAs(period, input.periodType) : [];
        const v = p.length === 1 && p[0] ? (await level.cell(unit, code, p[0])).value : null;
        // No matching event in a period is a count of zero; a missing report stays unknown.
        inputs.set(code, v === null && input?.kind === 'event' ? 0 : v);
      }
      const derived = formula.evaluate((code) => inputs.get(code) ?? null);
      return { value: derived, reported: null, derived, as_of: null };
    }
    const override = this.overrides.get(keyOf(def.code, unit, period));
    const reported = override ? override.value : before.reported;
    const rolled = this.ctx.units.children(unit).length > 0 ? await rollUp(level, def, unit, period) : { value: null, asOf: null };
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

async function rollUp(level: LevelCache, def: IndicatorDefinition, unit: string, period: string) {
  const children = await level.children(unit, def.code, period);
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
      const weights = def.weightBy ? await level.childWeights(unit, def.weightBy, period) : undefined;
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
 * Reads for one depth of the hierarchy from the derived state in memory (see derived-state.ts); cells written during
 * this run are put straight into it, so later reads see them.
 */
class LevelCache {
  private readonly periods = new Map<string, PeriodCells>();

  constructor(
    private readonly trx: Trx,
    private readonly ctx: KpiContext,
    private readonly knownTotals: ReadonlyMap<string, number>,
  ) {}

  async cell(unit: string, indicator: string, period: string): Promise<Cell> {
    return cellOf(await this.period(period), indicator, unit) ?? emptyCell;
  }

  async put(unit: string, indicator: string, period: string, cell: Cell): Promise<void> {
    putCell(await this.period(period), indicator, unit, cell);
  }

  /** An event indicator's running total: as just written by ingest, else what its cell holds. */
  async eventTotal(unit: string, indicator: string, period: string): Promise<number | null> {
    return this.knownTotals.get(keyOf(indicator, unit, period)) ?? (await this.cell(unit, indicator, period)).derived;
  }

  /** The unit's current children that have a cell, in code order. */
  async children(unit: string, indicator: string, period: string): Promise<ChildRow[]> {
    const byUnit = (await this.period(period)).get(indicator);
    if (!byUnit) return [];
    const out: ChildRow[] = [];
    for (const child of this.ctx.units.children(unit)) {
      const c = byUnit.get(child);
      if (c) out.push({ unit_code: child, ...c });
    }
    return out;
  }

  /** The children's values of the weighting indicator, in the period of its type that matches `period`. */
  async childWeights(unit: string, weightBy: string, period: string): Promise<Map<string, number | null>> {
    const def = this.ctx.catalogue.get(weightBy);
    const periods = def ? periodsAs(period, def.periodType) : [];
    const rows = periods.length === 1 && periods[0] ? await this.children(unit, weightBy, periods[0]) : [];
    return new Map(rows.map((r) => [r.unit_code, r.value]));
  }

  private async period(period: string): Promise<PeriodCells> {
    let cells = this.periods.get(period);
    if (!cells) this.periods.set(period, (cells = await this.ctx.state.periodCells(this.trx, period)));
    return cells;
  }
}
