import { useState } from 'preact/hooks';
import { getJson, type Unit } from '../api.ts';
import { getReportDue } from '../api-report.ts';
import { useTitle } from '../app.tsx';
import { serverMonth } from '../app-state.ts';
import { ReportForm } from '../components/report-form.tsx';
import { canReport } from '../components/report-link.tsx';
import { ReportImport } from '../components/report-import.tsx';
import { ErrorBox, Loading } from '../components/ui.tsx';
import { UnitPicker } from '../components/unit-picker.tsx';
import { fmtPeriod, lastMonths } from '../format.ts';
import { useResource } from '../hooks.ts';
import { unitName } from '../i18n.ts';
import { tr } from '../i18n-report.ts';
import { here, setQuery } from '../router.ts';
import { currentUser, type User } from '../session.ts';
import '../report.css';

/** Months offered for late reports: this one and the 23 before it. */
const REPORTABLE_MONTHS = 24;

/** "Báo cáo số liệu": what the unit owes this month, a form for it, and the office's Excel sheet with a preview. */
export function ReportPage() {
  useTitle(tr('title'));
  const user = currentUser.value;
  const month = here.value.query.get('period') ?? serverMonth.value;
  const unit = here.value.query.get('unit') ?? user?.unit ?? null;
  if (!user || !canReport(user)) return <div class="page"><h1>{tr('title')}</h1><p>{tr('signInToReport')}</p></div>;
  return (
    <div class="page report-page">
      <div class="report-head">
        <h1>{tr('title')}</h1>
        <div class="report-controls">
          <UnitChoice user={user} unit={unit} />
          <label class="field">
            {tr('month')}
            <select value={month} onChange={(e) => setQuery({ period: e.currentTarget.value === serverMonth.value ? null : e.currentTarget.value })}>
              {lastMonths(serverMonth.value, REPORTABLE_MONTHS).reverse().map((m) => <option key={m} value={m}>{fmtPeriod(m)}</option>)}
            </select>
          </label>
        </div>
      </div>
      {unit ? <ReportFor key={`${unit}|${month}`} user={user} unit={unit} month={month} /> : <p>{tr('chooseUnit')}</p>}
    </div>
  );
}

function ReportFor({ user, unit, month }: { user: User; unit: string; month: string }) {
  const due = useResource((signal) => getReportDue(unit, month, signal), [unit, month], (m) => m.changes.kpis.some((k) => k.unit === unit));
  const [imported, setImported] = useState(0);
  if (due.error) return <ErrorBox error={due.error} retry={due.reload} />;
  if (!due.data) return <Loading />;
  const answer = due.data;
  return (
    <>
      <p class="lead" data-testid="report-lead">{tr('lead', { unit: unitName(answer.unit), month: fmtPeriod(month) })}</p>
      <ReportForm key={imported} user={user.username} due={answer} onSent={due.reload} />
      <ReportImport unit={answer.unit} month={month} onWritten={() => { setImported((n) => n + 1); due.reload(); }} />
    </>
  );
}

/** An editor reports for its unit, or a unit beneath it (a province's communes); an administrator picks any. */
function UnitChoice({ user, unit }: { user: User; unit: string | null }) {
  const home = user.unit;
  const units = useResource((signal) => (home ? scopeOf(home, signal) : Promise.resolve([])), [home]);
  if (!home) return <div class="field">{tr('reportFor')}<UnitPicker value={unit ?? undefined} onPick={(code) => setQuery({ unit: code })} /></div>;
  const list = units.data ?? [];
  if (list.length < 2) return null;
  return (
    <label class="field">
      {tr('reportFor')}
      <select value={unit ?? home} onChange={(e) => setQuery({ unit: e.currentTarget.value === home ? null : e.currentTarget.value })}>
        {list.map((u) => <option key={u.code} value={u.code}>{unitName(u)}</option>)}
      </select>
    </label>
  );
}

/** The editor's unit, then the units beneath it. */
async function scopeOf(home: string, signal: AbortSignal): Promise<Unit[]> {
  const [self, beneath] = await Promise.all([
    getJson<Unit>(`/api/units/${encodeURIComponent(home)}`, {}, signal),
    getJson<{ items: Unit[] }>('/api/units', { parent: home, limit: 500 }, signal),
  ]);
  return [self, ...beneath.items];
}
