import type { Trx } from '../kpi/kpi-context.ts';
import type { ChangeSet } from '../kpi/apply-changes.ts';
import type { ChangeMessage } from './change-bus.ts';
import { compactChanges } from './change-digest.ts';
import type { UnitTree } from '../units/unit-tree.ts';

/** Enough for a client to resume after a restart or a dropped connection; older clients reload. */
const KEEP = 2_000;

/** Appends a change to the feed in the same transaction as the write, so a resumed stream misses nothing. */
export async function appendChange(trx: Trx, kind: string, full: ChangeSet, at: string, units: UnitTree): Promise<ChangeMessage> {
  const changes = compactChanges(full, units);
  const row = await trx
    .insertInto('changes')
    .values({ at, payload: JSON.stringify({ kind, changes }) })
    .returning('seq')
    .executeTakeFirstOrThrow();
  if (row.seq % 100 === 0) await trx.deleteFrom('changes').where('seq', '<=', row.seq - KEEP).execute();
  return { seq: row.seq, at, kind, changes };
}

export async function changesSince(trx: Trx, seq: number, limit = 1000): Promise<ChangeMessage[]> {
  const rows = await trx.selectFrom('changes').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { kind: string; changes: ChangeMessage['changes'] };
    return { seq: r.seq, at: r.at, kind: payload.kind, changes: payload.changes };
  });
}
