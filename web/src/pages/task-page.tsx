import type { ComponentChildren } from 'preact';
import { useTitle } from '../app.tsx';
import { getJson, isUnauthorized, type ApiError, type TaskStatus } from '../api.ts';
import { evidenceUrl, type TaskAction, type TaskEvidence, type TaskHistoryEntry, type TaskPageData } from '../api-tasks.ts';
import { CompletionForm, DecisionForm, ProgressForm, SplitForm } from '../components/task-forms.tsx';
import { Progress, StatusChip, TASK_STATUSES, TaskTable, Urgency, statusLabel, taskPath } from '../components/tasks.tsx';
import { SignInNotice } from '../components/sign-in-notice.tsx';
import { Card, ErrorBox, Loading } from '../components/ui.tsx';
import { fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import { useResource } from '../hooks.ts';
import { lang, t, unitName } from '../i18n.ts';
import { reasonText, tt, type TaskMessageKey } from '../i18n-tasks.ts';
import { href } from '../router.ts';
import { signedIn } from '../session.ts';

const EVENT_NAMES: Record<string, { vi: string; en: string }> = {
  created: { vi: 'Giao nhiệm vụ', en: 'Assigned' },
  progress: { vi: 'Báo cáo tiến độ', en: 'Progress report' },
  completion_submitted: { vi: 'Nộp sản phẩm', en: 'Deliverable submitted' },
  completion_accepted: { vi: 'Nghiệm thu hoàn thành', en: 'Accepted' },
  completion_rejected: { vi: 'Trả lại, không nghiệm thu', en: 'Returned' },
  status: { vi: 'Trạng thái tự cập nhật', en: 'Status updated' },
};

/** A task at its own address, /nhiem-vu/<id>: its "6 rõ", where it stands, its history, and what the reader may do. */
export function TaskPage({ id }: { id: number }) {
  useTitle(tt('taskNumber', { id }));
  if (!signedIn.value) {
    return <div class="page"><h1>{tt('taskNumber', { id })}</h1><SignInNotice text={t('tasksSignIn')} /></div>;
  }
  return <TaskView id={id} />;
}

function TaskView({ id }: { id: number }) {
  const relevant = (m: { resync?: boolean; changes: { tasks?: unknown[] } }) => m.resync === true || (m.changes.tasks?.length ?? 0) > 0;
  const task = useResource((signal) => getJson<TaskPageData>(`/api/tasks/${id}`, {}, signal), [id], relevant);
  if (task.error && !isUnauthorized(task.error) && (task.error as ApiError).status === 404) {
    return <div class="page"><h1>{tt('taskNumber', { id })}</h1><p>{tt('taskNotFound')}</p><p><a href={href('/nhiem-vu')}>{tt('backToTasks')}</a></p></div>;
  }
  const data = task.data;
  return (
    <div class="page" data-task-page={id}>
      <p><a href={href('/nhiem-vu')}>{tt('backToTasks')}</a></p>
      {task.error && <ErrorBox error={task.error} retry={task.reload} />}
      {!data ? <Loading /> : (
        <>
          <Head task={data} />
          <div class="grid grid-2 task-columns">
            <Card title={tt('sixClear')} id="six-clear"><SixClear task={data} /></Card>
            <Card title={tt('whatYouCanDo')} id="task-actions"><Actions task={data} reload={task.reload} /></Card>
          </div>
          <Card title={tt('history')} id="task-history"><History task={data} /></Card>
          <Card title={tt('subtasks', { n: data.subtaskList.length })} id="subtasks">
            {data.subtaskList.length === 0 ? <p class="muted">{tt('noSubtasks')}</p> : <TaskTable tasks={data.subtaskList} pageSize={20} />}
          </Card>
        </>
      )}
    </div>
  );
}

function Head({ task }: { task: TaskPageData }) {
  return (
    <header class="task-head">
      <span class="muted small">{tt('taskNumber', { id: task.id })} · {tt('directiveIs', { number: task.directive })}</span>
      <h1>{task.title}</h1>
      <div class="task-meta">
        <StatusChip status={task.status} dueSoon={task.dueSoon} />
        <Urgency task={task} />
        <Progress value={task.progress} />
      </div>
      {task.completion === 'submitted' && <p class="small" data-awaiting="">{tt('awaiting')}</p>}
      {task.parent && (
        <p class="small">{tt('parentTask')}: <a href={href(taskPath(task.parent.id))}>{task.parent.title}</a> ({unitName(task.parent.leadUnit)})</p>
      )}
    </header>
  );
}

function SixClear({ task }: { task: TaskPageData }) {
  const person = [task.responsible.name, task.responsible.position, task.responsible.contact].filter(Boolean).join(' · ');
  return (
    <dl class="six-clear">
      <dt>{tt('clearWork')}</dt><dd>{task.title}</dd>
      <dt>{tt('clearPerson')}</dt><dd>{person}</dd>
      <dt>{tt('clearResponsibility')}</dt>
      <dd>
        {tt('leadIs', { unit: unitName(task.leadUnit) })}
        {task.coordinators.length > 0 && <><br />{tt('coordinatorsAre', { units: task.coordinators.map(unitName).join(', ') })}</>}
      </dd>
      <dt>{tt('clearTime')}</dt><dd>{fmtDate(task.deadline)}{task.deadlineText ? ` (${task.deadlineText})` : ''} <Urgency task={task} /></dd>
      <dt>{tt('clearProduct')}</dt><dd>{task.deliverable}</dd>
      <dt>{tt('clearAuthority')}</dt><dd>{task.approver}</dd>
    </dl>
  );
}

const ACTION_NAMES: Record<TaskAction, TaskMessageKey> = {
  progress: 'reportProgress', complete: 'submitCompletion', accept: 'accept', reject: 'reject', split: 'split',
};

/**
 * Only the forms the server says this account may use, each behind its name so a phone shows the list first; the
 * most pressing one is open (a decision awaited, else a progress report). The others are named with the reason.
 */
function Actions({ task, reload }: { task: TaskPageData; reload: () => void }) {
  const can = (a: TaskAction) => task.actions[a].allowed;
  const refused = (Object.keys(ACTION_NAMES) as TaskAction[]).filter((a) => !can(a));
  const deciding = can('accept') || can('reject');
  const first = deciding ? 'decide' : can('progress') ? 'progress' : undefined;
  return (
    <div class="task-actions">
      {can('progress') && <Action name="progress" label={tt('reportProgress')} open={first}><ProgressForm task={task} onSaved={reload} /></Action>}
      {deciding && (
        <Action name="decide" label={tt('decide')} open={first}>
          <DecisionForm task={task} onSaved={reload} canAccept={can('accept')} canReject={can('reject')} />
        </Action>
      )}
      {can('complete') && <Action name="complete" label={tt('submitCompletion')} open={first}><CompletionForm task={task} onSaved={reload} /></Action>}
      {can('split') && <Action name="split" label={tt('split')} open={first}><SplitForm task={task} onSaved={reload} /></Action>}
      {refused.length > 0 && (
        <section aria-labelledby="not-allowed-title">
          <h3 id="not-allowed-title">{tt('notYours')}</h3>
          <ul class="not-allowed">
            {refused.map((a) => <li key={a} data-refused={a}><strong>{tt(ACTION_NAMES[a])}</strong>: {reasonText(task.actions[a])}</li>)}
          </ul>
        </section>
      )}
    </div>
  );
}

function Action({ name, label, open, children }: { name: string; label: string; open: string | undefined; children: ComponentChildren }) {
  return (
    <details class="task-action" open={open === name} data-action={name}>
      <summary>{label}</summary>
      {children}
    </details>
  );
}

function History({ task }: { task: TaskPageData }) {
  const byEvent = new Map<number, TaskEvidence[]>();
  for (const e of task.evidence) byEvent.set(e.task_event_id, [...(byEvent.get(e.task_event_id) ?? []), e]);
  const entries = [...task.history].reverse();
  return (
    <ol class="history">
      {entries.map((h) => <HistoryEntry key={h.id} entry={h} evidence={byEvent.get(h.id) ?? []} />)}
    </ol>
  );
}

/** "→ Quá hạn": where the daily status refresh moved the task. */
function StatusMove({ data }: { data: unknown }) {
  const to = (data as { to?: string } | null)?.to;
  return TASK_STATUSES.includes(to as TaskStatus) ? <> → {statusLabel(to as TaskStatus)}</> : null;
}

function HistoryEntry({ entry, evidence }: { entry: TaskHistoryEntry; evidence: TaskEvidence[] }) {
  const photos = evidence.filter((e) => e.hash && e.mime?.startsWith('image/'));
  const files = evidence.filter((e) => e.hash && !e.mime?.startsWith('image/'));
  const links = evidence.filter((e) => e.link);
  const kind = entry.kind === 'completion_rejected' ? 'rejected' : entry.kind === 'completion_accepted' ? 'accepted' : undefined;
  return (
    <li class={kind} data-event={entry.kind}>
      <strong>{EVENT_NAMES[entry.kind]?.[lang.value] ?? entry.kind}</strong>
      {entry.progress !== null && <> · {fmtNumber(entry.progress, 0)} %</>}
      {entry.kind === 'status' && <StatusMove data={entry.data} />}
      <div class="muted small"><time dateTime={entry.at}>{fmtDateTime(entry.at)}</time> · {tt('by', { who: entry.actor.startsWith('system:') ? tt('theSystem') : entry.actor })}</div>
      {entry.note && <p class="history-note">{entry.note}</p>}
      {photos.length > 0 && (
        <div class="evidence-photos">
          {photos.map((p) => (
            <a key={p.id} href={evidenceUrl(p.hash ?? '')} download={p.file_name ?? undefined}>
              <img src={evidenceUrl(p.hash ?? '')} alt={tt('photoOf', { name: p.file_name ?? '' })} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {(files.length > 0 || links.length > 0) && (
        <ul class="evidence-files">
          {files.map((f) => <li key={f.id}><a href={evidenceUrl(f.hash ?? '')} download={f.file_name ?? undefined} aria-label={tt('download', { name: f.file_name ?? '' })}>{f.file_name}</a></li>)}
          {links.map((l) => <li key={l.id}><a href={l.link ?? ''} rel="noopener noreferrer" target="_blank">{l.link}</a></li>)}
        </ul>
      )}
    </li>
  );
}
