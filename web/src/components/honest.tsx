import type { Coverage, KpiSeries, Report } from '../api.ts';
import { runningPeriod } from '../app-state.ts';
import { fmtDate, fmtNumber, fmtScore } from '../format.ts';
import { th } from '../i18n-honest.ts';
import { Num } from './ui.tsx';
import './honest.css';

/** "Chưa báo cáo": what no one reported is said in words, never drawn as 0 or left as a dash (decision 0028). */
export function NotReported() {
  return <span class="num not-reported" data-value="" data-not-reported="">{th('notReported')}</span>;
}

/** An index or pillar score (one decimal, cut so it never shows across a band threshold), or "Chưa báo cáo". */
export function ScoreValue({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <NotReported />;
  return <Num value={value} text={fmtScore(value)} />;
}

/** "đủ 7/12 chỉ tiêu" beside a score computed over part of its indicators; nothing when all were reported. */
export function CoverageNote({ of }: { of: Coverage | null | undefined }) {
  if (!of || of.expected === null || of.coverage >= 1 || of.reported >= of.expected) return null;
  const share = `${fmtNumber(of.coverage * 100, 0)} %`;
  return (
    <span class="coverage-note" data-coverage={of.coverage} title={th('coverageShare', { share })}>
      {th('coverage', { reported: fmtNumber(of.reported, 0), expected: fmtNumber(of.expected, 0) })}
    </span>
  );
}

/** A rank, or "Chưa xếp hạng" for a scored unit covered too little to be ranked. */
export function RankValue({ rank, scored }: { rank: number | null | undefined; scored: boolean }) {
  if (rank) return <Num value={rank} text={fmtNumber(rank, 0)} />;
  if (!scored) return <span class="muted">—</span>;
  return <span class="not-ranked" title={th('notRankedWhy')}>{th('notRanked')}</span>;
}

/** "Kỳ đang diễn ra, số liệu đến ngày 08/12": the month shown is still running, its figures incomplete. */
export function RunningPeriodMark({ period }: { period: string }) {
  const running = runningPeriod.value;
  if (!running || running.month !== period) return null;
  const [y, m, d] = running.until.split('-');
  const date = y && m && d ? `${d}/${m}` : fmtDate(running.until);
  return <p class="running-period" role="note" data-testid="running-period">{th('runningPeriod', { date })}</p>;
}

/** How a real figure's source begins (src/demo/real-figures.ts); `provenanceOf` reads the same. */
const REAL_LABEL = 'SỐ LIỆU THỰC';

/** The source of a real figure, in words on the page (not only on hover): "Nguồn: Thông báo 4/TB-VPCP …". */
export function RealSource({ report }: { report: Report | null | undefined }) {
  if (!report?.source?.startsWith(REAL_LABEL)) return null;
  const source = report.source.replace(/^SỐ LIỆU THỰC\s*[—-]\s*/, '');
  return <p class="real-source small" title={report.source}>{th('realSource', { source })}</p>;
}

/**
 * A series' values for a trend line: a monthly indicator over every month shown, a month without a value as null (a
 * gap in the line, not a 0 and not a join); other period types as their periods with values.
 */
export function trendValues(series: KpiSeries | undefined, months: readonly string[]): (number | null)[] {
  if (!series) return [];
  if (series.periodType !== 'month') return series.points.map((p) => p.value);
  return months.map((m) => series.points.find((p) => p.period === m)?.value ?? null);
}
