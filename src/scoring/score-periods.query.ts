import type { Trx } from '../kpi/kpi-context.ts';

/**
 * Every month within `months` that holds at least one score, newest first: scores of data stored before the accepted
 * window was enforced (a month of 2099, of year 1) do not move the dashboard's month picker.
 */
export async function listScoredMonths(trx: Trx, months: { first: string; last: string }): Promise<string[]> {
  const rows = await trx.selectFrom('scores').select('period').distinct()
    .where('period', '>=', months.first).where('period', '<=', months.last).orderBy('period', 'desc').execute();
  return rows.map((r) => r.period);
}
