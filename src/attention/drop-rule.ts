import type { Band } from '../scoring/score.ts';

/** Best first: a unit "drops a band" when it moves right in this list. */
const BAND_ORDER: readonly Band[] = ['tot', 'kha', 'trung_binh', 'yeu'];

/**
 * "Several ranks" grows with the peer group: among 34 provinces 4 places is a real fall, among a hundred communes of
 * a province it is noise. A tenth of the group, at least 3 (decision 0029).
 */
export function ranksWorthNoting(peers: number): number {
  return Math.max(3, Math.ceil(peers / 10));
}

export interface Standing { band: Band; rank: number; peers: number }

export function droppedBand(before: Standing, now: Standing): boolean {
  return BAND_ORDER.indexOf(now.band) > BAND_ORDER.indexOf(before.band);
}

/**
 * Places lost between two months. A unit covered too little to be ranked has rank 0 (decision 0028): a unit ranked
 * for the first time, or no longer ranked, has no places to compare and has lost none.
 */
export function ranksLost(before: Standing, now: Standing): number {
  if (before.rank <= 0 || now.rank <= 0) return 0;
  return Math.max(0, now.rank - before.rank);
}

export function isNotableDrop(before: Standing, now: Standing): boolean {
  const lost = ranksLost(before, now);
  return droppedBand(before, now) || (lost > 0 && lost >= ranksWorthNoting(now.peers));
}
