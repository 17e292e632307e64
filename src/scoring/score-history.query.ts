import type { Trx } from '../kpi/kpi-context.ts';
import type { Band } from './score.ts';
import type { ScoreTableName } from './scorecard.query.ts';

export interface ScorePoint {
  period: string;
  score: number;
  pillars: Record<string, number>;
  band: Band;
  /** null: covered too little to be ranked (decision 0028). */
  rank: number | null;
  peers: number;
  coverage: number;
  reported: number;
  expected: number | null;
}

/** A unit's index, pillar scores and rank for the given months, oldest first; months without a score are left out. */
export async function getScoreHistory(trx: Trx, unit: string, months: readonly string[], table: ScoreTableName = 'scores'): Promise<ScorePoint[]> {
  if (months.length === 0) return [];
  const rows = await trx
    .selectFrom(table)
    .select(['period', 'score', 'pillars', 'band', 'rank', 'peers', 'coverage', 'indicators_reported', 'indicators_expected'])
    .where('unit_code', '=', unit)
    .where('period', 'in', [...months])
    .orderBy('period')
    .execute();
  return rows.map(({ indicators_reported: reported, indicators_expected: expected, ...r }) => ({
    ...r, rank: r.rank || null, band: r.band as Band, pillars: JSON.parse(r.pillars) as Record<string, number>, reported, expected: expected || null,
  }));
}
