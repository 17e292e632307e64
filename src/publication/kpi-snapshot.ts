import type { Kysely } from 'kysely';
import type { Trx } from '../kpi/kpi-context.ts';
import { enclosingPeriod, monthsOf, parsePeriod } from '../periods/period.ts';
import { chunked } from '../store/chunked.ts';
import type { Database, PublishedKpiValueRow } from '../store/schema.ts';
import { yearWithQuarters } from './public-periods.ts';

/**
 * The KPI values a publication makes public (decision 0024): the month's own periods (its days and itself), and the
 * quarter and year it belongs to, which it shares with the other months of them.
 */
export function periodsPublishedWith(month: string): { own: string[]; shared: string[] } {
  const days = Array.from({ length: 31 }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`).filter((d) => parsePeriod(d) !== undefined);
  const shared = [enclosingPeriod(month, 'quarter'), enclosingPeriod(month, 'year')].flatMap((p) => (p ? [p] : []));
  return { own: [...days, month], shared };
}

/**
 * Copies the KPI values of a month being published (after its `published_periods` row is written): its own periods
 * always, its quarter and year unless a later month of them is already published (their rows then stay as that
 * later publication made them).
 */
export async function publishKpiValues(trx: Trx, month: string): Promise<number> {
  const periods = [...periodsPublishedWith(month).own, ...(await sharedPeriodsLatestAt(trx, month))];
  await trx.deleteFrom('published_kpi_values').where('period', 'in', periods).execute();
  let copied = 0;
  for (const sameYear of byYear(periods)) {
    const result = await trx.insertInto('published_kpi_values').columns([...SNAPSHOT_COLUMNS]).expression(liveCellsQuery(trx, month, sameYear)).executeTakeFirst();
    copied += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return copied;
}

/**
 * The quarter and year of a published month of which it is the latest month published: its publication shows them.
 * So it does every earlier year none of whose months is published, with its quarters, while it is the latest month
 * published (decision 0028): a year's national figures are not left unseen for want of a month of that year.
 */
export async function sharedPeriodsLatestAt(trx: Trx, month: string): Promise<string[]> {
  const out: string[] = [];
  for (const period of periodsPublishedWith(month).shared) {
    if (!(await publishedAfter(trx, month, monthsOf(period)))) out.push(period);
  }
  if (await publishedAfter(trx, month)) return out;
  const oldest = await trx.selectFrom('kpi_values').select((eb) => eb.fn.min('period').as('period')).executeTakeFirst();
  for (let year = Number(oldest?.period?.slice(0, 4) ?? month.slice(0, 4)); year < Number(month.slice(0, 4)); year++) {
    const own = await trx.selectFrom('published_periods').select('period').where('period', 'in', monthsOf(String(year))).executeTakeFirst();
    if (!own) out.push(...yearWithQuarters(year));
  }
  return out;
}

/** A month published after `month`, among the given ones (any, without). */
function publishedAfter(trx: Trx, month: string, among?: string[]) {
  let query = trx.selectFrom('published_periods').select('period').where('period', '>', month);
  if (among) query = query.where('period', 'in', among);
  return query.executeTakeFirst();
}

/** The cells a publication of `month` shows for these periods, as they would be copied now. */
export async function liveCells(trx: Trx, month: string, periods: readonly string[], units?: readonly string[]): Promise<PublishedKpiValueRow[]> {
  const rows: PublishedKpiValueRow[] = [];
  for (const sameYear of byYear(periods)) {
    if (!units) rows.push(...(await liveCellsQuery(trx, month, sameYear).execute()));
    else for (const batch of chunked(units, 400)) rows.push(...(await liveCellsQuery(trx, month, sameYear, batch).execute()));
  }
  return rows;
}

/** Published months in order, each snapshotted as if just published: for databases made before the snapshot existed. */
export async function backfillPublishedKpiValues(db: Kysely<Database>): Promise<void> {
  const months = await db.selectFrom('published_periods').select('period').orderBy('period').execute();
  for (const { period } of months) await publishKpiValues(db, period);
}

const SNAPSHOT_COLUMNS = [
  'indicator_code', 'unit_code', 'period', 'publication', 'value', 'origin', 'as_of', 'target',
  'report_value', 'report_source', 'report_evidence', 'reported_at', 'reporter_unit',
] as const;

/** Periods grouped by their year: a cell's yearly target is its own year's. */
function byYear(periods: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const p of periods) groups.set(p.slice(0, 4), [...(groups.get(p.slice(0, 4)) ?? []), p]);
  return [...groups.values()];
}

/**
 * Each cell of `kpi_values` with its last report (not the account that sent it: the account's unit) and its target
 * (the cell's own, else its year's; the periods given all lie in one year).
 */
function liveCellsQuery(trx: Trx, month: string, periods: readonly string[], units?: readonly string[]) {
  const year = periods[0]?.slice(0, 4) ?? month.slice(0, 4);
  const latest = trx
    .selectFrom('reported_values')
    .select((eb) => ['indicator_code', 'unit_code', 'period', eb.fn.max('id').as('id')])
    .where('period', 'in', [...periods])
    .groupBy(['indicator_code', 'unit_code', 'period']);
  let query = trx
    .selectFrom('kpi_values as kv')
    .leftJoin(latest.as('lr'), (j) => j.onRef('lr.indicator_code', '=', 'kv.indicator_code').onRef('lr.unit_code', '=', 'kv.unit_code').onRef('lr.period', '=', 'kv.period'))
    .leftJoin('reported_values as r', 'r.id', 'lr.id')
    .leftJoin('batches as b', 'b.id', 'r.batch_id')
    .leftJoin('users as u', 'u.username', 'b.actor')
    .leftJoin('targets as t', (j) => j.onRef('t.indicator_code', '=', 'kv.indicator_code').onRef('t.unit_code', '=', 'kv.unit_code').onRef('t.period', '=', 'kv.period'))
    .leftJoin('targets as ty', (j) => j.onRef('ty.indicator_code', '=', 'kv.indicator_code').onRef('ty.unit_code', '=', 'kv.unit_code').on('ty.period', '=', year))
    .select((eb) => [
      'kv.indicator_code', 'kv.unit_code', 'kv.period', eb.val(month).as('publication'), 'kv.value',
      eb.case().when('kv.reported', 'is not', null).then(eb.val<'reported' | 'derived'>('reported')).else(eb.val<'reported' | 'derived'>('derived')).end().as('origin'),
      'kv.as_of', eb.fn.coalesce('t.value', 'ty.value').as('target'),
      'r.value as report_value', 'r.source as report_source', 'r.evidence as report_evidence', 'r.reported_at',
      eb.fn.coalesce('u.unit_code', 'r.unit_code').as('reporter_unit'),
    ])
    .where('kv.period', 'in', [...periods]);
  if (units) query = query.where('kv.unit_code', 'in', [...units]);
  return query;
}
