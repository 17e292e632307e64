import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { achievement, indicatorBand, BAND_LABELS, type Band } from '../scoring/score.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { keyOf, periodsAs } from './kpi-key.ts';
import { readCells, readReports, readTargets, type KpiCell, type KpiSource, type Report } from './kpi-source.query.ts';

export interface KpiView {
  indicator: string;
  name: string;
  pillar: string;
  measure: string;
  period: string;
  value: number | null;
  /** 'reported' — the unit's own report; 'derived' — rolled up, counted from events or computed. */
  origin: 'reported' | 'derived' | null;
  target: number | null;
  achievement: number | null;
  band: Band | null;
  bandLabel: string | null;
  asOf: string | null;
  lastReport: Report | null;
}

/** Which periods' values a reader may see (the public: published ones only, see src/publication/read-view.ts). */
export type PeriodFilter = (period: string) => boolean;

/** What a reader may see of KPI values, and where they are read from: always given by src/publication/read-view.ts, never assumed. */
export interface KpiReader {
  source: KpiSource;
  visible: PeriodFilter;
}

/**
 * A unit's scorecard by indicator for a month: value, target, achievement, band, and where the value came from.
 * Values of periods the reader may not see are left empty.
 */
export async function getUnitKpis(trx: Trx, ctx: KpiContext, unit: string, month: string, reader: KpiReader): Promise<KpiView[]> {
  const kind = ctx.units.get(unit)?.kind;
  if (!kind) return [];
  const defs = ctx.catalogue.all().filter((d) => d.appliesTo.includes(kind));
  const periods = new Map(defs.map((d) => [d.code, periodsAs(month, d.periodType)[0] ?? month]));
  const shown = [...new Set(periods.values())].filter(reader.visible);
  const [values, targets, reports] = await Promise.all([
    readCells(trx, reader.source, { units: [unit], periods: shown }),
    readTargets(trx, reader.source, defs.map((d) => d.code), [unit], [...periods.values()]),
    readReports(trx, reader.source, unit, shown),
  ]);
  const valueBy = new Map(values.map((v) => [keyOf(v.indicator, unit, v.period), v]));
  return defs.map((def) => {
    const period = periods.get(def.code) ?? month;
    const cell = valueBy.get(keyOf(def.code, unit, period));
    const target = targets.resolve(def, unit, period);
    return view(def, period, cell ?? null, target, reports.get(keyOf(def.code, unit, period)) ?? null);
  });
}

function view(def: IndicatorDefinition, period: string, cell: KpiCell | null, target: number | undefined, lastReport: Report | null): KpiView {
  const value = cell?.value ?? null;
  const ach = target === undefined || value === null ? null : achievement(def, value, target);
  const band = ach === null ? null : indicatorBand(def, ach);
  return {
    indicator: def.code, name: def.name, pillar: def.pillar, measure: def.measure, period, value, origin: cell?.origin ?? null,
    target: target ?? null, achievement: ach === null ? null : Math.round(ach * 10000) / 100,
    band, bandLabel: band ? BAND_LABELS[band].vi : null, asOf: cell?.asOf ?? null, lastReport,
  };
}

export interface IndicatorValueRow {
  unit: string;
  name: string;
  nameEn: string;
  kind: string;
  value: number | null;
  origin: 'reported' | 'derived';
}

/** One indicator's values across units for a period, optionally the children of one unit only. */
export async function getIndicatorValues(trx: Trx, ctx: KpiContext, reader: KpiReader, indicator: string, period: string, parent?: string): Promise<IndicatorValueRow[]> {
  if (!reader.visible(period)) return [];
  const units = parent === undefined ? undefined : ctx.units.children(parent);
  const cells = await readCells(trx, reader.source, { indicators: [indicator], periods: [period], units });
  return cells
    .flatMap((c) => {
      const unit = ctx.units.get(c.unit);
      return unit ? [{ unit: c.unit, name: unit.name, nameEn: unit.nameEn, kind: unit.kind, value: c.value, origin: c.origin }] : [];
    })
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}
