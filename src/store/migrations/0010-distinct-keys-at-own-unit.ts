import { sql, type Kysely } from 'kysely';

/**
 * A distinct key was stored at its unit and at each ancestor (commune, province, Nation): three rows, three look-ups
 * and three inserts for most new keys. It is now stored at the units whose own events carried it, and counts at a
 * unit when the unit or a descendant holds it (decision 0020). The rows this drops are those of a unit that a child
 * of it holds too: the old write path put a key at every ancestor, so each such row is covered by its child's, and
 * every unit's set of keys (its own and its descendants') is unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The subquery is worked out once, before the first row goes: a row covered only by one that is itself dropped
  // (a Nation row, through its province's) still goes.
  await sql`DELETE FROM event_distinct WHERE (indicator_code, period, key, unit_code) IN (
    SELECT d.indicator_code, d.period, d.key, u.parent_code
    FROM event_distinct d JOIN units u ON u.code = d.unit_code
    WHERE u.parent_code IS NOT NULL)`.execute(db);
}

/** Puts each key back at every ancestor of the units holding it, a level at a time. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (let level = 0; level < 10; level++) {
    const added = await sql`INSERT INTO event_distinct (indicator_code, unit_code, period, key)
      SELECT d.indicator_code, u.parent_code, d.period, d.key
      FROM event_distinct d JOIN units u ON u.code = d.unit_code
      WHERE u.parent_code IS NOT NULL
      ON CONFLICT DO NOTHING`.execute(db);
    if (Number(added.numAffectedRows ?? 0) === 0) return;
  }
}
