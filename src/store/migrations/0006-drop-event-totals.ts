import { sql, type Kysely } from 'kysely';

/**
 * An event indicator's running total is its KPI cell's `derived` value (kept in memory for the periods in play);
 * the separate `event_totals` table held the same numbers a second time and cost a write per cell per batch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_totals').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_totals')
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_totals_pk', ['indicator_code', 'unit_code', 'period'])
    .execute();
  // Filled again from the cells that carry the totals.
  await sql`INSERT INTO event_totals (indicator_code, unit_code, period, total)
    SELECT kv.indicator_code, kv.unit_code, kv.period, kv.derived FROM kpi_values kv JOIN indicators i ON i.code = kv.indicator_code
    WHERE i.kind = 'event' AND kv.derived IS NOT NULL`.execute(db);
}
