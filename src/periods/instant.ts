/**
 * Reads an ISO 8601 time as sources send it — `2026-10-31`, `2026-10-31T23:30`, `2026-10-31 23:30:00.5`,
 * `2026-10-31T23:30:00+07:00`, `…Z` — into milliseconds since the epoch, or NaN. A time without an offset, a date
 * alone included, is Vietnam time (UTC+7, no daylight saving), as every period is. Impossible dates and times
 * (`2026-02-30`, `24:00`, month 13, second 60) are NaN: `Date.parse` would roll them into the next day or month.
 * Read from the characters' codes, without a pattern or a Date, since every event of a batch comes through here.
 */
export function parseInstant(text: string): number {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let at = 10;
  if (at < n) {
    const sep = text.charCodeAt(at);
    if ((sep !== 84 && sep !== 32) || at + 6 > n || text.charCodeAt(at + 3) !== 58) return NaN;
    hour = digits(text, at + 1, 2);
    minute = digits(text, at + 4, 2);
    at += 6;
    if (at < n && text.charCodeAt(at) === 58) {
      second = digits(text, at + 1, 2);
      at += 3;
      if (at < n && text.charCodeAt(at) === 46) {
        const start = ++at;
        while (at < n && at - start < 9 && isDigit(text.charCodeAt(at))) at++;
        if (at === start) return NaN;
        ms = Math.floor(digits(text, start, at - start) / 10 ** (at - start - 3));
      }
    }
    if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  }
  const offset = at === n ? VN_OFFSET_MINUTES : offsetMinutes(text, at);
  if (Number.isNaN(offset)) return NaN;
  // Date.UTC reads years 0–99 as 1900–1999: such a year is read 400 years later (the calendar repeats) and moved back.
  const shift = year < 100 ? 400 : 0;
  return Date.UTC(year + shift, month - 1, day, hour, minute, second, ms) - (shift ? MS_PER_400_YEARS : 0) - offset * 60_000;
}

const MS_PER_400_YEARS = 146_097 * 86_400_000;

const VN_OFFSET_MINUTES = 7 * 60;

/** `Z`, `+07:00` or `+0700` ending the text at `at`, in minutes east of UTC; NaN for anything else. */
function offsetMinutes(text: string, at: number): number {
  const n = text.length;
  const sign = text.charCodeAt(at);
  if (sign === 90) return at + 1 === n ? 0 : NaN;
  if (sign !== 43 && sign !== 45) return NaN;
  const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
  if (n !== at + 5 + colon) return NaN;
  const hours = digits(text, at + 1, 2);
  const minutes = digits(text, at + 3 + colon, 2);
  if (!(hours <= 14 && minutes <= 59)) return NaN;
  return (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
}

/** The number written by `count` decimal digits at `from`; NaN if any is not a digit or the text is too short. */
function digits(text: string, from: number, count: number): number {
  if (from + count > text.length) return NaN;
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return NaN;
    value = value * 10 + c - 48;
  }
  return value;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
