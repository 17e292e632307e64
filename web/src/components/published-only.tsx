import type { ComponentChildren } from 'preact';
import { isReadable, publishedPeriods } from '../app-state.ts';
import { useTitle } from '../app.tsx';
import { fmtPeriod } from '../format.ts';
import { t } from '../i18n.ts';
import { here } from '../router.ts';
import { PeriodSelect, usePeriod } from './period-select.tsx';
import { SignInNotice } from './sign-in-notice.tsx';

/**
 * Pages that show a month. The public sees published months only: for any other month the page asks nothing of the
 * server (it would answer 401) and says why the figures are missing instead.
 */
export function PublishedOnly({ children }: { children: ComponentChildren }) {
  const period = usePeriod(here.value.query);
  return isReadable(period) ? <>{children}</> : <Unpublished period={period} />;
}

function Unpublished({ period }: { period: string }) {
  const latest = publishedPeriods.value[0]?.period;
  const title = latest ? t('unpublishedTitle', { period: fmtPeriod(period) }) : t('nothingPublished');
  useTitle(title);
  const query = new URLSearchParams(here.value.query);
  query.delete('period');
  const qs = query.toString();
  return (
    <div class="page" data-testid="unpublished">
      <div class="page-head">
        <h1>{title}</h1>
        {latest && <PeriodSelect value={period} />}
      </div>
      <SignInNotice text={latest ? t('unpublished') : t('nothingPublishedNotice')} />
      {latest && <p><a href={qs ? `${here.value.path}?${qs}` : here.value.path}>{t('latestPublished', { period: fmtPeriod(latest) })} →</a></p>}
    </div>
  );
}
