import { lang } from './i18n.ts';

/** Numbers and dates always in Vietnamese format (1.234,5; dd/mm/yyyy), whatever the language of the labels. */
const LOCALE = 'vi-VN';
const TZ = 'Asia/Ho_Chi_Minh';
const numberFormats = new Map<number, Intl.NumberFormat>();

export function fmtNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  return f.format(value);
}

const fixedFormats = new Map<number, Intl.NumberFormat>();

/** Always `digits` decimals ("59,0", "36,1"), so the numbers of a column line up and read alike. */
export function fmtFixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let f = fixedFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, f);
  }
  return f.format(value === 0 ? 0 : value);
}

/**
 * A score or an achievement beside its band: cut, not rounded, to one decimal. Bands are drawn from the unrounded
 * value at whole thresholds (Khá ≥ 65), so 64,96 shows as 64,9 "Trung bình", never as 65 beside a legend saying Khá ≥ 65.
 */
export function fmtScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return fmtFixed(Math.floor(value * 10 + 1e-9) / 10, 1);
}

/** Big counts read better shortened: 22,3 triệu; 3,2 nghìn tỷ. */
export function fmtCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const en = lang.value === 'en';
  if (abs >= 1e9) return `${fmtFixed(value / 1e9, 1)} ${en ? 'bn' : 'tỷ'}`;
  if (abs >= 1e6) return `${fmtFixed(value / 1e6, 1)} ${en ? 'm' : 'triệu'}`;
  if (abs >= 1e4) return `${fmtFixed(value / 1e3, 1)} ${en ? 'k' : 'nghìn'}`;
  return fmtNumber(value, abs < 100 ? 1 : 0);
}

/** The value as it will be shown at `digits` decimals: −0,04 shown to one decimal is 0, not "−0". */
export function roundTo(value: number, digits: number): number {
  const shown = Math.round(value * 10 ** digits) / 10 ** digits;
  return shown === 0 ? 0 : shown;
}

/** "+1,2", "−0,5", "0,0": the sign of the value as shown, never a signed zero. */
export function fmtSigned(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const shown = roundTo(value, digits);
  if (shown === 0) return fmtFixed(0, digits);
  return `${shown > 0 ? '+' : '−'}${fmtFixed(Math.abs(shown), digits)}`;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** dd/mm/yyyy in Vietnam time. */
export function fmtDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

export function fmtTime(value: Date): string {
  return timeFormat.format(value);
}

export function fmtDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : `${fmtTime(date)} ${dateFormat.format(date)}`;
}

/** `2026-11` → 11/2026, `2026-Q4` → Quý IV/2026 (Q4/2026), `2026` → Năm 2026 (2026). */
export function fmtPeriod(key: string | null | undefined): string {
  if (!key) return '—';
  const en = lang.value === 'en';
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[2]}/${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return en ? `Q${m[2]}/${m[1]}` : `Quý ${['I', 'II', 'III', 'IV'][Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})$/.exec(key);
  if (m) return en ? key : `Năm ${key}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return key;
}

/** The month (`YYYY-MM`) an instant falls in, in Vietnam time. */
export function monthOf(instant: Date): string {
  const shifted = new Date(instant.getTime() + 7 * 3600_000);
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function lastMonths(month: string, count: number): string[] {
  const [y = 2025, m = 1] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** Folds Vietnamese for search: "Hà Nội", "ha noi" and "HA NOI" all match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();
}
