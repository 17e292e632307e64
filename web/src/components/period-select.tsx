import { serverMonth } from '../app-state.ts';
import { fmtPeriod, lastMonths } from '../format.ts';
import { t } from '../i18n.ts';
import { setQuery } from '../router.ts';

/** The month the page shows, kept in the URL (?period=YYYY-MM) so that a link shows the same numbers. */
export function PeriodSelect({ value }: { value: string }) {
  const months = lastMonths(serverMonth.value, 13).reverse();
  if (!months.includes(value)) months.unshift(value);
  return (
    <label class="field">
      <span>{t('month')}</span>
      <select value={value} onChange={(e) => setQuery({ period: (e.currentTarget as HTMLSelectElement).value === serverMonth.value ? null : (e.currentTarget as HTMLSelectElement).value })}>
        {months.map((m) => <option key={m} value={m}>{fmtPeriod(m)}</option>)}
      </select>
    </label>
  );
}

/** The month in the URL, or the server's current month. */
export function usePeriod(query: URLSearchParams): string {
  const asked = query.get('period');
  return asked && /^\d{4}-\d{2}$/.test(asked) ? asked : serverMonth.value;
}
