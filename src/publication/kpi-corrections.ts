import type { Trx } from '../kpi/kpi-context.ts';
import { keyOf } from '../kpi/kpi-key.ts';
import { chunked } from '../store/chunked.ts';
import type { PublishedKpiValueRow } from '../store/schema.ts';
import { liveCells, periodsPublishedWith, sharedPeriodsLatestAt } from './kpi-snapshot.ts';
import type { ValueCorrection } from './publication.query.ts';

/** A published KPI value as the public reads it; what a correction records before and after. */
export interface PublishedValue {
  value: number | null;
  origin: 'reported' | 'derived';
  target: number | null;
  report: { value: number | null; source: string | null; evidence: string | null; reportedAt: string; unit: string | null } | null;
}

export interface ValueChange {
  indicator: string;
  unit: string;
  period: string;
  before: PublishedValue | null;
  after: PublishedValue | null;
  /** The row to publish instead; null when the value is gone from the live tables. */
  row: PublishedKpiValueRow | null;
}

/**
 * Every published KPI value of a month's publication (its own periods, and its quarter and year while it is their
 * latest published month) that differs from what publishing it now would copy. The time of the newest data
 * (`as_of`) does not count: a late event that changes no value corrects nothing.
 */
export async function planValueCorrections(trx: Trx, month: string, units?: readonly string[]): Promise<ValueChange[]> {
  const periods = [...periodsPublishedWith(month).own, ...(await sharedPeriodsLatestAt(trx, month))];
  const live = new Map((await liveCells(trx, month, periods, units)).map((r) => [keyOf(r.indicator_code, r.unit_code, r.period), r]));
  const published = new Map((await publishedRows(trx, periods, units)).map((r) => [keyOf(r.indicator_code, r.unit_code, r.period), r]));
  const keys = [...new Set([...published.keys(), ...live.keys()])].sort();
  return keys.flatMap((key) => {
    const row = live.get(key) ?? null;
    const old = published.get(key) ?? null;
    const before = old && publishedValue(old);
    const after = row && publishedValue(row);
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const cell = row ?? old;
    return cell ? [{ indicator: cell.indicator_code, unit: cell.unit_code, period: cell.period, before, after, row }] : [];
  });
}

/** Replaces the published rows of the changed cells, and only those: the others keep what was published. */
export async function applyValueCorrections(trx: Trx, changes: readonly ValueChange[]): Promise<void> {
  for (const batch of chunked(changes, 200)) {
    for (const c of batch) {
      await trx.deleteFrom('published_kpi_values').where('period', '=', c.period).where('indicator_code', '=', c.indicator).where('unit_code', '=', c.unit).execute();
    }
    const rows = batch.flatMap((c) => (c.row ? [c.row] : []));
    if (rows.length > 0) await trx.insertInto('published_kpi_values').values(rows).execute();
  }
}

/** Keeps each changed value, old and new, with the reason: public like the score corrections. */
export async function recordValueCorrections(
  trx: Trx, month: string, changes: readonly ValueChange[], by: { reason: string; correctedBy: string; correctedAt: string },
): Promise<ValueCorrection[]> {
  const out: ValueCorrection[] = [];
  for (const batch of chunked(changes, 200)) {
    const rows = await trx
      .insertInto('kpi_corrections')
      .values(batch.map((c) => ({
        publication: month, indicator_code: c.indicator, unit_code: c.unit, period: c.period,
        before: json(c.before), after: json(c.after), reason: by.reason, corrected_by: by.correctedBy, corrected_at: by.correctedAt,
      })))
      .returning('id')
      .execute();
    batch.forEach((c, i) => out.push({ id: rows[i]?.id ?? 0, publication: month, indicator: c.indicator, unit: c.unit, period: c.period, before: c.before, after: c.after, ...by }));
  }
  return out;
}

const json = (value: PublishedValue | null) => (value === null ? null : JSON.stringify(value));

function publishedValue(row: PublishedKpiValueRow): PublishedValue {
  const report = row.reported_at === null ? null : {
    value: row.report_value, source: row.report_source, evidence: row.report_evidence, reportedAt: row.reported_at, unit: row.reporter_unit,
  };
  return { value: row.value, origin: row.origin, target: row.target, report };
}

async function publishedRows(trx: Trx, periods: readonly string[], units?: readonly string[]): Promise<PublishedKpiValueRow[]> {
  if (periods.length === 0) return [];
  const query = () => trx.selectFrom('published_kpi_values').selectAll().where('period', 'in', [...periods]);
  if (!units) return query().execute();
  const rows: PublishedKpiValueRow[] = [];
  for (const batch of chunked(units, 400)) rows.push(...(await query().where('unit_code', 'in', batch).execute()));
  return rows;
}
