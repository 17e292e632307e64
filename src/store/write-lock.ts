import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/** How long a transaction waits, at most, for another process (a CLI import, a recompute) to let go of the database. */
const WRITE_LOCK_WAIT_MS = 30_000;
/** How long one attempt blocks the event loop (SQLite waits synchronously) before the wait goes on asynchronously. */
const ATTEMPT_MS = 20;
const PAUSE_MS = 25;
/** The connection's busy timeout for single statements outside a transaction (rare in WAL: a checkpoint, a recovery). */
export const STATEMENT_BUSY_MS = 5000;

/**
 * Whether an error says the database was held by another writer: nothing of the failed statement or transaction was
 * stored. A dialect-neutral name for SQLite's SQLITE_BUSY; a PostgreSQL engine will answer it for its lock timeouts.
 */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && error.name === 'SqliteError' && typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * A transaction takes the write lock when it begins (`BEGIN IMMEDIATE`), not at its first write: a deferred
 * transaction that has read and then writes after another process committed fails at once with SQLITE_BUSY (its
 * snapshot is stale, so the busy timeout does not apply), after it may already have done work. Taking the lock
 * first means a transaction either waits for it, or fails before anything is done. The wait is asynchronous (short
 * synchronous attempts, pauses between them) so the server keeps serving while another process writes.
 */
export function writeLockDialect(sqlite: SqliteDatabase.Database): SqliteDialect {
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new WriteLockDriver({ database: sqlite }, sqlite);
    }
  })({ database: sqlite });
}

class WriteLockDriver extends SqliteDriver {
  constructor(config: ConstructorParameters<typeof SqliteDriver>[0], private readonly sqlite: SqliteDatabase.Database) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = performance.now() + WRITE_LOCK_WAIT_MS;
    for (;;) {
      try {
        await this.attempt(connection);
        return;
      } catch (error) {
        if (!isBusy(error) || performance.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }

  private async attempt(connection: DatabaseConnection): Promise<void> {
    this.sqlite.pragma(`busy_timeout = ${ATTEMPT_MS}`);
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } finally {
      this.sqlite.pragma(`busy_timeout = ${STATEMENT_BUSY_MS}`);
    }
  }
}
