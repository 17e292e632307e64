import { useState } from 'preact/hooks';
import type { TaskItem, TaskStatus } from '../api.ts';
import { fmtDate, fmtNumber } from '../format.ts';
import { lang, t, unitName } from '../i18n.ts';
import { tt } from '../i18n-tasks.ts';
import { href } from '../router.ts';
import { Num } from './ui.tsx';
import './tasks.css';

/** Status colours repeat the status text; overdue is the loudest. */
const STATUS: Record<TaskStatus, { vi: string; en: string; bg: string; fg: string }> = {
  qua_han: { vi: 'Quá hạn', en: 'Overdue', bg: '#D55E00', fg: '#0B1B2B' },
  dang_thuc_hien: { vi: 'Đang thực hiện', en: 'In progress', bg: '#56B4E9', fg: '#0B1B2B' },
  chua_thuc_hien: { vi: 'Chưa thực hiện', en: 'Not started', bg: '#E4E7EB', fg: '#1F2933' },
  hoan_thanh_dung_han: { vi: 'Hoàn thành đúng hạn', en: 'Done on time', bg: '#0072B2', fg: '#FFFFFF' },
  hoan_thanh_qua_han: { vi: 'Hoàn thành quá hạn', en: 'Done late', bg: '#E69F00', fg: '#0B1B2B' },
};
export const TASK_STATUSES = Object.keys(STATUS) as TaskStatus[];

/** A task's own page: where it is read and acted on. */
export const taskPath = (id: number) => `/nhiem-vu/${id}`;

export function statusLabel(status: TaskStatus): string {
  return STATUS[status]?.[lang.value] ?? status;
}

export function StatusChip({ status, dueSoon }: { status: TaskStatus; dueSoon?: boolean }) {
  const s = STATUS[status];
  return (
    <span class="task-status">
      <span class="status" style={{ background: s?.bg, color: s?.fg }} data-status={status}>{statusLabel(status)}</span>
      {dueSoon && <span class="tag tag-synthetic">{t('tasksDueSoon')}</span>}
    </span>
  );
}

/** "quá hạn 412 ngày", "còn 3 ngày", "đến hạn hôm nay": counted by the server, in Vietnam time. */
export function Urgency({ task }: { task: Pick<TaskItem, 'daysOverdue' | 'dueInDays'> }) {
  if (task.daysOverdue !== null) {
    return <span class="urgency urgency-late" data-days-overdue={task.daysOverdue}>{tt('overdueBy', { n: fmtNumber(task.daysOverdue, 0) })}</span>;
  }
  if (task.dueInDays === null) return null;
  const text = task.dueInDays === 0 ? tt('dueToday') : tt('dueIn', { n: fmtNumber(task.dueInDays, 0) });
  return <span class={`urgency${task.dueInDays <= 7 ? ' urgency-soon' : ''}`} data-due-in={task.dueInDays}>{text}</span>;
}

export function Progress({ value }: { value: number }) {
  return (
    <span class="nowrap">
      <span class="progress" aria-hidden="true"><span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} /></span>
      <Num value={value} text={`${fmtNumber(value, 0)} %`} />
    </span>
  );
}

/**
 * Tasks in the API's order (most overdue first, then due soonest), each linking to its own page; `pageSize` shows
 * that many first and the rest on request. On a phone each row becomes a card (tasks.css).
 */
export function TaskTable({ tasks, showLead = true, pageSize }: { tasks: TaskItem[]; showLead?: boolean; pageSize?: number }) {
  const [shown, setShown] = useState(pageSize ?? tasks.length);
  if (tasks.length === 0) return <p class="muted">{t('noTasks')}</p>;
  const visible = tasks.slice(0, Math.max(shown, pageSize ?? 0));
  const rest = tasks.length - visible.length;
  return (
    <div class="task-list">
      <table class="tasks">
        <thead>
          <tr>
            <th scope="col">{t('tasks')}</th>
            {showLead && <th scope="col" class="wide">{t('leadUnit')}</th>}
            <th scope="col">{t('deadline')}</th>
            <th scope="col">{t('progress')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((task) => (
            <tr key={task.id} data-task={task.id} data-status={task.status}>
              <th scope="row" class="task-title">
                <a href={href(taskPath(task.id))}>{task.title}</a>
                <div class="muted small">{task.directive}</div>
              </th>
              {showLead && <td class="task-lead wide"><a href={href(`/don-vi/${task.leadUnit.code}`)}>{unitName(task.leadUnit)}</a></td>}
              <td class="task-deadline"><span class="nowrap">{fmtDate(task.deadline)}</span> <Urgency task={task} /></td>
              <td class="task-progress"><Progress value={task.progress} /></td>
              <td class="task-state"><StatusChip status={task.status} dueSoon={task.dueSoon} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {rest > 0 && pageSize && (
        <button type="button" class="btn show-more" onClick={() => setShown(visible.length + pageSize)}>
          {tt('showMore', { n: fmtNumber(Math.min(rest, pageSize), 0) })}
        </button>
      )}
    </div>
  );
}
