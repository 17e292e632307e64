import type { Band, Indicator } from './api.ts';
import { lang } from './i18n.ts';

/**
 * Okabe–Ito colours, ordered blue (good) → vermillion (weak): safe for the common colour-vision deficiencies,
 * and every use carries the band's name in text as well.
 */
export const BAND_COLOURS: Record<Band, string> = { tot: '#0072B2', kha: '#56B4E9', trung_binh: '#E69F00', yeu: '#D55E00' };
export const NO_DATA_COLOUR = '#C9CED6';
export const BAND_TEXT_COLOURS: Record<Band, string> = { tot: '#FFFFFF', kha: '#0B1B2B', trung_binh: '#0B1B2B', yeu: '#0B1B2B' };
export const BANDS: readonly Band[] = ['tot', 'kha', 'trung_binh', 'yeu'];

const LABELS: Record<Band, { vi: string; en: string }> = {
  tot: { vi: 'Tốt', en: 'Good' },
  kha: { vi: 'Khá', en: 'Fair' },
  trung_binh: { vi: 'Trung bình', en: 'Average' },
  yeu: { vi: 'Yếu', en: 'Weak' },
};

export function bandLabel(band: Band | null | undefined): string {
  if (!band) return lang.value === 'en' ? 'No data' : 'Chưa có';
  return LABELS[band][lang.value];
}

/** Index thresholds (0–100), as the server scores them: Tốt ≥ 80, Khá ≥ 65, Trung bình ≥ 50. */
export const INDEX_BANDS = { good: 80, fair: 65, average: 50 } as const;

export function bandOfScore(score: number | null | undefined): Band | null {
  if (score === null || score === undefined) return null;
  if (score >= INDEX_BANDS.good) return 'tot';
  if (score >= INDEX_BANDS.fair) return 'kha';
  if (score >= INDEX_BANDS.average) return 'trung_binh';
  return 'yeu';
}

export function bandThresholdsText(): string {
  const en = lang.value === 'en';
  return en ? 'Good ≥ 80 · Fair ≥ 65 · Average ≥ 50 · Weak below 50' : 'Tốt ≥ 80 · Khá ≥ 65 · Trung bình ≥ 50 · Yếu dưới 50';
}

/** Achievement of the target (%) an indicator needs for each band, as the server scores it, unless it sets its own. */
export const DEFAULT_INDICATOR_BANDS = { good: 90, fair: 75, average: 50 } as const;

export function indicatorBands(def: Pick<Indicator, 'bands'> | undefined): { good: number; fair: number; average: number } {
  return def?.bands ?? DEFAULT_INDICATOR_BANDS;
}

/** "Tốt ≥ 98 % kế hoạch · Khá ≥ 90 % · Trung bình ≥ 75 % · Yếu dưới 75 %": the thresholds where this indicator's band is used. */
export function indicatorBandsText(def: Pick<Indicator, 'bands'> | undefined): string {
  const b = indicatorBands(def);
  return lang.value === 'en'
    ? `Good ≥ ${b.good} % of target · Fair ≥ ${b.fair} % · Average ≥ ${b.average} % · Weak below ${b.average} %`
    : `Tốt ≥ ${b.good} % kế hoạch · Khá ≥ ${b.fair} % · Trung bình ≥ ${b.average} % · Yếu dưới ${b.average} %`;
}
