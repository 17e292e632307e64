import { monthsOf, parsePeriod } from '../periods/period.ts';

/**
 * The rule for KPI values (docs/decisions/0024): a period is public once one of its months is published, since that
 * publication copied its values for the public — a month and its days with the month, a quarter or a year with
 * the latest of its months published so far. A year none of whose months was published, and its quarters, are
 * public with the months of the next year (decision 0028): its yearly figures are not left unseen.
 */
export function isPublicPeriod(period: string, published: ReadonlySet<string>): boolean {
  if (monthsOf(period).some((month) => published.has(month))) return true;
  const p = parsePeriod(period);
  if (!p || (p.type !== 'quarter' && p.type !== 'year')) return false;
  return isEndedYearPublished(p.year, published);
}

/** Whether the year was published with the next one: no month of its own published, one of the next year's. */
export function isEndedYearPublished(year: number, published: ReadonlySet<string>): boolean {
  const some = (y: number) => monthsOf(String(y)).some((month) => published.has(month));
  return !some(year) && some(year + 1);
}

/** A year and its quarters: what a publication of the next year shows of it. */
export const yearWithQuarters = (year: number): string[] => [String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)];
