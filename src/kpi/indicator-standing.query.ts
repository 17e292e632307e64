import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { previousPeriod } from '../periods/period.ts';
import { achievement, indicatorBand, rankScores, type Band } from '../scoring/score.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import { periodsAs } from './kpi-key.ts';
import type { KpiReader } from './kpi.query.ts';
import { readCells, readTargets } from './kpi-source.query.ts';

export interface StandingRow {
  unit: { code: string; name: string; nameEn: string; kind: string };
  value: number | null;
  previous: number | null;
  target: number | null;
  /** Percent of target reached (0–100). */
  achievement: number | null;
  band: Band | null;
  /** Among the peers that hold a value, best first (the indicator's direction decides what is best). */
  rank: number | null;
}

export interface IndicatorStanding {
  indicator: string;
  /** The indicator's own period that contains the month asked for. */
  period: string;
  previousPeriod: string | null;
  rows: StandingRow[];
}

/**
 * One indicator across a peer group (provinces, ministries, communes of a province): value, target, achievement, rank.
 * Values of periods the reader may not see are left empty.
 */
export async function getIndicatorStanding(trx: Trx, ctx: KpiContext, def: IndicatorDefinition, group: string, month: string, reader: KpiReader): Promise<IndicatorStanding> {
  const period = periodsAs(month, def.periodType)[0] ?? month;
  const before = previousPeriod(period) ?? null;
  const peers = ctx.units.peers(group).filter((code) => {
    const kind = ctx.units.get(code)?.kind;
    return kind !== undefined && def.appliesTo.includes(kind);
  });
  if (peers.length === 0) return { indicator: def.code, period, previousPeriod: before, rows: [] };
  const shown = (before ? [period, before] : [period]).filter(reader.visible);
  const rows = await readCells(trx, reader.source, { indicators: [def.code], units: peers, periods: shown });
  const now = new Map(rows.filter((r) => r.period === period).map((r) => [r.unit, r.value]));
  const was = new Map(rows.filter((r) => r.period === before).map((r) => [r.unit, r.value]));
  const targets = await readTargets(trx, reader.source, [def.code], peers, [period]);
  const sign = def.direction === 'higher' ? 1 : -1;
  const ranks = rankScores(peers.flatMap((unit) => {
    const value = now.get(unit);
    return value === undefined || value === null ? [] : [{ unit, score: sign * value }];
  }));
  const out = peers.map((code): StandingRow => {
    const unit = ctx.units.get(code);
    const value = now.get(code) ?? null;
    const target = targets.resolve(def, code, period) ?? null;
    const ratio = target === null || value === null ? null : achievement(def, value, target);
    return {
      unit: { code, name: unit?.name ?? code, nameEn: unit?.nameEn ?? unit?.name ?? code, kind: unit?.kind ?? '' },
      value, previous: was.get(code) ?? null, target,
      achievement: ratio === null ? null : Math.round(ratio * 10000) / 100,
      band: ratio === null ? null : indicatorBand(def, ratio),
      rank: ranks.get(code) ?? null,
    };
  });
  out.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.code.localeCompare(b.unit.code));
  return { indicator: def.code, period, previousPeriod: before, rows: out };
}
