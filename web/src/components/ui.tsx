import type { ComponentChildren } from 'preact';
import { isUnauthorized, type Band, type PublicationStamp } from '../api.ts';
import { BAND_COLOURS, BAND_TEXT_COLOURS, bandLabel, NO_DATA_COLOUR } from '../bands.ts';
import { fmtDate, fmtNumber, fmtSigned, roundTo } from '../format.ts';
import { useFlash } from '../hooks.ts';
import { t } from '../i18n.ts';
import { signedIn } from '../session.ts';
import { SignInNotice } from './sign-in-notice.tsx';

/** A number that flashes when it changes; `data-value` carries the raw value for tests and scripts. */
export function Num({ value, text, class: cls }: { value: number | null | undefined; text?: string; class?: string }) {
  const flash = useFlash(value);
  return (
    <span key={flash} class={`num${flash > 0 ? ' flash' : ''}${cls ? ` ${cls}` : ''}`} data-value={value ?? ''}>
      {text ?? fmtNumber(value)}
    </span>
  );
}

/** A band always reads as text; the colour only repeats it. */
export function BandBadge({ band, small }: { band: Band | null | undefined; small?: boolean }) {
  const flash = useFlash(band);
  const bg = band ? BAND_COLOURS[band] : NO_DATA_COLOUR;
  const fg = band ? BAND_TEXT_COLOURS[band] : '#1f2933';
  return (
    <span key={flash} class={`badge${small ? ' small' : ''}${flash > 0 ? ' flash' : ''}`} style={{ background: bg, color: fg }} data-band={band ?? ''}>
      {bandLabel(band)}
    </span>
  );
}

export function Change({ value, digits = 1, suffix = '' }: { value: number | null | undefined; digits?: number; suffix?: string }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  // The arrow follows the change as shown: −0,04 to one decimal is no change, not "▼ −0".
  const shown = roundTo(value, digits);
  const dir = shown > 0 ? 'up' : shown < 0 ? 'down' : 'flat';
  const arrow = shown > 0 ? '▲' : shown < 0 ? '▼' : '■';
  return (
    <span class={`change ${dir}`}>
      <span aria-hidden="true">{arrow} </span>
      <Num value={value} text={`${fmtSigned(value, digits)}${suffix}`} />
    </span>
  );
}

export function RankChange({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  return <Change value={value} digits={0} />;
}

/** A small trend line; the label says in words what the line shows. A missing value breaks the line: a gap, never 0. */
export function Sparkline({ values, label, width = 96, height = 28, colour = '#0072B2' }: { values: (number | null)[]; label: string; width?: number; height?: number; colour?: string }) {
  const points = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null && Number.isFinite(p.v));
  if (points.length < 2) return <span class="muted small">—</span>;
  const min = Math.min(...points.map((p) => p.v));
  const max = Math.max(...points.map((p) => p.v));
  const span = max - min || 1;
  const x = (i: number) => 2 + (i / Math.max(1, values.length - 1)) * (width - 4);
  const y = (v: number) => height - 3 - ((v - min) / span) * (height - 6);
  const runs: { v: number; i: number }[][] = [];
  points.forEach((p, k) => {
    if (k > 0 && points[k - 1]?.i === p.i - 1) runs[runs.length - 1]?.push(p);
    else runs.push([p]);
  });
  const last = points[points.length - 1];
  return (
    <svg class="spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      {runs.map((run) => (run.length > 1
        ? <polyline key={run[0]?.i} points={run.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} fill="none" stroke={colour} stroke-width="2" stroke-linejoin="round" stroke-linecap="round" />
        : <circle key={run[0]?.i} cx={x(run[0]?.i ?? 0)} cy={y(run[0]?.v ?? 0)} r="1.8" fill={colour} />))}
      {last && <circle cx={x(last.i)} cy={y(last.v)} r="2.8" fill={colour} />}
    </svg>
  );
}

/** A 0–100 bar with an optional mark (the "Tốt" threshold or a target). */
export function Meter({ value, mark, band, label }: { value: number | null | undefined; mark?: number; band?: Band | null; label: string }) {
  const pct = Math.max(0, Math.min(100, value ?? 0));
  return (
    <div class="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value ?? undefined} aria-label={label}>
      <div class="meter-fill" style={{ width: `${pct}%`, background: band ? BAND_COLOURS[band] : NO_DATA_COLOUR }} />
      {mark !== undefined && <div class="meter-mark" style={{ left: `${mark}%` }} aria-hidden="true" />}
    </div>
  );
}

export function Card({ title, children, actions, class: cls, id }: { title?: ComponentChildren; children: ComponentChildren; actions?: ComponentChildren; class?: string; id?: string }) {
  return (
    <section class={`card${cls ? ` ${cls}` : ''}`} id={id} aria-labelledby={id && title ? `${id}-title` : undefined}>
      {(title || actions) && (
        <header class="card-head">
          {title && <h2 id={id ? `${id}-title` : undefined}>{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function Loading() {
  return <p class="loading" role="status">{t('loading')}</p>;
}

/** A failed read. A 401 is no failure of the page: the month is not published, or the session ended — say so. */
export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  if (isUnauthorized(error)) return <SignInNotice text={signedIn.value ? t('sessionEnded') : t('unpublished')} />;
  return (
    <div class="error-box" role="alert">
      <strong>{t('loadFailed')}</strong>: {error.message}
      {retry && <button type="button" class="btn" onClick={retry}>{t('retry')}</button>}
    </div>
  );
}

export function ExportLink({ href }: { href: string }) {
  return (
    <a class="btn btn-export" href={href} download>
      <span aria-hidden="true">⤓ </span>{t('exportExcel')}
    </a>
  );
}

/** "Công bố ngày 05/12/2026 · 2 điều chỉnh sau công bố", or, for a signed-in reader, that the month is live only. */
export function PublicationNote({ stamp }: { stamp: PublicationStamp | null | undefined }) {
  if (stamp === undefined) return null;
  if (stamp === null) return signedIn.value ? <span class="tag tag-live" data-published="">{t('liveOnly')}</span> : null;
  return (
    <span class="tag tag-published" data-published={stamp.at}>
      {t('publishedOn', { date: fmtDate(stamp.at) })}
      {stamp.corrections > 0 && <> · {t('correctionsSince', { n: fmtNumber(stamp.corrections, 0) })}</>}
    </span>
  );
}
