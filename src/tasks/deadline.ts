import { normalizePeriodInput, parsePeriod } from '../periods/period.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a deadline as directives write it and returns its last day (YYYY-MM-DD): a date (`31/01/2026`, `2026-01-31`),
 * a month (`tháng 01/2026`, `01/2026`, `2026-01`), a quarter (`quý 1/2026`, `Quý I/2026`, `2026-Q1`) or a year.
 */
export function parseDeadline(raw: string): string | undefined {
  let text = raw.trim();
  // "chậm nhất trong quý IV/2025", "ngay trong tháng 9/2025", "hoàn thành trước ngày 31/01/2026"…
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/^(chậm nhất|ngay|hoàn thành|trong|trước|vào|ngày|cuối|hạn)\s+/i, '');
  }
  const key = normalizePeriodInput(text) ?? normalizePeriodInput(text.replace(/^tháng\s+/i, 'T'));
  const p = key ? parsePeriod(key) : undefined;
  if (!p) return undefined;
  if (p.type === 'day') return key;
  const last = new Date(Date.UTC(p.year, p.lastMonth, 0)).getUTCDate();
  return `${p.year}-${pad(p.lastMonth)}-${pad(last)}`;
}

/** Today's date in Vietnam (UTC+7): deadlines pass at midnight Vietnam time. */
export function vietnamDate(now: Date): string {
  const shifted = new Date(now.getTime() + 7 * 3600_000);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The next midnight in Vietnam after `now`. */
export function nextVietnamMidnight(now: Date): Date {
  const today = vietnamDate(now);
  return new Date(Date.parse(`${today}T00:00:00+07:00`) + 86_400_000);
}
