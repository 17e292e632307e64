import { copyFileSync, existsSync, rmSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import type { Catalogue } from '../src/indicators/catalogue.ts';
import type { EventRow, Workload } from './workload.ts';

type Attr = string | number | boolean;

export interface CeilingResult {
  events: number;
  /** Time spent inside the insert statements and the commit; generating the rows is not counted. */
  insertMs: number;
  eventsPerSecond: number;
}

const CHUNK = 50_000;

/**
 * The ceiling: the same rows straight into the `events` table of a fresh copy of the same database (same schema,
 * WAL, synchronous=FULL), one prepared statement, one transaction; no HTTP, no validation, no aggregates. One row a
 * statement as the issue states it, or `rowsPerStatement` rows a statement, as ingest itself stores events since
 * decision 0019 (the rows left over one at a time).
 */
export function measureCeiling(templateFile: string, targetFile: string, workload: Workload, count: number, rowsPerStatement = 1): CeilingResult {
  removeDatabase(targetFile);
  copyFileSync(templateFile, targetFile);
  const db = new Sqlite(targetFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536');
    const batch = db.prepare("INSERT INTO batches (kind, actor, source, received_at, row_count) VALUES ('events', 'bench', 'ceiling', ?, ?)");
    const insert = db.prepare('INSERT INTO events (id, type, unit_code, time, attributes, batch_id) VALUES (?, ?, ?, ?, ?, ?)');
    const many = db.prepare(`INSERT INTO events (id, type, unit_code, time, attributes, batch_id) VALUES ${Array.from({ length: rowsPerStatement }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`);
    const params = new Array<unknown>(6 * rowsPerStatement);
    const rows: EventRow[] = [];
    let insertMs = 0;
    let started = performance.now();
    db.exec('BEGIN');
    const batchId = Number(batch.run(new Date().toISOString(), count).lastInsertRowid);
    insertMs += performance.now() - started;
    for (let from = 0; from < count; from += CHUNK) {
      rows.length = 0;
      workload.forEachRow(from, Math.min(CHUNK, count - from), (r) => rows.push({ ...r }));
      started = performance.now();
      let i = 0;
      if (rowsPerStatement > 1) {
        for (; i + rowsPerStatement <= rows.length; i += rowsPerStatement) {
          for (let j = 0; j < rowsPerStatement; j++) {
            const r = rows[i + j] as EventRow;
            params[6 * j] = r.id;
            params[6 * j + 1] = r.type;
            params[6 * j + 2] = r.unit;
            params[6 * j + 3] = r.time;
            params[6 * j + 4] = r.attributes;
            params[6 * j + 5] = batchId;
          }
          many.run(params);
        }
      }
      for (; i < rows.length; i++) {
        const r = rows[i] as EventRow;
        insert.run(r.id, r.type, r.unit, r.time, r.attributes, batchId);
      }
      insertMs += performance.now() - started;
    }
    started = performance.now();
    db.exec('COMMIT');
    insertMs += performance.now() - started;
    return { events: count, insertMs, eventsPerSecond: (count * 1_000) / insertMs };
  } finally {
    db.close();
    removeDatabase(targetFile);
  }
}

export function removeDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
}

export interface GroupByQuery {
  sql: string;
  params: (string | number)[];
}

/**
 * What users would do instead: keep only the raw events and compute, at query time, every event indicator of the
 * catalogue for each province over one month — one GROUP BY over `events` joined to the communes' provinces.
 * Built from the catalogue's rules; values and JSON paths are bound, never spliced into the text.
 */
export function groupByScorecard(catalogue: Catalogue, monthStart: string, monthEnd: string): GroupByQuery {
  const columns: string[] = [];
  const params: (string | number)[] = [];
  for (const def of catalogue.all()) {
    const rule = def.event;
    if (def.kind !== 'event' || !rule || !def.appliesTo.includes('province')) continue;
    const conditions = ['e.type = ?'];
    params.push(rule.type);
    for (const [key, expected] of Object.entries(rule.filter ?? {})) {
      const values = (Array.isArray(expected) ? expected : [expected]).map(sqlValue);
      conditions.push(`json_extract(e.attributes, ?) IN (${values.map(() => '?').join(', ')})`);
      params.push(`$.${key}`, ...values);
    }
    const when = conditions.join(' AND ');
    if (rule.aggregate === 'count') {
      columns.push(`SUM(CASE WHEN ${when} THEN 1 ELSE 0 END)`);
    } else {
      columns.push(rule.aggregate === 'sum' ? `SUM(CASE WHEN ${when} THEN json_extract(e.attributes, ?) END)` : `COUNT(DISTINCT CASE WHEN ${when} THEN json_extract(e.attributes, ?) END)`);
      params.push(`$.${rule.field ?? ''}`);
    }
  }
  const select = columns.map((c, i) => `${c} AS v${i}`).join(',\n  ');
  const sql = `SELECT p.code AS province,\n  ${select}
FROM events e
JOIN units c ON c.code = e.unit_code
JOIN units p ON p.code = c.parent_code AND p.kind = 'province'
WHERE e.time >= ? AND e.time < ?
GROUP BY p.code`;
  return { sql, params: [...params, monthStart, monthEnd] };
}

/** json_extract gives 1 and 0 for JSON true and false. */
const sqlValue = (v: Attr): string | number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export interface GroupByTiming {
  samples: number[];
  rows: number;
}

/** Runs the query one after another on a read-only connection: `samples` times, or fewer (3 at least) past `budgetMs`. */
export function timeGroupBy(dbFile: string, query: GroupByQuery, samples: number, budgetMs: number): GroupByTiming {
  const db = new Sqlite(dbFile, { readonly: true });
  try {
    db.pragma('cache_size = -65536');
    const statement = db.prepare(query.sql);
    const times: number[] = [];
    let rows = 0;
    const deadline = performance.now() + budgetMs;
    while (times.length < samples && (times.length < 3 || performance.now() < deadline)) {
      const started = performance.now();
      rows = statement.all(...query.params).length;
      times.push(performance.now() - started);
    }
    return { samples: times, rows };
  } finally {
    db.close();
  }
}

/** The current month in Vietnam time (UTC+7) as the ISO bounds events are stored with. */
export function currentMonthBounds(now: Date): { month: string; start: string; end: string } {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  const y = vn.getUTCFullYear();
  const m = vn.getUTCMonth();
  const at = (month: number) => new Date(Date.UTC(y, month, 1) - 7 * 3_600_000).toISOString();
  return { month: `${y}-${String(m + 1).padStart(2, '0')}`, start: at(m), end: at(m + 1) };
}
