import { currentMonth, monthsOf } from '../periods/period.ts';

/**
 * The rule for KPI values (docs/decisions/0008): a period is public when the last of its months that has ended is
 * published — a month when it is published, a quarter or a year when its latest finished month is. A period none of
 * whose months has ended yet is never public.
 */
export function isPublicPeriod(period: string, published: ReadonlySet<string>, now: Date): boolean {
  const current = currentMonth(now);
  const last = monthsOf(period).filter((m) => m < current).at(-1);
  return last !== undefined && published.has(last);
}
