import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_totals')
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_totals_pk', ['indicator_code', 'unit_code', 'period'])
    .execute();

  await db.schema
    .createTable('event_distinct')
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_distinct_pk', ['indicator_code', 'unit_code', 'period', 'key'])
    .execute();

  await db.schema
    .createTable('kpi_values')
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('reported', 'real')
    .addColumn('derived', 'real')
    .addColumn('as_of', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_values_pk', ['indicator_code', 'unit_code', 'period'])
    .execute();
  await db.schema.createIndex('kpi_values_unit').on('kpi_values').columns(['unit_code', 'period']).execute();
  await db.schema.createIndex('kpi_values_period').on('kpi_values').columns(['period', 'indicator_code']).execute();

  await db.schema
    .createTable('scores')
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('peer_group', 'varchar(48)', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('pillars', 'text', (c) => c.notNull())
    .addColumn('band', 'varchar(16)', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('peers', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('scores_pk', ['unit_code', 'period'])
    .execute();
  await db.schema.createIndex('scores_group').on('scores').columns(['period', 'peer_group', 'rank']).execute();

  await db.schema
    .createTable('changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['changes', 'scores', 'kpi_values', 'event_distinct', 'event_totals']) {
    await db.schema.dropTable(table).execute();
  }
}
