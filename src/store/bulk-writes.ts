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
/** A distinct key of an indicator in a period, whatever unit holds it. */
export interface DistinctKeyRef {
  readonly indicator: string;
  readonly period: string;
  readonly key: string;
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
  /** Inserts distinct keys known to be new (`planDistinct`), many rows a statement; returns how many were new. */
  insertNewDistinct(cells: readonly DistinctKeys[]): Promise<number>;
  /** For each key of an indicator and period, the units already holding it (usually none). */
  storedKeyUnits(keys: readonly DistinctKeyRef[]): Promise<string[][]>;
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

/**
 * Rows per multi-row statement. Inserting 64 rows with one statement instead of one at a time halves the calls into
 * SQLite and the restarts of its program: 1.35–1.6× the rows per second, measured on the events table (decision 0019).
 * 64 rows of nine columns stay far below SQLite's limit on bound values (32,766).
 */
export const ROWS_PER_STATEMENT = 64;

/** A statement for `ROWS_PER_STATEMENT` rows and its one-row form for what is left over, `width` values a row. */
interface ChunkStatements {
  many(): SqliteDatabase.Statement;
  one(): SqliteDatabase.Statement;
  readonly width: number;
}

/** A multi-row INSERT (see `ChunkStatements`) and its columns. */
interface RowStatements<C extends string = string> extends ChunkStatements {
  readonly columns: readonly C[];
}

/**
 * Passes `count` rows through the statements, `ROWS_PER_STATEMENT` at a time and then one by one: `fill` puts row
 * `row`'s values into `params` from `at`, and `exec` runs a statement on rows `first` to `first + rows - 1`. The
 * one-row form is prepared only when rows are left over.
 */
function inChunks(
  s: ChunkStatements,
  count: number,
  fill: (params: unknown[], at: number, row: number) => void,
  exec: (statement: SqliteDatabase.Statement, params: unknown[], first: number, rows: number) => void,
): void {
  let i = 0;
  for (const [statement, size] of [[s.many, ROWS_PER_STATEMENT], [s.one, 1]] as const) {
    if (count - i < size) continue;
    const prepared = statement();
    const params = new Array<unknown>(s.width * size);
    for (; i + size <= count; i += size) {
      for (let j = 0; j < size; j++) fill(params, j * s.width, i + j);
      exec(prepared, params, i, size);
    }
  }
}

/** Runs rows through INSERT statements (`inChunks`); `ran` (if given) learns how many rows each run changed. */
function runInRows(s: RowStatements, count: number, fill: (params: unknown[], at: number, row: number) => void, ran?: (changes: number, first: number, rows: number) => void): void {
  inChunks(s, count, fill, (statement, params, first, rows) => {
    const { changes } = statement.run(params);
    ran?.(changes, first, rows);
  });
}

/** The keys of several cells as one list of rows: row i is key `key[i]` of cell `cell[i]`. */
function keyRows(cells: readonly DistinctKeys[]): { count: number; cell: Uint32Array; key: string[] } {
  const key: string[] = [];
  for (const c of cells) for (const k of c.keys) key.push(k);
  const cell = new Uint32Array(key.length);
  let r = 0;
  cells.forEach((c, i) => {
    cell.fill(i, r, r + c.keys.length);
    r += c.keys.length;
  });
  return { count: key.length, cell, key };
}

export function sqliteBulkWrites(sqlite: SqliteDatabase.Database): BulkWrites {
  // Prepared on first use: the tables exist only once the migrations have run.
  const lazy = (text: string) => {
    let statement: SqliteDatabase.Statement | undefined;
    return () => (statement ??= sqlite.prepare(text));
  };
  /** `INSERT INTO table (columns) VALUES (?, …), … <tail>`, for one row and for `ROWS_PER_STATEMENT`. */
  const rowStatements = <C extends string>(table: string, columns: readonly C[], tail = ''): RowStatements<C> => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const text = (rows: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')} ${tail}`;
    return { many: lazy(text(ROWS_PER_STATEMENT)), one: lazy(text(1)), width: columns.length, columns };
  };
  /** Runs rows given as objects with a field for each of the statements' columns (a table's row type). */
  const runObjects = <C extends string>(s: RowStatements<C>, rows: readonly Record<C, unknown>[]) => {
    const { columns } = s;
    runInRows(s, rows.length, (p, at, i) => {
      const r = rows[i] as Record<C, unknown>;
      for (let k = 0; k < columns.length; k++) p[at + k] = r[columns[k] as C];
    });
  };
  const insertEvent = rowStatements('events', ['id', 'type', 'unit_code', 'time', 'attributes', 'batch_id'], 'ON CONFLICT (id) DO NOTHING');
  const storedBatchOf = lazy('SELECT batch_id FROM events WHERE id = ?');
  const selectEvent = lazy('SELECT type, unit_code, time, attributes FROM events WHERE id = ?');
  const insertKey = rowStatements('event_distinct', ['indicator_code', 'unit_code', 'period', 'key'], 'ON CONFLICT DO NOTHING');
  /** Of keys given as (row number, indicator, period, key), the row numbers with the units holding them. */
  const keyUnitsOf = (rows: number) =>
    lazy(`SELECT v.column1 AS row, d.unit_code AS unit FROM (VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ')}) AS v
      JOIN event_distinct d ON d.indicator_code = v.column2 AND d.period = v.column3 AND d.key = v.column4`);
  const keyUnits: ChunkStatements = { many: keyUnitsOf(ROWS_PER_STATEMENT), one: keyUnitsOf(1), width: 4 };
  const upsertCell = rowStatements(
    'kpi_values',
    ['indicator_code', 'unit_code', 'period', 'value', 'reported', 'derived', 'as_of', 'updated_at'],
    `ON CONFLICT (indicator_code, unit_code, period) DO UPDATE SET value = excluded.value, reported = excluded.reported,
       derived = excluded.derived, as_of = excluded.as_of, updated_at = excluded.updated_at`,
  );
  const upsertScore = rowStatements(
    'scores',
    ['unit_code', 'period', 'peer_group', 'score', 'pillars', 'band', 'rank', 'peers', 'coverage', 'indicators_reported', 'indicators_expected', 'updated_at'],
    `ON CONFLICT (unit_code, period) DO UPDATE SET peer_group = excluded.peer_group, score = excluded.score, pillars = excluded.pillars,
       band = excluded.band, rank = excluded.rank, peers = excluded.peers, coverage = excluded.coverage,
       indicators_reported = excluded.indicators_reported, indicators_expected = excluded.indicators_expected, updated_at = excluded.updated_at`,
  );
  const dataVersion = lazy('PRAGMA data_version');
  const insertAuditUnit = rowStatements('audit_units', ['seq', 'unit_code']);
  const eventPage = lazy('SELECT rowid, type, unit_code, time, attributes, batch_id FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const lastEvent = lazy('SELECT coalesce(max(rowid), 0) FROM events');
  return {
    async insertAuditUnits(seq, units) {
      runInRows(insertAuditUnit, units.length, (p, at, i) => {
        p[at] = seq;
        p[at + 1] = units[i];
      });
    },
    dataVersion: () => dataVersion().pluck().get() as number,
    async eventPage(after, limit) {
      return eventPage().raw(true).all(after, limit) as EventPageRow[];
    },
    lastEventPosition: () => lastEvent().pluck().get() as number,
    async insertEvents(batchId, c) {
      const known: string[] = [];
      runInRows(
        insertEvent,
        c.count,
        (p, at, i) => {
          p[at] = idAt(c, i);
          p[at + 1] = typeAt(c, i);
          p[at + 2] = unitAt(c, i);
          p[at + 3] = textAt(c.times, i);
          p[at + 4] = textAt(c.attributes, i);
          p[at + 5] = batchId;
        },
        (changes, first, rows) => {
          if (changes === rows) return;
          // Some ids of these rows were stored before: they are the ones not stored under this batch (a batch's ids
          // are unique, the parser sees to that).
          for (let i = first; i < first + rows; i++) {
            const id = idAt(c, i);
            if (storedBatchOf().pluck().get(id) !== batchId) known.push(id);
          }
        },
      );
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
    async insertNewDistinct(cells) {
      const rows = keyRows(cells);
      let added = 0;
      runInRows(insertKey, rows.count, (p, at, i) => {
        const cell = cells[rows.cell[i] as number] as DistinctKeys;
        p[at] = cell.indicator;
        p[at + 1] = cell.unit;
        p[at + 2] = cell.period;
        p[at + 3] = rows.key[i];
      }, (changes) => {
        added += changes;
      });
      return added;
    },
    async storedKeyUnits(keys) {
      const out: string[][] = keys.map(() => []);
      inChunks(
        keyUnits,
        keys.length,
        (p, at, i) => {
          const k = keys[i] as DistinctKeyRef;
          p[at] = i;
          p[at + 1] = k.indicator;
          p[at + 2] = k.period;
          p[at + 3] = k.key;
        },
        (statement, params) => {
          for (const { row, unit } of statement.all(params) as { row: number; unit: string }[]) (out[row] as string[]).push(unit);
        },
      );
      return out;
    },
    async upsertKpiCells(rows) {
      runObjects(upsertCell, rows);
    },
    async upsertScores(rows) {
      runObjects(upsertScore, rows);
    },
  };
}
