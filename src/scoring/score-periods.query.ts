import type { Trx } from '../kpi/kpi-context.ts';

/** Every month that holds at least one score, newest first. */
export async function listScoredMonths(trx: Trx): Promise<string[]> {
  const rows = await trx.selectFrom('scores').select('period').distinct().orderBy('period', 'desc').execute();
  return rows.map((r) => r.period);
}
