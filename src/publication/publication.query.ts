import type { Trx } from '../kpi/kpi-context.ts';
import type { PublishedValue } from './kpi-corrections.ts';
import type { ScoreSnapshot } from './score-snapshot.ts';

export interface PublishedPeriod {
  period: string;
  publishedAt: string;
  /** The account that published it; null for the public (src/publication/read-view.ts). */
  publishedBy: string | null;
  note: string | null;
  /** Units with a published score. */
  units: number;
  /** Published scores and KPI values corrected since. */
  corrections: number;
}

/** What a reader needs to label a month "Đã công bố": when, and how many of its scores and values were corrected since. */
export interface PublicationStamp {
  at: string;
  corrections: number;
}

export interface Correction {
  id: number;
  period: string;
  unit: string;
  /** The published values before and after; null when the unit had no score on that side. */
  before: ScoreSnapshot | null;
  after: ScoreSnapshot | null;
  reason: string;
  /** The account that corrected it; null for the public. */
  correctedBy: string | null;
  correctedAt: string;
}

/** A published KPI value changed by a correction of the month whose publication showed it. */
export interface ValueCorrection {
  id: number;
  /** The published month corrected. */
  publication: string;
  indicator: string;
  unit: string;
  /** The value's own period: the month, one of its days, or its quarter or year. */
  period: string;
  before: PublishedValue | null;
  after: PublishedValue | null;
  reason: string;
  /** The account that corrected it; null for the public. */
  correctedBy: string | null;
  correctedAt: string;
}

/** Every published month, newest first; `names`: whether the reader may see who published it (ReadAccess.names; no default, so no caller shows names by omission). */
export async function listPublishedPeriods(trx: Trx, names: boolean): Promise<PublishedPeriod[]> {
  const rows = await trx
    .selectFrom('published_periods as p')
    .select((eb) => [
      'p.period', 'p.published_at', 'p.published_by', 'p.note',
      eb.selectFrom('published_scores as s').whereRef('s.period', '=', 'p.period').select((e) => e.fn.countAll<number>().as('n')).as('units'),
      eb.selectFrom('score_corrections as c').whereRef('c.period', '=', 'p.period').select((e) => e.fn.countAll<number>().as('n')).as('corrections'),
      eb.selectFrom('kpi_corrections as k').whereRef('k.publication', '=', 'p.period').select((e) => e.fn.countAll<number>().as('n')).as('valueCorrections'),
    ])
    .orderBy('p.period', 'desc')
    .execute();
  return rows.map((r) => ({
    period: r.period, publishedAt: r.published_at, publishedBy: names ? r.published_by : null, note: r.note,
    units: Number(r.units ?? 0), corrections: Number(r.corrections ?? 0) + Number(r.valueCorrections ?? 0),
  }));
}

/** The published months, newest first. */
export async function listPublishedMonths(trx: Trx): Promise<string[]> {
  const rows = await trx.selectFrom('published_periods').select('period').orderBy('period', 'desc').execute();
  return rows.map((r) => r.period);
}

export async function isPublished(trx: Trx, month: string): Promise<boolean> {
  return (await trx.selectFrom('published_periods').select('period').where('period', '=', month).executeTakeFirst()) !== undefined;
}

/** The newest published month, or null when nothing is published yet. */
export async function latestPublished(trx: Trx): Promise<string | null> {
  const row = await trx.selectFrom('published_periods').select('period').orderBy('period', 'desc').limit(1).executeTakeFirst();
  return row?.period ?? null;
}

export async function publicationOf(trx: Trx, month: string): Promise<PublicationStamp | null> {
  const row = await trx
    .selectFrom('published_periods as p')
    .select((eb) => [
      'p.published_at',
      eb.selectFrom('score_corrections as c').whereRef('c.period', '=', 'p.period').select((e) => e.fn.countAll<number>().as('n')).as('corrections'),
      eb.selectFrom('kpi_corrections as k').whereRef('k.publication', '=', 'p.period').select((e) => e.fn.countAll<number>().as('n')).as('valueCorrections'),
    ])
    .where('p.period', '=', month)
    .executeTakeFirst();
  return row ? { at: row.published_at, corrections: Number(row.corrections ?? 0) + Number(row.valueCorrections ?? 0) } : null;
}

/** A published month's score corrections, oldest first; `names`: whether the reader may see who corrected them. */
export async function listCorrections(trx: Trx, month: string, names: boolean): Promise<Correction[]> {
  const rows = await trx.selectFrom('score_corrections').selectAll().where('period', '=', month).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, period: r.period, unit: r.unit_code,
    before: r.before === null ? null : (JSON.parse(r.before) as ScoreSnapshot),
    after: r.after === null ? null : (JSON.parse(r.after) as ScoreSnapshot),
    reason: r.reason, correctedBy: names ? r.corrected_by : null, correctedAt: r.corrected_at,
  }));
}

/** The KPI values a published month's corrections changed, oldest first. */
export async function listValueCorrections(trx: Trx, month: string, names: boolean): Promise<ValueCorrection[]> {
  const rows = await trx.selectFrom('kpi_corrections').selectAll().where('publication', '=', month).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, publication: r.publication, indicator: r.indicator_code, unit: r.unit_code, period: r.period,
    before: r.before === null ? null : (JSON.parse(r.before) as PublishedValue),
    after: r.after === null ? null : (JSON.parse(r.after) as PublishedValue),
    reason: r.reason, correctedBy: names ? r.corrected_by : null, correctedAt: r.corrected_at,
  }));
}
