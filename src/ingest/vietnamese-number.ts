/**
 * Numbers written the Vietnamese way ("số kiểu Việt Nam"): dot for thousands, comma for decimals — `1.234,5`.
 *
 * Ambiguity rule: a dot followed by groups of exactly three digits is a thousands separator, so `1.234` is 1234
 * and `1.234.567` is 1234567, as a Vietnamese office means them. Any other single dot (`1.5`, `0.25`, `0.123`)
 * is read as a decimal point, because no one writes thousands that way — that is how exports from English-locale
 * tools arrive. A comma is always the decimal mark, so `1,5` is 1.5 and `1,234` is 1.234.
 */
const THOUSANDS_DOT = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const THOUSANDS_SPACE = /^[1-9]\d{0,2}(?: \d{3})+$/;
const PLAIN = /^\d+$/;
const DOT_DECIMAL = /^\d+\.\d+$/;
const EXPONENT = /^\d+(?:\.\d+)?e[+-]?\d+$/i;

/**
 * Reads a cell as a number: `1.234,5`, `1234,5`, `1 234,5`, `-12`, `(12)` (accounting negative), `59%` and
 * `59,2 %` (the sign is dropped, the value stays in percent units: 59, 59.2). Numbers pass through.
 * Anything else — text, `1.2.3,4,5`, an empty cell — is undefined.
 */
export function parseVietnameseNumber(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  let text = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim().replace(/\s+/g, ' ');
  let negative = false;
  const parenthesised = /^\((.*)\)\s*(%?)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = `${parenthesised[1] ?? ''}${parenthesised[2] ?? ''}`.trim();
  }
  text = text.replace(/\s?%$/, '');
  const sign = /^([-+\u2212])\s?/.exec(text);
  if (sign) {
    if (negative) return undefined;
    negative = sign[1] !== '+';
    text = text.slice(sign[0].length);
  }
  const magnitude = readMagnitude(text);
  if (magnitude === undefined) return undefined;
  return negative ? -magnitude : magnitude;
}

function readMagnitude(text: string): number | undefined {
  const [whole = '', fraction, ...rest] = text.split(',');
  if (rest.length > 0) return undefined;
  if (fraction !== undefined) {
    if (!/^\d+$/.test(fraction) || !isWholePart(whole)) return undefined;
    return Number(`${withoutSeparators(whole)}.${fraction}`);
  }
  if (isWholePart(text)) return Number(withoutSeparators(text));
  if (DOT_DECIMAL.test(text) || EXPONENT.test(text)) return Number(text);
  return undefined;
}

function isWholePart(text: string): boolean {
  return PLAIN.test(text) || THOUSANDS_DOT.test(text) || THOUSANDS_SPACE.test(text);
}

function withoutSeparators(text: string): string {
  return text.replace(/[. ]/g, '');
}

const formatters = new Map<number, Intl.NumberFormat>();

/** `1234.5` → `1.234,5`, at most `maxFractionDigits` decimals. */
export function formatVietnameseNumber(n: number, maxFractionDigits = 2): string {
  let formatter = formatters.get(maxFractionDigits);
  if (!formatter) {
    formatter = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxFractionDigits });
    formatters.set(maxFractionDigits, formatter);
  }
  return formatter.format(n);
}
