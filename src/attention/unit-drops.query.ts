import type { Trx } from '../kpi/kpi-context.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { previousPeriod } from '../periods/period.ts';
import type { Band } from '../scoring/score.ts';
import type { ScoreTableName } from '../scoring/scorecard.query.ts';
import { droppedBand, isNotableDrop, ranksLost } from './drop-rule.ts';
import type { UnitDrop } from './attention.schema.ts';

/**
 * Units of the peer groups that fell a band or several ranks from the month before to `month`, band falls first,
 * then the longest falls. A unit without a score in either month has nothing to compare and is left out.
 */
export async function listUnitDrops(trx: Trx, units: UnitTree, groups: readonly string[], month: string, table: ScoreTableName): Promise<UnitDrop[]> {
  const before = previousPeriod(month);
  if (groups.length === 0 || !before) return [];
  const rows = await trx
    .selectFrom(table)
    .select(['unit_code', 'period', 'score', 'band', 'rank', 'peers'])
    .where('peer_group', 'in', [...groups])
    .where('period', 'in', [month, before])
    .execute();
  const was = new Map(rows.filter((r) => r.period === before).map((r) => [r.unit_code, r]));
  const drops: UnitDrop[] = [];
  for (const row of rows) {
    const old = was.get(row.unit_code);
    if (row.period !== month || !old) continue;
    const now = { band: row.band as Band, rank: row.rank, peers: row.peers };
    const then = { band: old.band as Band, rank: old.rank, peers: old.peers };
    if (!isNotableDrop(then, now)) continue;
    const unit = units.get(row.unit_code);
    drops.push({
      unit: { code: row.unit_code, name: unit?.name ?? row.unit_code, nameEn: unit?.nameEn ?? unit?.name ?? row.unit_code, kind: unit?.kind ?? '' },
      score: row.score, previousScore: old.score, band: now.band, previousBand: then.band, rank: now.rank, previousRank: then.rank,
      peers: now.peers, bandDropped: droppedBand(then, now), ranksLost: ranksLost(then, now),
    });
  }
  return drops.sort((a, b) => Number(b.bandDropped) - Number(a.bandDropped) || b.ranksLost - a.ranksLost || a.unit.code.localeCompare(b.unit.code));
}
