import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { parsePeriod } from '../periods/period.ts';
import { achievement, indicatorBand, type Band } from '../scoring/score.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { keyOf, periodsAs } from './kpi-key.ts';
import type { KpiReader } from './kpi.query.ts';
import { readCells, readReports, readTargets, type Report } from './kpi-source.query.ts';

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
  latestReport: Report | null;
}

/**
 * A unit's indicators over time: the newest periods up to `month` that hold a value, each with its target and
 * achievement; periods the reader may not see are skipped.
 */
export async function getKpiHistory(trx: Trx, ctx: KpiContext, unit: string, codes: readonly string[], month: string, count: number, reader: KpiReader): Promise<KpiSeries[]> {
  const defs = codes.flatMap((c) => ctx.catalogue.get(c) ?? []);
  if (defs.length === 0) return [];
  const rows = await readCells(trx, reader.source, { units: [unit], indicators: defs.map((d) => d.code), withValue: true });
  rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const series = new Map(defs.map((d) => [d.code, [] as { period: string; value: number | null }[]]));
  for (const row of rows) {
    const def = ctx.catalogue.get(row.indicator);
    const last = def && periodsAs(month, def.periodType)[0];
    if (def && last && parsePeriod(row.period)?.type === def.periodType && row.period <= last && reader.visible(row.period)) series.get(def.code)?.push(row);
  }
  const kept = new Map([...series].map(([code, points]) => [code, points.slice(-count)]));
  const keptPeriods = [...new Set([...kept.values()].flatMap((p) => p.map((x) => x.period)))];
  const targets = await readTargets(trx, reader.source, defs.map((d) => d.code), [unit], keptPeriods);
  const newest = [...new Set([...kept.values()].flatMap((points) => points.at(-1)?.period ?? []))];
  const reports = await readReports(trx, reader.source, unit, newest);
  return defs.map((def) => {
    const last = kept.get(def.code)?.at(-1)?.period;
    return {
      indicator: def.code,
      periodType: def.periodType,
      points: (kept.get(def.code) ?? []).map(({ period, value }) => pointOf(def, period, value, targets.resolve(def, unit, period))),
      latestReport: (last && reports.get(keyOf(def.code, unit, last))) || null,
    };
  });
}

function pointOf(def: IndicatorDefinition, period: string, value: number | null, target: number | undefined): KpiPoint {
  const ratio = target === undefined || value === null ? null : achievement(def, value, target);
  return {
    period, value, target: target ?? null,
    achievement: ratio === null ? null : Math.round(ratio * 10000) / 100,
    band: ratio === null ? null : indicatorBand(def, ratio),
  };
}
