import SqliteDatabase from 'better-sqlite3';
import type { EventPageRow } from './bulk-writes.ts';

/** Where another thread can open the stored events to read them: plain data, so it crosses to a worker thread. */
export interface EventSource {
  readonly engine: 'sqlite';
  readonly file: string;
}

/** A read-only view of the stored events, on its own connection, as of when its first page was read. */
export interface EventReader {
  /** Events after position `after` and up to `upTo`, in storage order, at most `limit` (see `BulkWrites.eventPage`). */
  page(after: number, upTo: number, limit: number): EventPageRow[];
  close(): void;
}

/**
 * Opens a read-only connection for a worker thread. Every page is read in one read transaction, so a scan sees one
 * state of the file however long it takes (a writer meanwhile commits past it, unseen).
 */
export function openEventReader(source: EventSource): EventReader {
  const sqlite = new SqliteDatabase(source.file, { readonly: true, fileMustExist: true });
  const statement = sqlite.prepare('SELECT rowid, type, unit_code, time, attributes, batch_id FROM events WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?').raw(true);
  sqlite.exec('BEGIN');
  return {
    page: (after, upTo, limit) => statement.all(after, upTo, limit) as EventPageRow[],
    close() {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
    },
  };
}
