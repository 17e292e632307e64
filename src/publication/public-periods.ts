import { monthsOf, parsePeriod } from '../periods/period.ts';

/**
 * The rule for KPI values (docs/decisions/0024): a period is public once one of its months is published, since that
 * publication copied its values for the public — a month and its days with the month, a quarter or a year with
 * the latest of its months published so far. A year none of whose months was published, and its quarters, are
 * public with the months published after it (decision 0028): its yearly figures are not left unseen.
 */
export function isPublicPeriod(period: string, published: ReadonlySet<string>): boolean {
  if (monthsOf(period).some((month) => published.has(month))) return true;
  const p = parsePeriod(period);
  if (!p || (p.type !== 'quarter' && p.type !== 'year')) return false;
  return isEndedYearPublished(p.year, published);
}

/** Whether a year was published with a later month: no month of its own is published, a month after it is. */
export function isEndedYearPublished(year: number, published: ReadonlySet<string>): boolean {
  const after = `${year}-12`;
  return !monthsOf(String(year)).some((month) => published.has(month)) && [...published].some((month) => month > after);
}

/** A year and its quarters: what a publication of the next year shows of it. */
export const yearWithQuarters = (year: number): string[] => [String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)];
