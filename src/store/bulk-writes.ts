import type SqliteDatabase from 'better-sqlite3';
import type { KpiValueTable, ScoreTable } from './schema.ts';
import { idAt, textAt, typeAt, unitAt, type EventColumns } from './event-columns.ts';

/** Keys of one distinct-count cell (indicator, unit, period). */
export interface DistinctKeys {
  readonly indicator: string;
  readonly unit: string;
  readonly period: string;
  readonly keys: readonly string[];
}
export type EventPageRow = [position: number, type: string, unit_code: string, time: string, attributes: string, batch_id: number];

/**
 * The hot writes of ingest and propagation, row by row through statements prepared once. Query builders spend more
 * time building multi-row INSERTs than the database spends running them; this port keeps that cost out of the path
 * a nation's stream takes. Runs inside the caller's open transaction (same connection). A PostgreSQL engine would
 * implement it with COPY or `unnest` arrays.
 */
export interface BulkWrites {
  /**
   * Inserts a batch's events (given in columns) whose id is new, under that batch; returns the ids that were already
   * stored (nothing written for them).
   */
  insertEvents(batchId: number, events: EventColumns): Promise<string[]>;
  /** Stored content of events by id, to tell a resent event from a conflicting one. */
  storedEvents(ids: readonly string[]): Promise<Map<string, { type: string; unit_code: string; time: string; attributes: string }>>;
  /** Inserts distinct keys, cell by cell; returns how many of each cell's keys were new. */
  insertDistinct(cells: readonly DistinctKeys[]): Promise<number[]>;
  /** Of each cell's keys, those not stored yet (nothing written): for a change worked out before it is written. */
  unseenDistinct(cells: readonly DistinctKeys[]): Promise<string[][]>;
  upsertKpiCells(rows: readonly KpiValueTable[]): Promise<void>;
  upsertScores(rows: readonly ScoreTable[]): Promise<void>;
  /**
   * Stored events after a position, in storage order, as `[position, type, unit_code, time, attributes, batch_id]`
   * rows; pass the last row's position to get the next page. For scans of every event (`nhipso recompute`) and of
   * the batches a stop left unfolded.
   */
  eventPage(after: number, limit: number): Promise<EventPageRow[]>;
  /** The position of the last stored event (0 when there is none). */
  lastEventPosition(): number;
  /** The units an audit record touches, one row each (a batch can name thousands). */
  insertAuditUnits(seq: number, units: readonly string[]): Promise<void>;
  /** A number that changes whenever another connection commits to the database (never for this one's commits). */
  dataVersion(): number;
}

/** Every stored event after a position, page by page, in storage order (see `BulkWrites.eventPage`). */
export async function* eventPages(bulk: Pick<BulkWrites, 'eventPage'>, after = 0, size = 50_000): AsyncGenerator<EventPageRow[]> {
  for (let page = await bulk.eventPage(after, size); page.length > 0; page = await bulk.eventPage(after, size)) {
    yield page;
    after = (page[page.length - 1] as EventPageRow)[0];
  }
}

export function sqliteBulkWrites(sqlite: SqliteDatabase.Database): BulkWrites {
  // Prepared on first use: the tables exist only once the migrations have run.
  const lazy = (text: string) => {
    let statement: SqliteDatabase.Statement | undefined;
    return () => (statement ??= sqlite.prepare(text));
  };
  const insertEvent = lazy('INSERT INTO events (id, type, unit_code, time, attributes, batch_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
  const selectEvent = lazy('SELECT type, unit_code, time, attributes FROM events WHERE id = ?');
  const selectKey = lazy('SELECT 1 FROM event_distinct WHERE indicator_code = ? AND unit_code = ? AND period = ? AND key = ?');
  const insertKey = lazy('INSERT INTO event_distinct (indicator_code, unit_code, period, key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const upsertCell = lazy(
    `INSERT INTO kpi_values (indicator_code, unit_code, period, value, reported, derived, as_of, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (indicator_code, unit_code, period) DO UPDATE SET value = excluded.value, reported = excluded.reported,
       derived = excluded.derived, as_of = excluded.as_of, updated_at = excluded.updated_at`,
  );
  const upsertScore = lazy(
    `INSERT INTO scores (unit_code, period, peer_group, score, pillars, band, rank, peers, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (unit_code, period) DO UPDATE SET peer_group = excluded.peer_group, score = excluded.score, pillars = excluded.pillars,
       band = excluded.band, rank = excluded.rank, peers = excluded.peers, updated_at = excluded.updated_at`,
  );
  const dataVersion = lazy('PRAGMA data_version');
  const insertAuditUnit = lazy('INSERT INTO audit_units (seq, unit_code) VALUES (?, ?)');
  const eventPage = lazy('SELECT rowid, type, unit_code, time, attributes, batch_id FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const lastEvent = lazy('SELECT coalesce(max(rowid), 0) FROM events');
  return {
    async insertAuditUnits(seq, units) {
      for (const unit of units) insertAuditUnit().run(seq, unit);
    },
    dataVersion: () => dataVersion().pluck().get() as number,
    async eventPage(after, limit) {
      return eventPage().raw(true).all(after, limit) as EventPageRow[];
    },
    lastEventPosition: () => lastEvent().pluck().get() as number,
    async insertEvents(batchId, c) {
      const known: string[] = [];
      const statement = insertEvent();
      for (let i = 0; i < c.count; i++) {
        const id = idAt(c, i);
        if (statement.run(id, typeAt(c, i), unitAt(c, i), textAt(c.times, i), textAt(c.attributes, i), batchId).changes === 0) known.push(id);
      }
      return known;
    },
    async storedEvents(ids) {
      const out = new Map<string, { type: string; unit_code: string; time: string; attributes: string }>();
      for (const id of ids) {
        const row = selectEvent().get(id) as { type: string; unit_code: string; time: string; attributes: string } | undefined;
        if (row) out.set(id, row);
      }
      return out;
    },
    async insertDistinct(cells) {
      const statement = insertKey();
      return cells.map(({ indicator, unit, period, keys }) => {
        let added = 0;
        for (const key of keys) added += statement.run(indicator, unit, period, key).changes;
        return added;
      });
    },
    async unseenDistinct(cells) {
      const statement = selectKey().pluck();
      return cells.map(({ indicator, unit, period, keys }) => keys.filter((key) => statement.get(indicator, unit, period, key) === undefined));
    },
    async upsertKpiCells(rows) {
      for (const r of rows) upsertCell().run(r.indicator_code, r.unit_code, r.period, r.value, r.reported, r.derived, r.as_of, r.updated_at);
    },
    async upsertScores(rows) {
      for (const r of rows) upsertScore().run(r.unit_code, r.period, r.peer_group, r.score, r.pillars, r.band, r.rank, r.peers, r.updated_at);
    },
  };
}
