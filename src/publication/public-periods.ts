import { monthsOf } from '../periods/period.ts';

/**
 * The rule for KPI values (docs/decisions/0024): a period is public once one of its months is published, since that
 * publication copied its values for the public — a month and its days with the month, a quarter or a year with
 * the latest of its months published so far.
 */
export function isPublicPeriod(period: string, published: ReadonlySet<string>): boolean {
  return monthsOf(period).some((month) => published.has(month));
}
