import { scoredMonths, serverMonth } from '../app-state.ts';
import { fmtPeriod, lastMonths } from '../format.ts';
import { lang, t } from '../i18n.ts';
import { setQuery } from '../router.ts';

/** Every month from the first that holds scores to the current one, newest first; a year back when nothing is scored. */
function pickableMonths(current: string, scored: readonly string[], shown: string): string[] {
  const oldest = scored.at(-1);
  const span = oldest && oldest <= current ? monthIndex(current) - monthIndex(oldest) + 1 : 13;
  const months = lastMonths(current, span);
  if (!months.includes(shown)) months.push(shown);
  return months.sort().reverse();
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The month the page shows, kept in the URL (?period=YYYY-MM) so that a link shows the same numbers. */
export function PeriodSelect({ value }: { value: string }) {
  const months = pickableMonths(serverMonth.value, scoredMonths.value, value);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const pick = (month: string) => setQuery({ period: month === serverMonth.value ? null : month });
  return (
    <label class="field">
      <span>{t('month')}</span>
      <select value={value} onChange={(e) => pick((e.currentTarget as HTMLSelectElement).value)} data-testid="period-select">
        {years.map((year) => (
          <optgroup key={year} label={lang.value === 'en' ? year : `${t('year')} ${year}`}>
            {months.filter((m) => m.startsWith(year)).map((m) => <option key={m} value={m}>{fmtPeriod(m)}</option>)}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** The month in the URL, or the server's current month. */
export function usePeriod(query: URLSearchParams): string {
  const asked = query.get('period');
  return asked && /^\d{4}-\d{2}$/.test(asked) ? asked : serverMonth.value;
}
