import { defaultPeriod, publishedPeriods, scoredMonths, serverMonth } from '../app-state.ts';
import { fmtPeriod, lastMonths } from '../format.ts';
import { lang, t } from '../i18n.ts';
import { setQuery } from '../router.ts';
import { signedIn } from '../session.ts';
import { RunningPeriodMark } from './honest.tsx';

/**
 * Every month from the first holding data (the server's list starts there) to the current one, newest first; the
 * current one alone when nothing is scored — no month before any data is offered.
 */
function pickableMonths(current: string, scored: readonly string[], shown: string): string[] {
  const oldest = scored.at(-1);
  const span = oldest && oldest <= current ? monthIndex(current) - monthIndex(oldest) + 1 : 1;
  return withShown(lastMonths(current, span), shown);
}

/** The month on screen is always in the list, even one the reader may not open (an unpublished month in a link). */
function withShown(months: string[], shown: string): string[] {
  if (!months.includes(shown)) months.push(shown);
  return months.sort().reverse();
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The month the page shows, kept in the URL (?period=YYYY-MM) so that a link shows the same numbers. The public
 * picks among published months; a signed-in reader among all, the published ones marked.
 */
export function PeriodSelect({ value }: { value: string }) {
  const published = new Set(publishedPeriods.value.map((p) => p.period));
  const months = signedIn.value ? pickableMonths(serverMonth.value, scoredMonths.value, value) : withShown([...published], value);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const pick = (month: string) => setQuery({ period: month === defaultPeriod() ? null : month });
  const label = (m: string) => (signedIn.value && published.has(m) ? `${fmtPeriod(m)} · ${t('publishedMark')}` : fmtPeriod(m));
  return (
    <>
      <label class="field">
        <span>{t('month')}</span>
        <select value={value} onChange={(e) => pick((e.currentTarget as HTMLSelectElement).value)} data-testid="period-select">
          {years.map((year) => (
            <optgroup key={year} label={lang.value === 'en' ? year : `${t('year')} ${year}`}>
              {months.filter((m) => m.startsWith(year)).map((m) => (
                <option key={m} value={m} data-published={published.has(m) ? '' : undefined}>{label(m)}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <RunningPeriodMark period={value} />
    </>
  );
}

/** The month in the URL, or the default one: the latest complete month signed in, the latest published one for the public. */
export function usePeriod(query: URLSearchParams): string {
  const asked = query.get('period');
  return asked && /^\d{4}-\d{2}$/.test(asked) ? asked : defaultPeriod();
}
