import { TargetBook, targetsFor } from '../indicators/catalogue.repository.ts';
import { chunked } from '../store/chunked.ts';
import type { Trx } from './kpi-context.ts';
import { keyOf } from './kpi-key.ts';

/**
 * Where KPI values are read from: the live tables (`kpi_values`, `reported_values`, `targets`), or the copy taken
 * when their month was published (`published_kpi_values`, decision 0024). Which reader gets which is decided in
 * src/publication/read-view.ts.
 */
export type KpiSource = 'live' | 'published';

export interface KpiCell {
  indicator: string;
  unit: string;
  period: string;
  value: number | null;
  /** 'reported' — the unit's own report; 'derived' — rolled up, counted from events or computed. */
  origin: 'reported' | 'derived';
  asOf: string | null;
}

/** The last report behind a value: its source, and the unit that sent it; the account (`by`) only for live readers. */
export interface Report {
  value: number;
  source: string | null;
  evidence: string | null;
  reportedAt: string;
  /** The unit of the account that sent it (the value's own unit when a central account or a system did). */
  unit: string;
  /** The account that sent it; null for the public, who sees the reporting unit, not the person. */
  by: string | null;
}

export interface CellFilter {
  /** Every period when left out. */
  periods?: readonly string[];
  indicators?: readonly string[];
  units?: readonly string[];
  /** Cells that hold a value only. */
  withValue?: boolean;
}

/** KPI cells matching the filter, from the source given. */
export async function readCells(trx: Trx, source: KpiSource, filter: CellFilter): Promise<KpiCell[]> {
  if (filter.periods?.length === 0 || filter.units?.length === 0 || filter.indicators?.length === 0) return [];
  const out: KpiCell[] = [];
  for (const units of filter.units ? chunked(filter.units, 500) : [undefined]) {
    out.push(...(source === 'live' ? await liveCells(trx, { ...filter, units }) : await publishedCells(trx, { ...filter, units })));
  }
  return out;
}

async function liveCells(trx: Trx, filter: CellFilter): Promise<KpiCell[]> {
  let query = trx.selectFrom('kpi_values').select(['indicator_code', 'unit_code', 'period', 'value', 'reported', 'as_of']);
  if (filter.periods) query = query.where('period', 'in', [...filter.periods]);
  if (filter.indicators) query = query.where('indicator_code', 'in', [...filter.indicators]);
  if (filter.units) query = query.where('unit_code', 'in', [...filter.units]);
  if (filter.withValue) query = query.where('value', 'is not', null);
  const rows = await query.execute();
  return rows.map((r) => ({ indicator: r.indicator_code, unit: r.unit_code, period: r.period, value: r.value, origin: r.reported !== null ? 'reported' : 'derived', asOf: r.as_of }));
}

async function publishedCells(trx: Trx, filter: CellFilter): Promise<KpiCell[]> {
  let query = trx.selectFrom('published_kpi_values').select(['indicator_code', 'unit_code', 'period', 'value', 'origin', 'as_of']);
  if (filter.periods) query = query.where('period', 'in', [...filter.periods]);
  if (filter.indicators) query = query.where('indicator_code', 'in', [...filter.indicators]);
  if (filter.units) query = query.where('unit_code', 'in', [...filter.units]);
  if (filter.withValue) query = query.where('value', 'is not', null);
  const rows = await query.execute();
  return rows.map((r) => ({ indicator: r.indicator_code, unit: r.unit_code, period: r.period, value: r.value, origin: r.origin, asOf: r.as_of }));
}

/** Targets of the cells asked for: the live ones, or those copied with the published values (resolved the same way). */
export async function readTargets(trx: Trx, source: KpiSource, indicators: readonly string[], units: readonly string[], periods: readonly string[]): Promise<TargetBook> {
  if (source === 'live') return targetsFor(trx, indicators, units, periods);
  const cells = await readTargetCells(trx, indicators, units, periods);
  return new TargetBook(cells);
}

async function readTargetCells(trx: Trx, indicators: readonly string[], units: readonly string[], periods: readonly string[]) {
  if (indicators.length === 0 || units.length === 0 || periods.length === 0) return [];
  const rows: { indicator: string; unit: string; period: string; value: number }[] = [];
  for (const batch of chunked(units, 500)) {
    const found = await trx
      .selectFrom('published_kpi_values')
      .select(['indicator_code', 'unit_code', 'period', 'target'])
      .where('indicator_code', 'in', [...indicators])
      .where('unit_code', 'in', batch)
      .where('period', 'in', [...periods])
      .where('target', 'is not', null)
      .execute();
    for (const r of found) if (r.target !== null) rows.push({ indicator: r.indicator_code, unit: r.unit_code, period: r.period, value: r.target });
  }
  return rows;
}

/** The last report behind each of a unit's cells in these periods, keyed by `keyOf(indicator, unit, period)`. */
export async function readReports(trx: Trx, source: KpiSource, unit: string, periods: readonly string[]): Promise<Map<string, Report>> {
  const out = new Map<string, Report>();
  if (periods.length === 0) return out;
  if (source === 'published') {
    const rows = await trx
      .selectFrom('published_kpi_values')
      .select(['indicator_code', 'period', 'report_value', 'report_source', 'report_evidence', 'reported_at', 'reporter_unit'])
      .where('unit_code', '=', unit)
      .where('period', 'in', [...periods])
      .where('reported_at', 'is not', null)
      .execute();
    for (const r of rows) {
      if (r.report_value === null || r.reported_at === null) continue;
      out.set(keyOf(r.indicator_code, unit, r.period), {
        value: r.report_value, source: r.report_source, evidence: r.report_evidence, reportedAt: r.reported_at, unit: r.reporter_unit ?? unit, by: null,
      });
    }
    return out;
  }
  const rows = await trx
    .selectFrom('reported_values as r')
    .innerJoin('batches as b', 'b.id', 'r.batch_id')
    .leftJoin('users as u', 'u.username', 'b.actor')
    .select(['r.indicator_code', 'r.period', 'r.value', 'r.source', 'r.evidence', 'r.reported_at', 'b.actor', 'u.unit_code'])
    .where('r.unit_code', '=', unit)
    .where('r.period', 'in', [...periods])
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    out.set(keyOf(r.indicator_code, unit, r.period), { value: r.value, source: r.source, evidence: r.evidence, reportedAt: r.reported_at, unit: r.unit_code ?? unit, by: r.actor });
  }
  return out;
}
