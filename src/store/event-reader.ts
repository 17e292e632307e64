import SqliteDatabase from 'better-sqlite3';
import type { BulkWrites, EventPageRow } from './bulk-writes.ts';

/** Where another thread can open the stored events to read them: plain data, so it crosses to a worker thread. */
export interface EventSource {
  readonly engine: 'sqlite';
  readonly file: string;
}

/**
 * A read-only view of the stored events up to a position, on its own connection, as of when its first page was read;
 * paged as `BulkWrites.eventPage` is, so `eventPages` walks it.
 */
export interface EventReader extends Pick<BulkWrites, 'eventPage'> {
  close(): void;
}

/**
 * Opens a read-only connection for a worker thread, seeing the events up to position `upTo`. Every page is read in
 * one read transaction, so a scan sees one state of the file however long it takes (a writer meanwhile commits past
 * it, unseen).
 */
export function openEventReader(source: EventSource, upTo: number): EventReader {
  const sqlite = new SqliteDatabase(source.file, { readonly: true, fileMustExist: true });
  const statement = sqlite.prepare('SELECT rowid, type, unit_code, time, attributes, batch_id FROM events WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?').raw(true);
  sqlite.exec('BEGIN');
  return {
    eventPage: async (after, limit) => statement.all(after, upTo, limit) as EventPageRow[],
    close() {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
    },
  };
}
