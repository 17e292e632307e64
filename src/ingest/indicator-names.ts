import type { PeriodType } from '../periods/period.ts';
import { foldVietnamese } from '../shared/text.ts';
import type { IndicatorMatch, IndicatorRef, ResolveIndicator } from './spreadsheet-header.ts';

interface Named { code: string; name: string; nameEn: string; periodType: PeriodType; measure?: string }

/**
 * Reads an indicator from a header or a "Chỉ tiêu" cell: its code, or its name (Vietnamese or English) with any
 * case, spacing or diacritics, and with a measure added or left out in parentheses ("Dân số (người)", "Tổng sản
 * phẩm trên địa bàn (tỷ đồng)"). A text that fits two indicators is ambiguous and answered with both, never guessed.
 */
export function buildIndicatorMatcher(indicators: readonly Named[]): ResolveIndicator {
  const byCode = new Map(indicators.map((d) => [d.code, d]));
  const exact = new Map<string, Set<string>>();
  const loose = new Map<string, Set<string>>();
  for (const d of indicators) {
    for (const name of [d.name, d.nameEn]) {
      add(exact, foldVietnamese(name), d.code);
      add(loose, foldVietnamese(name), d.code);
      add(loose, foldVietnamese(withoutMeasures(name)), d.code);
    }
  }
  const found = (codes: Set<string> | undefined): IndicatorMatch => {
    if (!codes || codes.size === 0) return undefined;
    if (codes.size > 1) return { ambiguous: [...codes].sort() };
    const d = byCode.get([...codes][0] ?? '');
    return d ? refOf(d) : undefined;
  };
  return (text) => {
    const code = byCode.get(text.trim());
    if (code) return refOf(code);
    for (const variant of new Set([text, withoutLastMeasure(text), withoutMeasures(text)])) {
      const key = foldVietnamese(variant);
      const match = found(exact.get(key)) ?? found(loose.get(key));
      if (match) return match;
    }
    return undefined;
  };
}

function refOf(d: Named): IndicatorRef {
  return { code: d.code, periodType: d.periodType, ...(d.measure !== undefined && { measure: d.measure }) };
}

function add(map: Map<string, Set<string>>, key: string, code: string): void {
  if (!key) return;
  map.set(key, (map.get(key) ?? new Set()).add(code));
}

function withoutMeasures(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ');
}

/** "Tổng sản phẩm trên địa bàn (GRDP) (tỷ đồng)" → "Tổng sản phẩm trên địa bàn (GRDP)". */
function withoutLastMeasure(text: string): string {
  return text.replace(/\([^()]*\)\s*$/, '');
}
