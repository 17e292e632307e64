import { targetsFor } from '../indicators/catalogue.repository.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { parsePeriod } from '../periods/period.ts';
import { achievement, indicatorBand, type Band } from '../scoring/score.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { periodsAs } from './kpi-key.ts';
import { everyPeriod, type PeriodFilter } from './kpi.query.ts';

export interface KpiPoint {
  period: string;
  value: number | null;
  target: number | null;
  /** Percent of target reached (0–100), 766-style. */
  achievement: number | null;
  band: Band | null;
}

export interface KpiSeries {
  indicator: string;
  periodType: IndicatorDefinition['periodType'];
  /** Oldest first: the last `count` periods of the indicator's own type that hold a value. */
  points: KpiPoint[];
  /** Who reported the newest point, when, from which source; null when it was derived (events, roll-up, formula). */
  latestReport: { value: number; source: string | null; evidence: string | null; reportedAt: string; by: string } | null;
}

/**
 * A unit's indicators over time: the newest periods up to `month` that hold a value, each with its target and
 * achievement; periods the reader may not see are skipped.
 */
export async function getKpiHistory(trx: Trx, ctx: KpiContext, unit: string, codes: readonly string[], month: string, count: number, visible: PeriodFilter = everyPeriod): Promise<KpiSeries[]> {
  const defs = codes.flatMap((c) => ctx.catalogue.get(c) ?? []);
  if (defs.length === 0) return [];
  const rows = await trx
    .selectFrom('kpi_values')
    .select(['indicator_code', 'period', 'value'])
    .where('unit_code', '=', unit)
    .where('indicator_code', 'in', defs.map((d) => d.code))
    .where('value', 'is not', null)
    .orderBy('period')
    .execute();
  const series = new Map(defs.map((d) => [d.code, [] as { period: string; value: number | null }[]]));
  for (const row of rows) {
    const def = ctx.catalogue.get(row.indicator_code);
    const last = def && periodsAs(month, def.periodType)[0];
    if (def && last && parsePeriod(row.period)?.type === def.periodType && row.period <= last && visible(row.period)) series.get(def.code)?.push(row);
  }
  const kept = new Map([...series].map(([code, points]) => [code, points.slice(-count)]));
  const periods = [...new Set([...kept.values()].flatMap((p) => p.map((x) => x.period)))];
  const targets = await targetsFor(trx, defs.map((d) => d.code), [unit], periods);
  const reports = await latestReports(trx, unit, [...kept].flatMap(([code, points]) => {
    const last = points.at(-1);
    return last ? [{ indicator: code, period: last.period }] : [];
  }));
  return defs.map((def) => ({
    indicator: def.code,
    periodType: def.periodType,
    points: (kept.get(def.code) ?? []).map(({ period, value }) => pointOf(def, period, value, targets.resolve(def, unit, period))),
    latestReport: reports.get(`${def.code}|${kept.get(def.code)?.at(-1)?.period ?? ''}`) ?? null,
  }));
}

function pointOf(def: IndicatorDefinition, period: string, value: number | null, target: number | undefined): KpiPoint {
  const ratio = target === undefined || value === null ? null : achievement(def, value, target);
  return {
    period, value, target: target ?? null,
    achievement: ratio === null ? null : Math.round(ratio * 10000) / 100,
    band: ratio === null ? null : indicatorBand(def, ratio),
  };
}

async function latestReports(trx: Trx, unit: string, cells: { indicator: string; period: string }[]) {
  const out = new Map<string, NonNullable<KpiSeries['latestReport']>>();
  if (cells.length === 0) return out;
  const rows = await trx
    .selectFrom('reported_values as r')
    .innerJoin('batches as b', 'b.id', 'r.batch_id')
    .select(['r.indicator_code', 'r.period', 'r.value', 'r.source', 'r.evidence', 'r.reported_at', 'b.actor'])
    .where('r.unit_code', '=', unit)
    .where((eb) => eb.or(cells.map((c) => eb.and([eb('r.indicator_code', '=', c.indicator), eb('r.period', '=', c.period)]))))
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    out.set(`${r.indicator_code}|${r.period}`, { value: r.value, source: r.source, evidence: r.evidence, reportedAt: r.reported_at, by: r.actor });
  }
  return out;
}
