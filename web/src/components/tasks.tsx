import { useEffect, useState } from 'preact/hooks';
import { getJson, type TaskDetail, type TaskItem, type TaskStatus } from '../api.ts';
import { fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import { lang, t, unitName } from '../i18n.ts';
import { href } from '../router.ts';
import { Num } from './ui.tsx';

/** Status colours repeat the status text; overdue is the loudest. */
const STATUS: Record<TaskStatus, { vi: string; en: string; bg: string; fg: string }> = {
  qua_han: { vi: 'Quá hạn', en: 'Overdue', bg: '#D55E00', fg: '#0B1B2B' },
  dang_thuc_hien: { vi: 'Đang thực hiện', en: 'In progress', bg: '#56B4E9', fg: '#0B1B2B' },
  chua_thuc_hien: { vi: 'Chưa thực hiện', en: 'Not started', bg: '#E4E7EB', fg: '#1F2933' },
  hoan_thanh_dung_han: { vi: 'Hoàn thành đúng hạn', en: 'Done on time', bg: '#0072B2', fg: '#FFFFFF' },
  hoan_thanh_qua_han: { vi: 'Hoàn thành quá hạn', en: 'Done late', bg: '#E69F00', fg: '#0B1B2B' },
};
export const TASK_STATUSES = Object.keys(STATUS) as TaskStatus[];

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

export function Progress({ value }: { value: number }) {
  return (
    <span class="nowrap">
      <span class="progress" aria-hidden="true"><span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} /></span>
      <Num value={value} text={`${fmtNumber(value, 0)} %`} />
    </span>
  );
}

/** Tasks as a list: overdue and due-soon first (the API's order), each opening onto its progress history. */
export function TaskTable({ tasks, showLead = true }: { tasks: TaskItem[]; showLead?: boolean }) {
  const [open, setOpen] = useState<number | null>(null);
  if (tasks.length === 0) return <p class="muted">{t('noTasks')}</p>;
  return (
    <div class="table-wrap" role="region" aria-label={t('tasks')} tabIndex={0}>
      <table class="tasks">
        <thead>
          <tr>
            <th scope="col">{t('tasks')}</th>
            {showLead && <th scope="col" class="wide">{t('leadUnit')}</th>}
            <th scope="col">{t('deadline')}</th>
            <th scope="col" class="wide">{t('progress')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <>
              <tr key={task.id} data-task={task.id} data-status={task.status}>
                <th scope="row">
                  <button type="button" class="linkish" aria-expanded={open === task.id} onClick={() => setOpen(open === task.id ? null : task.id)}>
                    {task.title}
                  </button>
                  <div class="muted small">{task.directive}</div>
                </th>
                {showLead && <td class="wide"><a href={href(`/don-vi/${task.leadUnit.code}`)}>{unitName(task.leadUnit)}</a></td>}
                <td class="nowrap">{fmtDate(task.deadline)}</td>
                <td class="wide"><Progress value={task.progress} /></td>
                <td><StatusChip status={task.status} dueSoon={task.dueSoon} /></td>
              </tr>
              {open === task.id && (
                <tr key={`${task.id}-d`} class="details-row">
                  <td colSpan={showLead ? 5 : 4}><TaskDetails id={task.id} task={task} /></td>
                </tr>
              )}
            </>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EVENT_NAMES: Record<string, { vi: string; en: string }> = {
  created: { vi: 'Giao nhiệm vụ', en: 'Assigned' },
  progress: { vi: 'Báo cáo tiến độ', en: 'Progress report' },
  completion_submitted: { vi: 'Nộp sản phẩm', en: 'Deliverable submitted' },
  completion_accepted: { vi: 'Nghiệm thu', en: 'Accepted' },
  completion_rejected: { vi: 'Không nghiệm thu', en: 'Rejected' },
  status_changed: { vi: 'Đổi trạng thái', en: 'Status changed' },
};

function TaskDetails({ id, task }: { id: number; task: TaskItem }) {
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  useEffect(() => {
    void getJson<TaskDetail>(`/api/tasks/${id}`).then(setDetail, () => setDetail(null));
  }, [id, task.progress, task.status]);
  return (
    <div class="task-detail">
      <dl class="definition">
        <dt>{t('responsible')}</dt><dd>{task.responsible.name}, {task.responsible.position}</dd>
        <dt>{t('deliverable')}</dt><dd>{task.deliverable}</dd>
        <dt>{t('approver')}</dt><dd>{task.approver}</dd>
        <dt>{t('deadline')}</dt><dd>{fmtDate(task.deadline)}{task.deadlineText ? ` (${task.deadlineText})` : ''}</dd>
        {task.coordinators.length > 0 && <><dt>{t('coordinating')}</dt><dd>{task.coordinators.map(unitName).join(', ')}</dd></>}
      </dl>
      <h3>{t('history')}</h3>
      {!detail ? <p class="muted small">{t('loading')}</p> : (
        <ol class="timeline">
          {detail.history.map((h) => (
            <li key={h.id}>
              <time dateTime={h.at}>{fmtDateTime(h.at)}</time> — <strong>{EVENT_NAMES[h.kind]?.[lang.value] ?? h.kind}</strong>
              {h.progress !== null && <> · {fmtNumber(h.progress, 0)} %</>}
              {h.note && <> · {h.note}</>}
              <span class="muted small"> ({h.actor})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
