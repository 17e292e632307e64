import type { Kysely } from 'kysely';
import { backfillPublishedKpiValues } from '../../publication/kpi-snapshot.ts';
import type { Database } from '../schema.ts';

/**
 * KPI values as published (decision 0024): what the public reads instead of the live `kpi_values`, `reported_values`
 * and `targets`, one row per indicator, unit and period, and the corrections made to them since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('published_kpi_values')
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('publication', 'varchar(10)', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('origin', 'varchar(16)', (c) => c.notNull())
    .addColumn('as_of', 'varchar(32)')
    .addColumn('target', 'real')
    .addColumn('report_value', 'real')
    .addColumn('report_source', 'text')
    .addColumn('report_evidence', 'text')
    .addColumn('reported_at', 'varchar(32)')
    .addColumn('reporter_unit', 'varchar(32)')
    .addPrimaryKeyConstraint('published_kpi_values_pk', ['period', 'indicator_code', 'unit_code'])
    .execute();
  await db.schema.createIndex('published_kpi_values_unit').on('published_kpi_values').columns(['unit_code', 'period']).execute();

  await db.schema
    .createTable('kpi_corrections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('publication', 'varchar(10)', (c) => c.notNull())
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpi_corrections_publication').on('kpi_corrections').columns(['publication', 'id']).execute();

  // Months published before this table existed showed the public their live values: those are snapshotted now.
  await backfillPublishedKpiValues(db as unknown as Kysely<Database>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kpi_corrections').execute();
  await db.schema.dropTable('published_kpi_values').execute();
}
