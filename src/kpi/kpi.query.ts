import { targetsFor } from '../indicators/catalogue.repository.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { achievement, indicatorBand, BAND_LABELS, type Band } from '../scoring/score.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { keyOf, periodsAs } from './kpi-key.ts';

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
  lastReport: { value: number; source: string | null; evidence: string | null; reportedAt: string; by: string } | null;
}

/** Which periods' values a reader may see (the public: published ones only, see src/publication/read-view.ts). */
export type PeriodFilter = (period: string) => boolean;
export const everyPeriod: PeriodFilter = () => true;

/**
 * A unit's scorecard by indicator for a month: value, target, achievement, band, and where the value came from.
 * Values of periods the reader may not see are left empty.
 */
export async function getUnitKpis(trx: Trx, ctx: KpiContext, unit: string, month: string, visible: PeriodFilter = everyPeriod): Promise<KpiView[]> {
  const kind = ctx.units.get(unit)?.kind;
  if (!kind) return [];
  const defs = ctx.catalogue.all().filter((d) => d.appliesTo.includes(kind));
  const periods = new Map(defs.map((d) => [d.code, periodsAs(month, d.periodType)[0] ?? month]));
  const shown = [...new Set([...periods.values(), month.slice(0, 4)])].filter(visible);
  // `in ()` is not SQL: a reader who may see none of the periods matches no row.
  const allPeriods = shown.length > 0 ? shown : [''];
  const [values, targets, reports] = await Promise.all([
    trx.selectFrom('kpi_values').selectAll().where('unit_code', '=', unit).where('period', 'in', allPeriods).execute(),
    targetsFor(trx, defs.map((d) => d.code), [unit], [...periods.values()]),
    trx
      .selectFrom('reported_values as r')
      .innerJoin('batches as b', 'b.id', 'r.batch_id')
      .select(['r.indicator_code', 'r.period', 'r.value', 'r.source', 'r.evidence', 'r.reported_at', 'b.actor'])
      .where('r.unit_code', '=', unit)
      .where('r.period', 'in', allPeriods)
      .orderBy('r.id')
      .execute(),
  ]);
  const valueBy = new Map(values.map((v) => [keyOf(v.indicator_code, unit, v.period), v]));
  const reportBy = new Map(reports.map((r) => [keyOf(r.indicator_code, unit, r.period), r]));
  return defs.map((def) => {
    const period = periods.get(def.code) ?? month;
    const cell = valueBy.get(keyOf(def.code, unit, period));
    const target = targets.resolve(def, unit, period);
    const report = reportBy.get(keyOf(def.code, unit, period));
    return view(def, period, cell?.value ?? null, cell ? (cell.reported !== null ? 'reported' : 'derived') : null, target, cell?.as_of ?? null, report
      ? { value: report.value, source: report.source, evidence: report.evidence, reportedAt: report.reported_at, by: report.actor }
      : null);
  });
}

function view(def: IndicatorDefinition, period: string, value: number | null, origin: KpiView['origin'], target: number | undefined, asOf: string | null, lastReport: KpiView['lastReport']): KpiView {
  const ach = target === undefined || value === null ? null : achievement(def, value, target);
  const band = ach === null ? null : indicatorBand(def, ach);
  return {
    indicator: def.code, name: def.name, pillar: def.pillar, measure: def.measure, period, value, origin,
    target: target ?? null, achievement: ach === null ? null : Math.round(ach * 10000) / 100,
    band, bandLabel: band ? BAND_LABELS[band].vi : null, asOf, lastReport,
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
export async function getIndicatorValues(trx: Trx, indicator: string, period: string, parent?: string): Promise<IndicatorValueRow[]> {
  let q = trx
    .selectFrom('kpi_values as kv')
    .innerJoin('units as u', 'u.code', 'kv.unit_code')
    .select(['kv.unit_code', 'u.name', 'u.name_en', 'u.kind', 'kv.value', 'kv.reported'])
    .where('kv.indicator_code', '=', indicator)
    .where('kv.period', '=', period);
  if (parent) q = q.where('u.parent_code', '=', parent);
  const rows = await q.orderBy('kv.unit_code').execute();
  return rows.map((r) => ({ unit: r.unit_code, name: r.name, nameEn: r.name_en, kind: r.kind, value: r.value, origin: r.reported !== null ? 'reported' : 'derived' }));
}
