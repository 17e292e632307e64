import type { Kysely } from 'kysely';

/**
 * Ranks move on almost every batch (a commune's new score reorders its province's communes); an index holding the
 * rank was rewritten for each moved row. Readers take a peer group's rows (≤ 3,321) and sort them in memory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('scores_group').execute();
  await db.schema.createIndex('scores_group').on('scores').columns(['period', 'peer_group']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('scores_group').execute();
  await db.schema.createIndex('scores_group').on('scores').columns(['period', 'peer_group', 'rank']).execute();
}
