import { previousPeriod } from '../periods/period.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { BAND_LABELS, type Band } from './score.ts';

export type ScorecardLevel = 'province' | 'ministry' | 'commune';

/** Where scores are read from: the live ones, or those frozen when their month was published (same columns). */
export type ScoreTableName = 'scores' | 'published_scores';

export interface ScorecardRow {
  unit: { code: string; name: string; nameEn: string; kind: string };
  score: number | null;
  pillars: Record<string, number>;
  band: Band | null;
  bandLabel: string | null;
  /** null when not scored, or covered too little to be ranked (decision 0028). */
  rank: number | null;
  peers: number;
  /** Share (0–1) of the index weight reported; 0 when nothing was. */
  coverage: number;
  /** Scored indicators reported, of those expected: "đủ 7/12 chỉ tiêu". */
  reported: number;
  expected: number | null;
  previousScore: number | null;
  previousRank: number | null;
  change: number | null;
  rankChange: number | null;
}

export function peerGroupOf(level: ScorecardLevel, parent?: string): string {
  return level === 'commune' ? `commune:${parent ?? ''}` : level;
}

/** Every unit of a peer group for a month: index, pillar scores, rank, band, and the change since the month before. */
export async function getScorecard(trx: Trx, ctx: KpiContext, group: string, month: string, table: ScoreTableName = 'scores'): Promise<ScorecardRow[]> {
  const prev = previousPeriod(month) ?? month;
  const rows = await trx
    .selectFrom(table)
    .select(['unit_code', 'period', 'score', 'pillars', 'band', 'rank', 'peers', 'coverage', 'indicators_reported', 'indicators_expected'])
    .where('peer_group', '=', group)
    .where('period', 'in', [month, prev])
    .execute();
  const current = new Map(rows.filter((r) => r.period === month).map((r) => [r.unit_code, r]));
  const before = new Map(rows.filter((r) => r.period === prev).map((r) => [r.unit_code, r]));
  const peers = ctx.units.peers(group);
  const rankedPeers = [...current.values()].find((r) => r.rank > 0)?.peers ?? 0;
  const out = peers.map((code): ScorecardRow => {
    const unit = ctx.units.get(code);
    const now = current.get(code);
    const was = before.get(code);
    return {
      unit: { code, name: unit?.name ?? code, nameEn: unit?.nameEn ?? unit?.name ?? code, kind: unit?.kind ?? '' },
      score: now?.score ?? null,
      pillars: now ? (JSON.parse(now.pillars) as Record<string, number>) : {},
      band: (now?.band as Band | undefined) ?? null,
      bandLabel: now ? BAND_LABELS[now.band as Band]?.vi ?? null : null,
      rank: now?.rank || null,
      peers: now?.peers ?? rankedPeers,
      coverage: now?.coverage ?? 0,
      reported: now?.indicators_reported ?? 0,
      expected: now?.indicators_expected || null,
      previousScore: was?.score ?? null,
      previousRank: was?.rank || null,
      change: now && was ? Math.round((now.score - was.score) * 100) / 100 : null,
      rankChange: now?.rank && was?.rank ? was.rank - now.rank : null,
    };
  });
  return out.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.code.localeCompare(b.unit.code));
}

/** One unit's score for a month, or null. */
export async function getUnitScore(trx: Trx, unit: string, month: string, table: ScoreTableName = 'scores') {
  const row = await trx.selectFrom(table)
    .select(['unit_code', 'period', 'peer_group', 'score', 'pillars', 'band', 'rank', 'peers', 'coverage', 'indicators_reported', 'indicators_expected', 'updated_at'])
    .where('unit_code', '=', unit).where('period', '=', month).executeTakeFirst();
  if (!row) return null;
  const { indicators_reported: reported, indicators_expected: expected, ...rest } = row;
  return { ...rest, rank: row.rank || null, pillars: JSON.parse(row.pillars) as Record<string, number>, reported, expected: expected || null };
}
