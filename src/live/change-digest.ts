import type { ChangeSet } from '../kpi/apply-changes.ts';
import type { UnitTree } from '../units/unit-tree.ts';

/** What a large change is reduced to for the stream: how much changed, and where. */
export interface ChangeDigest {
  /** KPI cells and scores the commit changed, in all. */
  kpis: number;
  scores: number;
  /** Every unit with a changed cell or score, sorted. */
  units: string[];
}

/** Beyond this many cells and scores, a change goes out as a digest. */
export const DIGEST_FROM = 1_000;

/**
 * A commit of a national stream can change tens of thousands of cells; sent whole to every open dashboard it would be
 * megabytes per commit on a phone's link. Dashboards only use a change to decide what to reload, so a large change
 * keeps the Nation's cells and the scores of the Nation, ministries and provinces (every indicator that moved anywhere
 * moved at the Nation), and lists the units touched instead of every commune's cells.
 */
export function compactChanges(changes: ChangeSet, units: UnitTree, limit = DIGEST_FROM): ChangeSet & { digest?: ChangeDigest } {
  if (changes.kpis.length + changes.scores.length <= limit) return changes;
  const touched = new Set<string>();
  for (const k of changes.kpis) touched.add(k.unit);
  for (const s of changes.scores) touched.add(s.unit);
  const top = (unit: string) => units.depth(unit) <= 1;
  return {
    kpis: changes.kpis.filter((k) => units.depth(k.unit) === 0),
    scores: changes.scores.filter((s) => top(s.unit)),
    tasks: changes.tasks,
    ...(changes.batches ? { batches: changes.batches } : {}),
    digest: { kpis: changes.kpis.length, scores: changes.scores.length, units: [...touched].sort() },
  };
}
