import type { ComponentChildren } from 'preact';
import { publishedPeriods, synthetic } from '../app-state.ts';
import { fmtDate, fmtPeriod, fmtTime } from '../format.ts';
import { useNow } from '../hooks.ts';
import { lang, setLang, t, type MessageKey } from '../i18n.ts';
import { lastUpdate, liveStatus } from '../live.ts';
import { here, setQuery } from '../router.ts';
import { signedIn } from '../session.ts';
import { AccountBar } from './account-bar.tsx';
import { ReportLink } from './report-link.tsx';
import { usePeriod } from './period-select.tsx';

const NAV: { path: string; key: MessageKey; match: RegExp }[] = [
  { path: '/', key: 'navOverview', match: /^\/$/ },
  { path: '/ban-do', key: 'navMap', match: /^\/ban-do/ },
  { path: '/xep-hang', key: 'navRankings', match: /^\/(xep-hang|don-vi)/ },
  { path: '/chi-tieu', key: 'navIndicators', match: /^\/chi-tieu/ },
  { path: '/nhiem-vu', key: 'navTasks', match: /^\/nhiem-vu/ },
];

export function Shell({ children }: { children: ComponentChildren }) {
  const path = here.value.path;
  const period = here.value.query.get('period');
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
              {/* The visible code is part of the name, so a voice command saying what is seen ("EN") finds it. */}
              {lang.value === 'vi' ? 'EN' : 'VI'}<span class="sr-only"> — {t('switchLangLabel')}</span>
            </button>
          </div>
        </div>
        <nav class="main-nav" aria-label={lang.value === 'vi' ? 'Trang chính' : 'Main pages'}>
          <ul>
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
      {synthetic.value && (
        <div class="demo-banner" role="note" data-testid="demo-banner">
          <strong>{t('demoBanner')}</strong> <span>{t('demoBannerText')}</span>
        </div>
      )}
      <main id="main" tabIndex={-1}>{children}</main>
      <footer class="foot">
        <span>{t('appName')} — {lang.value === 'vi' ? 'đo lường, theo dõi, đánh giá KPI chuyển đổi số theo thời gian thực' : 'real-time KPIs of digital transformation'}</span>
        <a href="/api/docs" target="_blank" rel="noopener">API</a>
      </footer>
    </>
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
      {label}
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
      {shown ? t('publishedData', { period: fmtPeriod(shown.period) }) : t('nothingPublished')}
    </span>
  );
}

/** "Cập nhật lúc 14:26:53 · 12 giây trước": the time of the newest data on screen, and how long ago that was. */
function UpdatedClock() {
  const now = useNow(1000);
  const at = lastUpdate.value;
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  const ago = seconds < 60 ? t('secondsAgo', { n: seconds }) : t('minutesAgo', { n: Math.floor(seconds / 60) });
  return (
    <p class="updated" data-testid="updated-clock">
      {t('updatedAt')} <time dateTime={at.toISOString()}>{fmtTime(at)} {fmtDate(at)}</time>
      <span class="ago"> · {ago}</span>
    </p>
  );
}
