/** Folds Vietnamese text for search: lower case, no diacritics, đ → d ("Hà Nội" → "ha noi"). */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Almost no text holds a surrogate at all; this simple test spares the full one. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False for text holding half of a UTF-16 surrogate pair, which no database or file can store faithfully. */
export const isWellFormedText = (text: string): boolean => !ANY_SURROGATE.test(text) || !LONE_SURROGATE.test(text);
