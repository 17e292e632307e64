import { DEFAULT_BANDS, type IndicatorDefinition } from '../indicators/indicator.ts';

/** Bands of the index and of each indicator's achievement: Tốt / Khá / Trung bình / Yếu. */
export type Band = 'tot' | 'kha' | 'trung_binh' | 'yeu';

export const BAND_LABELS: Record<Band, { vi: string; en: string }> = {
  tot: { vi: 'Tốt', en: 'Good' },
  kha: { vi: 'Khá', en: 'Fair' },
  trung_binh: { vi: 'Trung bình', en: 'Average' },
  yeu: { vi: 'Yếu', en: 'Weak' },
};

/** Index thresholds (0–100). */
export const INDEX_BANDS = { good: 80, fair: 65, average: 50 } as const;

export function bandOf(score: number, bands: { good: number; fair: number; average: number } = INDEX_BANDS): Band {
  if (score >= bands.good) return 'tot';
  if (score >= bands.fair) return 'kha';
  if (score >= bands.average) return 'trung_binh';
  return 'yeu';
}

/**
 * Achievement against target, as in Quyết định 766: full marks (1) once the target is reached, proportional below it;
 * for lower-is-better indicators the ratio is reversed. A missing value has no achievement (decision 0028).
 */
export function achievement(def: Pick<IndicatorDefinition, 'direction'>, value: number, target: number): number {
  if (def.direction === 'higher') {
    if (target <= 0) return 1;
    return clamp01(value / target);
  }
  if (value <= target) return 1;
  if (value <= 0) return 1;
  return clamp01(target / value);
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function indicatorBand(def: Pick<IndicatorDefinition, 'bands'>, achievementRatio: number): Band {
  return bandOf(achievementRatio * 100, def.bands ?? DEFAULT_BANDS);
}

export interface ScoredIndicator {
  def: IndicatorDefinition;
  /** null: not reported ("chưa báo cáo"). */
  value: number | null;
  target: number;
}

export interface UnitScore {
  score: number;
  pillars: Record<string, number>;
  band: Band;
  /** Share (0–1) of the index weight reported: the score stands for that share only. */
  coverage: number;
  /** Scored indicators reported, of those expected. */
  reported: number;
  expected: number;
}

/** Below this coverage a unit is scored (with its coverage shown) but not ranked among its peers (decision 0028). */
export const RANKED_FROM_COVERAGE = 0.5;

export const isRanked = (coverage: number): boolean => coverage >= RANKED_FROM_COVERAGE;

/**
 * Composes indicator achievements into pillar scores (0–100) and pillar scores into the index by pillar weights, over
 * the indicators reported only (decision 0028): weights are renormalised within each pillar and across the pillars
 * with a reported indicator, and the coverage says how much of the index that is. A missing value scores 0 only when
 * its indicator says so (`whenMissing: zero`). Undefined when nothing weighted was reported.
 */
export function composeScore(items: ScoredIndicator[], pillarWeights: ReadonlyMap<string, number>): UnitScore | undefined {
  const byPillar = new Map<string, { w: number; wReported: number; wa: number }>();
  let reported = 0;
  let expected = 0;
  for (const { def, value, target } of items) {
    if (def.weight <= 0) continue;
    const acc = byPillar.get(def.pillar) ?? { w: 0, wReported: 0, wa: 0 };
    byPillar.set(def.pillar, acc);
    acc.w += def.weight;
    expected++;
    if (value === null && def.whenMissing !== 'zero') continue;
    reported++;
    acc.wReported += def.weight;
    acc.wa += value === null ? 0 : def.weight * achievement(def, value, target);
  }
  const pillars: Record<string, number> = {};
  let expectedW = 0;
  let coveredW = 0;
  let reportedW = 0;
  let total = 0;
  for (const pillar of inCollationOrder(byPillar.keys())) {
    const { w, wReported, wa } = byPillar.get(pillar) ?? { w: 1, wReported: 0, wa: 0 };
    const pw = pillarWeights.get(pillar) ?? 0;
    expectedW += pw;
    coveredW += (pw * wReported) / w;
    if (wReported <= 0) continue;
    const pillarScore = round2((wa / wReported) * 100);
    pillars[pillar] = pillarScore;
    reportedW += pw;
    total += pw * pillarScore;
  }
  if (reportedW <= 0) return undefined;
  const score = round2(total / reportedW);
  return { score, pillars, band: bandOf(score), coverage: round4(coveredW / expectedW), reported, expected };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Competition ranking (1, 2, 2, 4) by score, highest first; ties share a rank. */
export function rankScores(rows: { unit: string; score: number }[]): Map<string, number> {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.unit.localeCompare(b.unit));
  const ranks = new Map<string, number>();
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    ranks.set(r.unit, prev && prev.score === r.score ? (ranks.get(prev.unit) ?? i + 1) : i + 1);
  });
  return ranks;
}

const collated = new Map<string, readonly string[]>();

/** Pillar codes in the order `localeCompare` gives (the order stored in `pillars`), remembered per set of codes. */
function inCollationOrder(codes: Iterable<string>): readonly string[] {
  const list = [...codes];
  const key = list.join('\u0000');
  let sorted = collated.get(key);
  if (!sorted) {
    if (collated.size > 1_000) collated.clear();
    collated.set(key, (sorted = [...list].sort((a, b) => a.localeCompare(b))));
  }
  return sorted;
}
