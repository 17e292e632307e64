import { useTitle } from '../app.tsx';
import { apiUrl, getJson, type Directive, type TaskItem, type TaskList, type TaskStatus, type Unit } from '../api.ts';
import { StatusChip, TASK_STATUSES, TaskTable, statusLabel } from '../components/tasks.tsx';
import { SignInNotice } from '../components/sign-in-notice.tsx';
import { Card, ErrorBox, ExportLink, Loading, Meter, Num } from '../components/ui.tsx';
import { UnitPicker } from '../components/unit-picker.tsx';
import { fmtDate, fmtNumber } from '../format.ts';
import { useResource } from '../hooks.ts';
import { t, unitName, type MessageKey } from '../i18n.ts';
import { tt } from '../i18n-tasks.ts';
import { here, setQuery } from '../router.ts';
import { currentUser, signedIn } from '../session.ts';

/** Tasks shown per group before "Xem thêm": keeps the page short on a phone. */
const PAGE = 10;
/** Wide screens open the first group and the directives; a phone starts with them closed. */
const wide = () => typeof matchMedia === 'function' && matchMedia('(min-width: 641px)').matches;

type Role = 'lead' | 'coordinator' | 'any';
/** "chủ trì", "phối hợp", or either: what the unit does in the tasks listed. */
const ROLES: [Role, MessageKey][] = [['any', 'roleAny'], ['lead', 'roleLead'], ['coordinator', 'roleCoordinator']];

/** The board is for signed-in readers: the public is told so, and nothing is asked of the server. */
export function TasksPage() {
  useTitle(t('navTasks'));
  if (!signedIn.value) {
    return (
      <div class="page">
        <div class="page-head"><h1>{t('navTasks')}</h1></div>
        <SignInNotice text={t('tasksSignIn')} />
      </div>
    );
  }
  return <TaskBoard />;
}

/** A unit's staff see the tasks their unit leads or coordinates first, most urgent first. */
function MyUnitTasks({ code }: { code: string }) {
  const relevant = (m: { resync?: boolean; changes: { tasks?: unknown[] } }) => m.resync === true || (m.changes.tasks?.length ?? 0) > 0;
  const unit = useResource((signal) => getJson<Unit>(`/api/units/${encodeURIComponent(code)}`, {}, signal), [code]);
  const tasks = useResource((signal) => getJson<TaskList>('/api/tasks', { unit: code, limit: 1000 }, signal), [code], relevant);
  const name = unit.data ? unitName(unit.data) : '';
  return (
    <Card title={tt('myUnitTasks', { unit: name })} id="my-unit-tasks">
      {tasks.error && <ErrorBox error={tasks.error} retry={tasks.reload} />}
      {!tasks.data ? <Loading /> : tasks.data.items.length === 0
        ? <p class="muted">{tt('myUnitNone', { unit: name })}</p>
        : <TaskTable tasks={tasks.data.items} pageSize={PAGE} />}
    </Card>
  );
}

