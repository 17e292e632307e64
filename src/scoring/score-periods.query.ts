import type { Trx } from '../kpi/kpi-context.ts';

/**
 * Every month within `months` that holds at least one score, newest first: scores of data stored before the accepted
 * window was enforced (a month of 2099, of year 1) do not move the dashboard's month picker. The list starts where
 * data starts: at the first month holding a value of its own, not at a month scored only by a figure of its quarter
 * or year (last year's national figures score every month of last year).
 */
export async function listScoredMonths(trx: Trx, months: { first: string; last: string }): Promise<string[]> {
  const rows = await trx.selectFrom('scores').select('period').distinct()
    .where('period', '>=', months.first).where('period', '<=', months.last).orderBy('period', 'desc').execute();
  const scored = rows.map((r) => r.period);
  for (let oldest = scored.length - 1; oldest >= 0; oldest--) {
    if (await holdsOwnValue(trx, scored[oldest] ?? '')) return scored.slice(0, oldest + 1);
  }
  return [];
}

const holdsOwnValue = async (trx: Trx, month: string) =>
  (await trx.selectFrom('kpi_values').select('period').where('period', '=', month).where('value', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
