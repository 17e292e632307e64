import type { Band } from '../scoring/score.ts';
import type { ScoreRow } from '../store/schema.ts';

/** `scores` and `published_scores` share these columns: publishing and correcting copy rows across unchanged. */
export const SCORE_COLUMNS = ['unit_code', 'period', 'peer_group', 'score', 'pillars', 'band', 'rank', 'peers', 'coverage', 'indicators_reported', 'indicators_expected', 'updated_at'] as const;

/** A published score as readers see it; what a correction records before and after. */
export interface ScoreSnapshot {
  score: number;
  pillars: Record<string, number>;
  band: Band;
  rank: number;
  peers: number;
}

export function snapshotOf(row: Pick<ScoreRow, 'score' | 'pillars' | 'band' | 'rank' | 'peers'>): ScoreSnapshot {
  return { score: row.score, pillars: JSON.parse(row.pillars) as Record<string, number>, band: row.band as Band, rank: row.rank, peers: row.peers };
}

/** Same figures a reader would see; the time a row was written does not count. */
export function sameSnapshot(a: ScoreSnapshot | null, b: ScoreSnapshot | null): boolean {
  return JSON.stringify(a && canonical(a)) === JSON.stringify(b && canonical(b));
}

const canonical = (s: ScoreSnapshot) => [s.score, s.band, s.rank, s.peers, Object.entries(s.pillars).sort(([x], [y]) => x.localeCompare(y))];
