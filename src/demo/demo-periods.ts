import { lastMonths, parsePeriod, periodOf } from '../periods/period.ts';
import { periodsAs } from '../kpi/kpi-key.ts';

/** The months, quarters and years the synthetic data covers. */
export interface DemoWindow {
  months: string[];
  quarters: string[];
  years: string[];
}

export function demoWindow(now: Date, count: number): DemoWindow {
  const months = lastMonths(periodOf('month', now), Math.max(1, Math.trunc(count)));
  const unique = (type: 'quarter' | 'year') => [...new Set(months.flatMap((m) => periodsAs(m, type)))];
  return { months, quarters: unique('quarter'), years: unique('year') };
}

/** Months since January 2025 (negative before): the clock of the demo's trends, independent of today. */
export function monthIndex(period: string): number {
  const p = parsePeriod(period);
  return p ? (p.year - 2025) * 12 + p.lastMonth - 1 : 0;
}

/** Quarters between two quarter keys (`2026-Q1` minus `2025-Q4` is 1). */
export function quartersBetween(from: string, to: string): number {
  return Math.round((monthIndex(to) - monthIndex(from)) / 3);
}

export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

export function yearOf(period: string): number {
  return parsePeriod(period)?.year ?? 2025;
}

/** 1–4 for a quarter key. */
export function quarterOfYear(quarter: string): number {
  return Math.ceil((parsePeriod(quarter)?.lastMonth ?? 3) / 3);
}

export function daysIn(month: string): number {
  const p = parsePeriod(month);
  return p ? new Date(Date.UTC(p.year, p.firstMonth, 0)).getUTCDate() : 30;
}
