import { getReportDue, type DueItem } from '../api-report.ts';
import { fmtDate, fmtNumber } from '../format.ts';
import { useResource } from '../hooks.ts';
import { th } from '../i18n-home.ts';
import { lang } from '../i18n.ts';
import type { ChangeMessage } from '../live.ts';
import { currentUser } from '../session.ts';
import { canReport, REPORT_PATH } from './report-link.tsx';
import { Card, ErrorBox, Loading } from './ui.tsx';

const valuesMoved = (m: ChangeMessage) => m.resync === true || m.changes.kpis.length > 0;

/**
 * "Báo cáo kỳ này" on a unit's home: what the unit owes for the month and by when (GET /api/reporting/due, decision
 * 0030), the values not yet sent first, and the way to the report form for those who may report.
 */
export function HomeReporting({ code, period }: { code: string; period: string }) {
  const due = useResource((signal) => getReportDue(code, period, signal), [code, period], valuesMoved);
  const items = due.data?.items ?? [];
  const open = items.filter((i) => i.status !== 'reported').sort((a, b) => a.daysLeft - b.daysLeft);
  const form = `${REPORT_PATH}?unit=${encodeURIComponent(code)}&period=${period}`;
  return (
    <Card title={th('reportingTitle')} id="home-reporting">
      {due.error && <ErrorBox error={due.error} retry={due.reload} />}
      {!due.data ? (due.error ? null : <Loading />) : (
        <>
          <p data-testid="home-reporting-count">
            {items.length === 0 ? th('reportingNone') : th('reportingCount', { reported: fmtNumber(items.length - open.length, 0), due: fmtNumber(items.length, 0) })}
          </p>
          {open.length > 0 && (
            <ul class="attention-list">
              {open.slice(0, 8).map((item) => (
                <li key={`${item.indicator}|${item.period}`} data-indicator={item.indicator} data-status={item.status}>
                  <span>{lang.value === 'en' ? item.nameEn : item.name} · {item.periodLabel}</span>
                  <span class="attention-what"><strong class={item.status === 'overdue' ? 'attention-late' : 'attention-soon'}>{deadlineText(item)}</strong></span>
                </li>
              ))}
            </ul>
          )}
          {canReport(currentUser.value) && items.length > 0 && <p><a class="btn" href={form} data-testid="home-report-now">{th('reportNow')}</a></p>}
        </>
      )}
    </Card>
  );
}

function deadlineText(item: DueItem): string {
  const date = fmtDate(item.deadline);
  if (item.daysLeft < 0) return th('reportOverdue', { date, n: fmtNumber(-item.daysLeft, 0) });
  return th('reportBy', { date, n: fmtNumber(item.daysLeft, 0) });
}
