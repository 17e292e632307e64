import { PERIOD_TYPES, monthsOf, parsePeriod, type PeriodType } from '../periods/period.ts';

/** One KPI cell: an indicator at a unit for a period. */
export interface KpiKey {
  indicator: string;
  unit: string;
  period: string;
}

export const keyOf = (indicator: string, unit: string, period: string): string => `${indicator}|${unit}|${period}`;

export function splitKey(key: string): KpiKey {
  const [indicator = '', unit = '', period = ''] = key.split('|');
  return { indicator, unit, period };
}

/** Periods mapped, by type then period: found without building a key string. */
const mapped = new Map<PeriodType, Map<string, readonly string[]>>();
let mappedCount = 0;

/**
 * Periods of `type` that a period of another type maps onto: the same, the enclosing one, or those it contains.
 * Remembered (a handful of periods are in play at a time, asked for millions of times by propagation and scoring).
 */
export function periodsAs(period: string, type: PeriodType): readonly string[] {
  let ofType = mapped.get(type);
  if (!ofType) mapped.set(type, (ofType = new Map()));
  let out = ofType.get(period);
  if (!out) {
    // Dropped whole past this many, as a cache of any size would be.
    if (++mappedCount > 100_000) {
      for (const m of mapped.values()) m.clear();
      mappedCount = 1;
    }
    ofType.set(period, (out = Object.freeze(mapPeriod(period, type))));
  }
  return out;
}

function mapPeriod(period: string, type: PeriodType): string[] {
  const p = parsePeriod(period);
  if (!p) return [];
  if (p.type === type) return [period];
  const finer = PERIOD_TYPES.indexOf(type) < PERIOD_TYPES.indexOf(p.type);
  if (!finer) {
    const month = `${p.year}-${String(p.firstMonth).padStart(2, '0')}`;
    if (type === 'year') return [`${p.year}`];
    if (type === 'quarter') return [`${p.year}-Q${Math.ceil(p.firstMonth / 3)}`];
    return [month];
  }
  if (type === 'day') return [];
  const months = monthsOf(period);
  if (type === 'month') return months;
  return [...new Set(months.map((m) => `${p.year}-Q${Math.ceil(Number(m.slice(5)) / 3)}`))];
}
