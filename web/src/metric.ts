import type { Band, Indicator, Scorecard, Standing } from './api.ts';
import { indicatorName, indicatorOf, pillarName } from './app-state.ts';
import { bandOfScore, BANDS } from './bands.ts';
import { t, unitName } from './i18n.ts';

/** What a map or ranking is coloured and ordered by: the index, a pillar, or one indicator. */
export type Metric = { kind: 'index' } | { kind: 'pillar'; code: string } | { kind: 'indicator'; code: string };

export function metricFromQuery(query: URLSearchParams): Metric {
  const indicator = query.get('indicator');
  if (indicator && indicatorOf(indicator)) return { kind: 'indicator', code: indicator };
  const pillar = query.get('pillar');
  if (pillar) return { kind: 'pillar', code: pillar };
  return { kind: 'index' };
}

export function metricKey(m: Metric): string {
  return m.kind === 'index' ? 'index' : `${m.kind}:${m.code}`;
}

export function metricQuery(key: string): Record<string, string | null> {
  const [kind, code = ''] = key.split(':');
  if (kind === 'pillar') return { pillar: code, indicator: null };
  if (kind === 'indicator') return { indicator: code, pillar: null };
  return { pillar: null, indicator: null };
}

export function metricLabel(m: Metric): string {
  if (m.kind === 'index') return t('indexShort');
  if (m.kind === 'pillar') return `${t('pillar')}: ${pillarName(m.code)}`;
  return indicatorName(m.code);
}

export interface MetricRow {
  code: string;
  name: string;
  value: number | null;
  band: Band | null;
  rank: number | null;
  peers: number;
  /** 1–4 when the indicator has no target and units are grouped by value instead. */
  group?: number;
}

export interface MetricRows {
  rows: MetricRow[];
  /** Bands come from the index thresholds, from achievement of the target, or from quartiles of the values. */
  basis: 'index' | 'target' | 'quartile';
  def?: Indicator;
}

/** Rows for a metric from the scorecard (index, pillars) or an indicator's standing. */
export function metricRows(metric: Metric, scorecard: Scorecard, standing: Standing | undefined): MetricRows {
  if (metric.kind === 'index') {
    return {
      basis: 'index',
      rows: scorecard.units.map((r) => ({ code: r.unit.code, name: unitName(r.unit), value: r.score, band: r.band, rank: r.rank, peers: r.peers })),
    };
  }
  if (metric.kind === 'pillar') {
    const rows = scorecard.units.map((r) => ({ code: r.unit.code, name: unitName(r.unit), value: r.pillars[metric.code] ?? null, band: bandOfScore(r.pillars[metric.code]), rank: null as number | null, peers: 0 }));
    return { basis: 'index', rows: ranked(rows, 'higher') };
  }
  const def = indicatorOf(metric.code);
  const source = standing?.rows ?? [];
  const withTarget = source.some((r) => r.target !== null);
  const rows = source.map((r) => ({ code: r.unit.code, name: unitName(r.unit), value: r.value, band: withTarget ? r.band : null, rank: r.rank, peers: 0 }));
  const valued = rows.filter((r) => r.value !== null).length;
  rows.forEach((r) => (r.peers = valued));
  if (withTarget) return { basis: 'target', rows, def };
  // No target: four groups by value, best first, shown in the bands' colours with their own labels.
  for (const r of rows) {
    if (r.rank === null || valued === 0) continue;
    const group = Math.min(4, Math.ceil((4 * r.rank) / valued));
    Object.assign(r, { group, band: BANDS[group - 1] ?? null });
  }
  return { basis: 'quartile', rows, def };
}

function ranked(rows: MetricRow[], direction: 'higher' | 'lower'): MetricRow[] {
  const valued = rows.filter((r) => r.value !== null).sort((a, b) => (direction === 'higher' ? (b.value ?? 0) - (a.value ?? 0) : (a.value ?? 0) - (b.value ?? 0)));
  valued.forEach((r, i) => {
    const prev = valued[i - 1];
    r.rank = prev && prev.value === r.value ? prev.rank : i + 1;
    r.peers = valued.length;
  });
  return rows;
}
