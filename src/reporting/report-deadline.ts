import { parsePeriod } from '../periods/period.ts';

/**
 * "Hạn báo cáo": a period's values are due by the 5th of the month after it ends (decision 0030), the whole of that
 * day in Vietnam time. The catalogue states no deadline of its own; one rule for every indicator keeps it predictable.
 */
export const DEADLINE_DAY = 5;

/** The last day (YYYY-MM-DD) a period may be reported on time. */
export function reportDeadline(period: string): string {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  const year = p.lastMonth === 12 ? p.year + 1 : p.year;
  const month = p.lastMonth === 12 ? 1 : p.lastMonth + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(DEADLINE_DAY).padStart(2, '0')}`;
}

/** Whole days from `today` (YYYY-MM-DD, Vietnam time) to the deadline: negative once it has passed. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
