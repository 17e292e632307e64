import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Db } from '../store/engine.ts';

/**
 * The tables a write can change, each with the columns that do not say what was written: a token's "last used"
 * moves when a refused request merely presents it.
 */
const WATCHED: Partial<Record<keyof Database, readonly string[]>> = {
  batches: [], events: [], reported_values: [], kpi_values: [], scores: [], targets: [], indicators: [],
  directives: [], tasks: [], task_events: [], users: [], api_tokens: ['last_used_at'], audit_log: [],
  published_periods: [], published_scores: [], score_corrections: [], published_kpi_values: [], kpi_corrections: [],
};

export type Fingerprint = Record<string, { rows: number; sha256: string }>;

/** Row count and a hash of the content of every watched table: equal fingerprints mean nothing was written. */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const out: Fingerprint = {};
  for (const [table, ignored] of Object.entries(WATCHED)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid`.execute(db);
    const hash = createHash('sha256');
    for (const row of rows) hash.update(JSON.stringify(Object.entries(row).filter(([column]) => !ignored.includes(column))));
    out[table] = { rows: rows.length, sha256: hash.digest('hex') };
  }
  return out;
}

/** Rows in one table, for ledgers that count what was accepted. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return rows[0]?.n ?? 0;
}
