import type { Kysely } from 'kysely';

/**
 * A score is computed over the indicators a unit reported (decision 0028): beside it, the share of the index weight
 * reported and how many scored indicators were reported of how many expected. Rows written before this migration
 * read as fully covered until `nhipso recompute` rebuilds them; published rows stay as they were published.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['scores', 'published_scores']) {
    await db.schema.alterTable(table).addColumn('coverage', 'real', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable(table).addColumn('indicators_reported', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable(table).addColumn('indicators_expected', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['scores', 'published_scores']) {
    for (const column of ['indicators_expected', 'indicators_reported', 'coverage']) await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
