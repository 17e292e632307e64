import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { publishedPeriods, synthetic } from '../app-state.ts';
import { fmtDate, fmtPeriod, fmtTime } from '../format.ts';
import { useNow } from '../hooks.ts';
import { lang, setLang, t, type MessageKey } from '../i18n.ts';
import { tp } from '../i18n-phone.ts';
import { lastUpdate, liveStatus } from '../live.ts';
import { here, setQuery } from '../router.ts';
import { signedIn } from '../session.ts';
import { AccountBar } from './account-bar.tsx';
import { MyUnitLink } from './my-unit-link.tsx';
import { OfflineBanner } from './offline-banner.tsx';
import { ReportLink } from './report-link.tsx';
import { usePeriod } from './period-select.tsx';
import './phone.css';
import './print.css';

const NAV: { path: string; key: MessageKey; match: RegExp }[] = [
  { path: '/', key: 'navOverview', match: /^\/$/ },
  { path: '/ban-do', key: 'navMap', match: /^\/ban-do/ },
  { path: '/xep-hang', key: 'navRankings', match: /^\/(xep-hang|don-vi\/)/ },
  { path: '/chi-tieu', key: 'navIndicators', match: /^\/chi-tieu/ },
  { path: '/nhiem-vu', key: 'navTasks', match: /^\/nhiem-vu/ },
];

export function Shell({ children }: { children: ComponentChildren }) {
  const path = here.value.path;
  const period = here.value.query.get('period');
  // On a phone the pages sit behind a menu button: the first screen is for the figures, not the frame.
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      <a class="skip" href="#main">{t('skip')}</a>
      <header class="top">
        <div class="top-row">
          <a class="brand" href="/">
            <span class="logo" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="22" height="22"><path d="M2 13h4l2-6 4 12 3-9 2 3h5" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" /></svg>
            </span>
            <span class="brand-name">{t('appName')}</span>
            <span class="brand-tag">{t('tagline')}</span>
          </a>
          <div class="top-status">
            <DataMode />
            <AccountBar />
            <button
              type="button"
              class="btn lang-switch"
              lang={lang.value === 'vi' ? 'en' : 'vi'}
              onClick={() => {
                const next = lang.value === 'vi' ? 'en' : 'vi';
                setLang(next);
                if (here.value.query.has('lang')) setQuery({ lang: next });
              }}
            >
              {lang.value === 'vi' ? 'EN' : 'VI'}
              {/* The name starts with what is seen ("EN"), so speech control can say it. */}
              <span class="sr-only"> — {t('switchLangLabel')}</span>
            </button>
          </div>
          <button type="button" class="btn menu-toggle" aria-expanded={menuOpen} aria-controls="main-pages" onClick={() => setMenuOpen(!menuOpen)}>
            <span aria-hidden="true">☰</span> {tp('menu')}
          </button>
        </div>
        <nav class="main-nav" aria-label={lang.value === 'vi' ? 'Trang chính' : 'Main pages'}>
          <ul id="main-pages" data-open={menuOpen} onClick={() => setMenuOpen(false)}>
            <MyUnitLink />
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={period && item.path !== '/nhiem-vu' ? `${item.path}?period=${period}` : item.path} aria-current={item.match.test(path) ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              </li>
            ))}
            <ReportLink path={path} />
          </ul>
          <UpdatedClock />
        </nav>
      </header>
      <OfflineBanner />
      {synthetic.value && <DemoBanner />}
      <main id="main" tabIndex={-1}>{children}</main>
      <footer class="foot">
        <span>{t('appName')} — {lang.value === 'vi' ? 'đo lường, theo dõi, đánh giá KPI chuyển đổi số theo thời gian thực' : 'real-time KPIs of digital transformation'}</span>
        <a href="/api/docs" target="_blank" rel="noopener">API</a>
      </footer>
    </>
  );
}

/**
 * "DỮ LIỆU MINH HỌA" on one line on a phone, the whole sentence a tap away; a screen reader reads it all either way
 * (the long text is only visually folded).
 */
function DemoBanner() {
  const [open, setOpen] = useState(false);
  return (
    <div class="demo-banner" role="note" data-testid="demo-banner" data-open={open}>
      <strong>{t('demoBanner')}</strong>{' '}
      <span class="demo-long">{t('demoBannerText')}</span>
      <button type="button" class="linkish demo-more" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? tp('demoLess') : tp('demoMore')}
      </button>
    </div>
  );
}

/** What the figures on screen are: live, straight from the stream (signed in), or a published month (the public). */
function DataMode() {
  if (signedIn.value === undefined) return null;
  return signedIn.value ? <LiveIndicator /> : <PublishedLabel />;
}

function LiveIndicator() {
  const status = liveStatus.value;
  const label = status === 'live' ? t('liveOn') : status === 'offline' ? t('liveOff') : t('liveConnecting');
  return (
    <span class={`live live-${status}`} role="status" aria-live="polite" data-live={status} data-mode="live" data-testid="data-mode">
      <span class="live-dot" aria-hidden="true" />
      <span class="live-text">{label}</span>
    </span>
  );
}

/** "Số liệu đã công bố (kỳ 05/2026)": the month on screen if it is published, else the latest published one. */
function PublishedLabel() {
  const period = usePeriod(here.value.query);
  const published = publishedPeriods.value;
  const shown = published.find((p) => p.period === period) ?? published[0];
  return (
    <span class="live live-published" role="status" data-mode="published" data-testid="data-mode">
      <span class="live-dot" aria-hidden="true" />
      <span class="live-text">{shown ? t('publishedData', { period: fmtPeriod(shown.period) }) : t('nothingPublished')}</span>
    </span>
  );
}

/**
 * "Số liệu cập nhật lúc 14:26:53 08/12/2026 · 12 giây trước": when the data itself last changed — the server's time of
 * the newest change for live data, the publication for published data — never when the browser fetched it.
 */
function UpdatedClock() {
  const now = useNow(1000);
  const period = usePeriod(here.value.query);
  const published = publishedPeriods.value.find((p) => p.period === period) ?? publishedPeriods.value[0];
  const at = signedIn.value ? lastUpdate.value : published?.publishedAt ? new Date(published.publishedAt) : null;
  if (!at) return null;
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  const ago = seconds < 60 ? t('secondsAgo', { n: seconds }) : seconds < 3600 ? t('minutesAgo', { n: Math.floor(seconds / 60) }) : null;
  return (
    <p class="updated" data-testid="updated-clock">
      {t('updatedAt')} <time dateTime={at.toISOString()}>{fmtTime(at)} {fmtDate(at)}</time>
      {ago && <span class="ago"> · {ago}</span>}
    </p>
  );
}
