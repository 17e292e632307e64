import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(128)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('time', 'varchar(32)', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reported_values')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('evidence', 'text')
    .addColumn('reported_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reported_values_key')
    .on('reported_values')
    .columns(['indicator_code', 'unit_code', 'period', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reported_values', 'events', 'batches']) await db.schema.dropTable(table).execute();
}
