/**
 * Report periods ("kỳ") as canonical keys: day `2025-10-07`, month `2025-10`, quarter `2025-Q4`, year `2025`.
 * Calendar boundaries are Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
 */
export type PeriodType = 'day' | 'month' | 'quarter' | 'year';
export const PERIOD_TYPES: readonly PeriodType[] = ['day', 'month', 'quarter', 'year'];

const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

interface Parts { year: number; month: number; day: number }

function vnParts(instant: Date): Parts {
  const shifted = new Date(instant.getTime() + VN_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function keyOfParts(type: PeriodType, p: Parts): string {
  switch (type) {
    case 'day': return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
    case 'month': return `${pad(p.year, 4)}-${pad(p.month)}`;
    case 'quarter': return `${pad(p.year, 4)}-Q${Math.ceil(p.month / 3)}`;
    case 'year': return pad(p.year, 4);
  }
}

/** The period of the given type that contains an instant, in Vietnam time. */
export function periodOf(type: PeriodType, instant: Date): string {
  return keyOfParts(type, vnParts(instant));
}

export interface Period { key: string; type: PeriodType; year: number; firstMonth: number; lastMonth: number; day?: number }

const patterns: [RegExp, PeriodType][] = [
  [/^(\d{4})-(\d{2})-(\d{2})$/, 'day'],
  [/^(\d{4})-(\d{2})$/, 'month'],
  [/^(\d{4})-Q([1-4])$/, 'quarter'],
  [/^(\d{4})$/, 'year'],
];

/** Parses a canonical key; returns undefined for anything else. */
export function parsePeriod(key: string): Period | undefined {
  for (const [re, type] of patterns) {
    const m = re.exec(key);
    if (!m) continue;
    const year = Number(m[1]);
    if (year < 1990 || year > 2100) return undefined;
    if (type === 'year') return { key, type, year, firstMonth: 1, lastMonth: 12 };
    if (type === 'quarter') {
      const q = Number(m[2]);
      return { key, type, year, firstMonth: q * 3 - 2, lastMonth: q * 3 };
    }
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    if (type === 'month') return { key, type, year, firstMonth: month, lastMonth: month };
    const day = Number(m[3]);
    if (day < 1 || day > daysInMonth(year, month)) return undefined;
    return { key, type, year, firstMonth: month, lastMonth: month, day };
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads the ways Vietnamese offices write periods: `10/2025`, `T10/2025`, `Tháng 10/2025`, `Q3/2025`, `Quý III/2025`,
 * `Năm 2025`, `07/10/2025` (dd/mm/yyyy), as well as canonical keys. Returns the canonical key or undefined.
 */
export function normalizePeriodInput(raw: string): string | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (parsePeriod(text)) return text;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return checked(`${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`);
  m = /^(?:t|tháng|thang)?\s*(\d{1,2})[/-](\d{4})$/i.exec(text);
  if (m) return checked(`${m[2]}-${pad(Number(m[1]))}`);
  m = /^(?:q|quý|quy)\s*([1-4]|i{1,3}|iv)[/-](\d{4})$/i.exec(text);
  if (m && m[1]) return checked(`${m[2]}-Q${romanOrNumber(m[1])}`);
  m = /^(?:năm|nam)\s*(\d{4})$/i.exec(text);
  if (m) return checked(m[1] ?? '');
  return undefined;
}

function romanOrNumber(s: string): number {
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  return roman[s.toLowerCase()] ?? Number(s);
}

function checked(key: string): string | undefined {
  return parsePeriod(key) ? key : undefined;
}

/** The period of `type` that contains the given period (`2025-10` in year → `2025`). Undefined when `type` is finer. */
export function enclosingPeriod(key: string, type: PeriodType): string | undefined {
  const p = parsePeriod(key);
  if (!p || PERIOD_TYPES.indexOf(type) < PERIOD_TYPES.indexOf(p.type)) return undefined;
  return keyOfParts(type, { year: p.year, month: p.firstMonth, day: p.day ?? 1 });
}

/** The months (`YYYY-MM`) a period covers; a day covers its month. */
export function monthsOf(key: string): string[] {
  const p = parsePeriod(key);
  if (!p) return [];
  const months: string[] = [];
  for (let m = p.firstMonth; m <= p.lastMonth; m++) months.push(`${p.year}-${pad(m)}`);
  return months;
}

/** The period just before, of the same type. */
export function previousPeriod(key: string): string | undefined {
  const p = parsePeriod(key);
  if (!p) return undefined;
  switch (p.type) {
    case 'year': return `${p.year - 1}`;
    case 'quarter': {
      const q = p.lastMonth / 3;
      return q === 1 ? `${p.year - 1}-Q4` : `${p.year}-Q${q - 1}`;
    }
    case 'month': return p.firstMonth === 1 ? `${p.year - 1}-12` : `${p.year}-${pad(p.firstMonth - 1)}`;
    case 'day': {
      const d = new Date(Date.UTC(p.year, p.firstMonth - 1, (p.day ?? 1) - 1));
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
  }
}

/** The last `count` months up to and including `month`, oldest first. */
export function lastMonths(month: string, count: number): string[] {
  const out = [month];
  while (out.length < count) {
    const prev = previousPeriod(out[0] ?? month);
    if (!prev) break;
    out.unshift(prev);
  }
  return out;
}

export function currentMonth(now: Date = new Date()): string {
  return periodOf('month', now);
}

/** Display form used in Vietnamese documents: `10/2025`, `Quý 4/2025`, `07/10/2025`, `Năm 2025`. */
export function formatPeriodVi(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  switch (p.type) {
    case 'day': return `${pad(p.day ?? 1)}/${pad(p.firstMonth)}/${p.year}`;
    case 'month': return `${pad(p.firstMonth)}/${p.year}`;
    case 'quarter': return `Quý ${p.lastMonth / 3}/${p.year}`;
    case 'year': return `Năm ${p.year}`;
  }
}
