import { sql, type Kysely } from 'kysely';

/**
 * Event batches are acknowledged once stored and folded into the derived tables just after, in a second transaction
 * (decision 0014). `folded` says whether a batch's events are in the derived tables; a batch left unfolded by a stop
 * between the two is folded when the database is next opened. `events_after` is the last event rowid before the
 * batch's own, so that its events are found without an index on `batch_id`. Batches stored before this migration
 * were folded with their events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('batches').addColumn('folded', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('batches').addColumn('events_after', 'integer').execute();
  await db.schema.createIndex('batches_unfolded').on('batches').column('folded').where(sql.ref('folded'), '=', 0).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('batches_unfolded').execute();
  await db.schema.alterTable('batches').dropColumn('events_after').execute();
  await db.schema.alterTable('batches').dropColumn('folded').execute();
}
