import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, type Migration } from 'kysely';
import type { Database } from './schema.ts';
import { sqliteBulkWrites, type BulkWrites } from './bulk-writes.ts';
import type { EventSource } from './event-reader.ts';
import { STATEMENT_BUSY_MS, writeLockDialect } from './write-lock.ts';
import * as createReferenceTables from './migrations/0001-create-reference-tables.ts';
import * as createIngestTables from './migrations/0002-create-ingest-tables.ts';
import * as createKpiTables from './migrations/0003-create-kpi-tables.ts';
import * as createTaskTables from './migrations/0004-create-task-tables.ts';
import * as createTrustTables from './migrations/0005-create-trust-tables.ts';
import * as dropEventTotals from './migrations/0006-drop-event-totals.ts';
import * as scoresGroupWithoutRank from './migrations/0007-scores-group-without-rank.ts';
import * as batchesFolded from './migrations/0008-batches-folded.ts';
import * as eventDistinctByKey from './migrations/0009-event-distinct-by-key.ts';
import * as distinctKeysAtOwnUnit from './migrations/0010-distinct-keys-at-own-unit.ts';
import * as publishedKpiValues from './migrations/0011-published-kpi-values.ts';
import * as scoreCoverage from './migrations/0012-score-coverage.ts';

export type Db = Kysely<Database>;
export { isBusy } from './write-lock.ts';

/** The only engine-specific code: how to open a database. PostgreSQL will be a second implementation of this. */
export interface StoreEngine {
  readonly name: 'sqlite';
  readonly db: Db;
  /** The hot-path writes, through statements prepared once (see bulk-writes.ts). */
  readonly bulk: BulkWrites;
  /** Where other threads can read the stored events from (see event-reader.ts); null for an in-memory database. */
  readonly eventSource: EventSource | null;
  close(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '0001-create-reference-tables': createReferenceTables,
  '0002-create-ingest-tables': createIngestTables,
  '0003-create-kpi-tables': createKpiTables,
  '0004-create-task-tables': createTaskTables,
  '0005-create-trust-tables': createTrustTables,
  '0006-drop-event-totals': dropEventTotals,
  '0007-scores-group-without-rank': scoresGroupWithoutRank,
  '0008-batches-folded': batchesFolded,
  '0009-event-distinct-by-key': eventDistinctByKey,
  '0010-distinct-keys-at-own-unit': distinctKeysAtOwnUnit,
  '0011-published-kpi-values': publishedKpiValues,
  '0012-score-coverage': scoreCoverage,
};

/** Opens (creating if needed) a SQLite file, or `:memory:`, tuned for a single writer with WAL. */
export function openSqlite(file: string): StoreEngine {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a batch is on disk before its response returns, even if the machine loses power.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${STATEMENT_BUSY_MS}`);
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: writeLockDialect(sqlite) });
  const eventSource: EventSource | null = file === ':memory:' || file === '' ? null : { engine: 'sqlite', file: resolve(file) };
  return { name: 'sqlite', db, bulk: sqliteBulkWrites(sqlite), eventSource, close: () => db.destroy() };
}

export async function migrateToLatest(db: Db): Promise<void> {
  await migrateTo(db);
}

/** Brings the schema up or down to the named migration (the latest when none is named): for tests of a migration. */
export async function migrateTo(db: Db, name?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = name === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(name);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration failed: ${failed?.migrationName ?? ''} ${String(error)}`);
}
