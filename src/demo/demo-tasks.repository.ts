import type { Db } from '../store/engine.ts';
import type { UnitRow } from '../store/schema.ts';
import { chunked } from '../store/chunked.ts';

/** Which of these directive numbers the database already holds. */
export async function existingDirectives(db: Db, numbers: string[]): Promise<string[]> {
  const rows = await db.selectFrom('directives').select('number').where('number', 'in', numbers).execute();
  return rows.map((r) => r.number);
}

export async function unitRows(db: Db, codes: Iterable<string>): Promise<Map<string, UnitRow>> {
  const out = new Map<string, UnitRow>();
  for (const chunk of chunked([...new Set(codes)], 500)) {
    for (const row of await db.selectFrom('units').selectAll().where('code', 'in', chunk).execute()) out.set(row.code, row);
  }
  return out;
}

/** Tasks of the given directives per status. */
export async function statusCounts(db: Db, directiveIds: number[]): Promise<Map<string, number>> {
  if (directiveIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tasks')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('directive_id', 'in', directiveIds)
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
