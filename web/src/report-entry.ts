import { valueProblem } from '../../src/indicators/valid-range.ts';
import { parseVietnameseNumber } from '../../src/ingest/vietnamese-number.ts';
import type { DueItem } from './api-report.ts';
import { lang } from './i18n.ts';
import { tr } from './i18n-report.ts';

/**
 * A typed figure read and checked by the API's own rules (shared, not copied): the Vietnamese number reader of
 * imports, and the catalogue's range for the indicator. An empty field is no value, not zero.
 */
export function readEntry(text: string, item: Pick<DueItem, 'indicator' | 'valid'>): { value?: number; problem?: string } {
  if (text.trim() === '') return {};
  const value = parseVietnameseNumber(text);
  if (value === undefined) return { problem: tr('notANumber', { value: text.trim() }) };
  const why = valueProblem({ code: item.indicator, valid: item.valid }, value);
  if (why) return { problem: lang.value === 'en' ? why.reasonEn : why.reason };
  return { value };
}
