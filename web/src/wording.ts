import { indicatorName, indicatorOf } from './app-state.ts';
import { lang } from './i18n.ts';

/** How values roll up from communes to provinces to the nation, in words (the catalogue's `rollup` code is not for readers). */
const ROLLUPS: Record<string, { vi: string; en: string } | undefined> = {
  sum: { vi: 'Cộng số liệu của các đơn vị trực thuộc', en: 'Sum of the units below' },
  ratio: { vi: 'Tính lại tỷ lệ từ tổng tử số và tổng mẫu số của các đơn vị trực thuộc', en: 'Ratio recomputed from the summed numerator and denominator' },
  weighted_mean: { vi: 'Bình quân gia quyền của các đơn vị trực thuộc', en: 'Weighted mean of the units below' },
  latest: { vi: 'Số liệu báo cáo gần nhất', en: 'Latest reported value' },
};

export function rollupText(rollup: string): string {
  const words = ROLLUPS[rollup];
  return words ? words[lang.value] : rollup;
}

/** "dossiers_online / dossiers_total * 100" → "Số hồ sơ trực tuyến ÷ Tổng số hồ sơ × 100": the indicators by name. */
export function formulaText(formula: string): string {
  return formula
    .replace(/[a-z][a-z0-9]*(?:_[a-z0-9]+)*/g, (code) => (indicatorOf(code) ? `“${indicatorName(code)}”` : code))
    .replace(/\s\*\s/g, ' × ')
    .replace(/\s\/\s/g, ' ÷ ');
}