function TaskBoard() {
  const query = here.value.query;
  const view = query.get('view') === 'unit' ? 'unit' : 'directive';
  const status = TASK_STATUSES.includes(query.get('status') as TaskStatus) ? (query.get('status') as TaskStatus) : undefined;
  const overdue = query.get('overdue') === '1';
  const directive = query.get('directive') ?? undefined;
  const unit = query.get('unit') || undefined;
  const role: Role = unit && (query.get('role') === 'lead' || query.get('role') === 'coordinator') ? (query.get('role') as Role) : 'any';
  const filter = { status, overdue: overdue || undefined, directive, unit, role: role === 'any' ? undefined : role };
  const relevant = (m: { resync?: boolean; changes: { tasks?: unknown[] } }) => m.resync === true || (m.changes.tasks?.length ?? 0) > 0;

  const directives = useResource((signal) => getJson<Directive[]>('/api/directives', {}, signal), [], relevant);
  const tasks = useResource((signal) => getJson<TaskList>('/api/tasks', { ...filter, limit: 1000 }, signal), [status, overdue, directive, unit, role], relevant);
  const groups = group(tasks.data?.items ?? [], view);

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t('navTasks')}</h1>
        <div class="controls">
          <UnitPicker value={unit} onPick={(code) => setQuery({ unit: code, role: code ? query.get('role') : null })} />
          {unit && (
            <div class="field">
              <span id="task-role-label">{t('role')}</span>
              <div class="seg" role="group" aria-labelledby="task-role-label">
                {ROLES.map(([r, key]) => (
                  <button key={r} type="button" class="btn" aria-pressed={role === r} onClick={() => setQuery({ role: r === 'any' ? null : r })}>{t(key)}</button>
                ))}
              </div>
            </div>
          )}
          <div class="field">
            <span id="task-view-label">{t('groupBy')}</span>
            <div class="seg" role="group" aria-labelledby="task-view-label">
              <button type="button" class="btn" aria-pressed={view === 'directive'} onClick={() => setQuery({ view: null })}>{t('byDirective')}</button>
              <button type="button" class="btn" aria-pressed={view === 'unit'} onClick={() => setQuery({ view: 'unit' })}>{t('byUnit')}</button>
            </div>
          </div>
          <label class="field">
            <span>{t('status')}</span>
            <select value={status ?? ''} onChange={(e) => setQuery({ status: (e.currentTarget as HTMLSelectElement).value || null })}>
              <option value="">{t('all')}</option>
              {TASK_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
            </select>
          </label>
          <button type="button" class="btn" aria-pressed={overdue} onClick={() => setQuery({ overdue: overdue ? null : '1' })}>{t('onlyOverdue')}</button>
        </div>
      </div>
      {currentUser.value?.unit && !unit && <MyUnitTasks code={currentUser.value.unit} />}
      {directives.error && <ErrorBox error={directives.error} retry={directives.reload} />}
      {directives.data && directives.data.length > 0 && (
        <details class="directive-list" open={wide()}>
        <summary>{tt('directivesCount', { n: directives.data.length })}</summary>
        <div class="grid grid-3">
          {directives.data.map((d) => (
            <Card key={d.id} title={<>{d.number}</>}>
              <p class="small">{d.title}</p>
              <p class="muted small">{d.issuer} · {fmtDate(d.issued_on ?? d.issuedOn ?? null)}</p>
              <Meter value={d.completionPercent} label={`${fmtNumber(d.completionPercent, 1)} %`} band={d.completionPercent >= 80 ? 'tot' : d.completionPercent >= 50 ? 'kha' : 'trung_binh'} />
              <p class="small">
                {t('done')}: <Num value={d.completionPercent} text={`${fmtNumber(d.completionPercent, 1)} %`} /> · {t('progress')}: <Num value={d.averageProgress} text={`${fmtNumber(d.averageProgress, 1)} %`} /> · {fmtNumber(d.total, 0)} {t('tasks').toLowerCase()}
              </p>
              <ul class="legend">
                {TASK_STATUSES.filter((s) => (d.byStatus[s] ?? 0) > 0).map((s) => (
                  <li key={s}><StatusChip status={s} /> <Num value={d.byStatus[s]} text={fmtNumber(d.byStatus[s], 0)} /></li>
                ))}
              </ul>
              <p><button type="button" class="btn" aria-pressed={directive === String(d.id)} onClick={() => setQuery({ directive: directive === String(d.id) ? null : String(d.id) })}>{t('onlyThisDirective')}</button></p>
            </Card>
          ))}
        </div>
        </details>
      )}
      <Card
        title={`${t('tasks')} (${fmtNumber(tasks.data?.total ?? 0, 0)})`}
        id="task-board"
        actions={<ExportLink href={apiUrl('/api/tasks/export.xlsx', filter)} />}
      >
        {tasks.error && <ErrorBox error={tasks.error} retry={tasks.reload} />}
        {!tasks.data ? <Loading /> : groups.length === 0 ? <p class="muted">{t('noTasks')}</p> : groups.map((g, i) => (
          <details key={g.key} class="task-group" open={i === 0 && wide()} data-group={g.key}>
            <summary>{tt('groupSummary', { title: g.title, n: fmtNumber(g.items.length, 0), late: fmtNumber(overdueCount(g), 0) })}</summary>
            <TaskTable tasks={g.items} showLead={view === 'directive'} pageSize={PAGE} />
          </details>
        ))}
      </Card>
    </div>
  );
}

function group(items: TaskItem[], view: 'directive' | 'unit'): { key: string; title: string; items: TaskItem[] }[] {
  const out = new Map<string, { key: string; title: string; items: TaskItem[] }>();
  for (const task of items) {
    const key = view === 'directive' ? task.directive : task.leadUnit.code;
    const title = view === 'directive' ? task.directive : unitName(task.leadUnit);
    const g = out.get(key) ?? { key, title, items: [] };
    g.items.push(task);
    out.set(key, g);
  }
  // Groups with overdue work come first; inside a group the API's order stands (overdue, due soon, deadline).
  return [...out.values()].sort((a, b) => overdueCount(b) - overdueCount(a) || a.title.localeCompare(b.title, 'vi'));
}

const overdueCount = (g: { items: TaskItem[] }) => g.items.filter((x) => x.status === 'qua_han').length;
