import { reporterOf, type Indicator, type Report } from '../api.ts';
import { measureOf, synthetic } from '../app-state.ts';
import { fmtCompact, fmtDateTime, fmtFixed, fmtNumber } from '../format.ts';
import { lang, t } from '../i18n.ts';
import { NotReported } from './honest.tsx';
import { Num } from './ui.tsx';

/**
 * How many decimals an indicator's values show, the same for every unit and month (decision 0032): ranks and counts
 * none; shares, scores, ratios and money in millions or billions one.
 */
export function decimalsOf(def: Indicator): number {
  if (def.measure === 'hạng') return 0;
  if (def.measure === '%' || def.measure === 'điểm' || def.measure.includes('/')) return 1;
  if (def.kind === 'formula' || def.rollup === 'ratio' || def.rollup === 'weighted_mean') return 1;
  return /tỷ|triệu/.test(def.measure) ? 1 : 0;
}

/** A value with its measure: "59,0 %", "22,3 triệu chứng thư", "hạng 18". */
export function valueText(value: number | null | undefined, def: Indicator | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!def) return fmtNumber(value);
  const digits = decimalsOf(def);
  if (def.measure === '%') return `${fmtFixed(value, digits)} %`;
  if (def.measure === 'hạng') return lang.value === 'en' ? `#${fmtFixed(value, 0)}` : `hạng ${fmtFixed(value, 0)}`;
  if (def.measure === 'điểm') return `${fmtFixed(value, digits)} ${lang.value === 'en' ? 'points' : 'điểm'}`;
  // "111.400 triệu USD" reads as "111,4 tỷ USD", the way the articles write it.
  if (def.measure === 'triệu USD' && Math.abs(value) >= 1000) return `${fmtFixed(value / 1000, 1)} ${lang.value === 'en' ? 'billion USD' : 'tỷ USD'}`;
  const big = Math.abs(value) >= 10_000;
  return `${big ? fmtCompact(value) : fmtFixed(value, digits)} ${measureOf(def)}`;
}

/** A KPI value with its measure, or "Chưa báo cáo" when none was reported (never 0, decision 0028). */
export function Value({ value, def }: { value: number | null | undefined; def: Indicator | undefined }) {
  if (value === null || value === undefined) return <NotReported />;
  return <Num value={value} text={valueText(value, def)} />;
}

export type Provenance = 'real' | 'synthetic' | 'derived' | 'reported';

export function provenanceOf(report: Report | null | undefined): Provenance {
  const source = report?.source ?? '';
  if (source.startsWith('SỐ LIỆU THỰC')) return 'real';
  if (source.startsWith('DỮ LIỆU MINH HỌA')) return 'synthetic';
  if (!report) return synthetic.value ? 'synthetic' : 'derived';
  return 'reported';
}

/** "Số liệu thực" for a figure from a source article, "Minh họa" for synthetic data; the full source on hover. */
export function ProvenanceTag({ report }: { report: Report | null | undefined }) {
  const kind = provenanceOf(report);
  if (kind === 'reported') return null;
  const title = report ? `${report.source ?? ''} — ${reporterOf(report)}, ${fmtDateTime(report.reportedAt)}${report.evidence ? `\n${t('evidence')}: ${report.evidence}` : ''}` : t('derived');
  if (kind === 'derived') return <span class="tag" title={title}>{t('derived')}</span>;
  return <span class={`tag tag-${kind}`} title={title}>{kind === 'real' ? t('realFigure') : t('synthetic')}</span>;
}

const EVIDENCE_CHARS = 80;

/** Cuts at a space, so no word is split ("22,3 triệu" stays whole); the ellipsis says there is more. */
function shorten(text: string, max = EVIDENCE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** The report's own words (or link) behind a value: the first line in the table, the whole text one click away. */
export function Evidence({ text }: { text: string }) {
  const full = text.trim();
  const label = <span class="ev-label">{t('evidence')}:</span>;
  if (/^https?:\/\/\S+$/i.test(full)) {
    return <span class="evidence">{label} <a href={full} target="_blank" rel="noopener noreferrer" title={full}>{shorten(full, 48)}</a></span>;
  }
  if (full.length <= EVIDENCE_CHARS) return <span class="evidence">{label} <q>{full}</q></span>;
  return (
    <details class="evidence">
      <summary title={full}>{label} <q class="ev-short">{shorten(full)}</q></summary>
      <q class="ev-full">{full}</q>
    </details>
  );
}
