import { daysBetween } from './deadline.ts';

/** The five statuses of the Nghị quyết 57 monitoring system. */
export type TaskStatus = 'chua_thuc_hien' | 'dang_thuc_hien' | 'hoan_thanh_dung_han' | 'hoan_thanh_qua_han' | 'qua_han';

export const TASK_STATUS_LABELS: Record<TaskStatus, { vi: string; en: string }> = {
  chua_thuc_hien: { vi: 'Chưa thực hiện', en: 'Not started' },
  dang_thuc_hien: { vi: 'Đang thực hiện', en: 'In progress' },
  hoan_thanh_dung_han: { vi: 'Hoàn thành đúng hạn', en: 'Completed on time' },
  hoan_thanh_qua_han: { vi: 'Hoàn thành quá hạn', en: 'Completed late' },
  qua_han: { vi: 'Quá hạn chưa hoàn thành', en: 'Overdue, not completed' },
};

export const DUE_SOON_DAYS = 7;

export interface StatusInput {
  deadline: string;
  progress: number;
  completion: 'none' | 'submitted' | 'accepted';
  /** The day the deliverable was submitted (while awaiting acceptance, and once accepted). */
  completed_on: string | null;
  /** Any progress report or sub-task activity so far. */
  started: boolean;
}

/**
 * Status is computed, never typed: from the deadline, today (Vietnam time), progress and the accepted completion.
 * "Sắp đến hạn" (due soon) is a flag on open tasks whose deadline is within `dueSoonDays`.
 */
export function computeStatus(task: StatusInput, today: string, dueSoonDays = DUE_SOON_DAYS): { status: TaskStatus; dueSoon: boolean } {
  if (task.completion === 'accepted' && task.completed_on) {
    return { status: task.completed_on <= task.deadline ? 'hoan_thanh_dung_han' : 'hoan_thanh_qua_han', dueSoon: false };
  }
  // Delivered in time and awaiting acceptance: not overdue, whatever the date now.
  const deliveredInTime = task.completion === 'submitted' && task.completed_on !== null && task.completed_on <= task.deadline;
  if (today > task.deadline && !deliveredInTime) return { status: 'qua_han', dueSoon: false };
  if (deliveredInTime) return { status: 'dang_thuc_hien', dueSoon: false };
  const dueSoon = daysBetween(today, task.deadline) <= dueSoonDays;
  return { status: task.started || task.progress > 0 || task.completion === 'submitted' ? 'dang_thuc_hien' : 'chua_thuc_hien', dueSoon };
}

/** How late an overdue task is, or how long an open one still has, in whole days of Vietnam time. */
export interface Urgency {
  /** Days since the deadline passed, while the task is "quá hạn"; null otherwise. */
  daysOverdue: number | null;
  /** Days until the deadline (0 on the day itself) while the task is open and nothing is delivered; null otherwise. */
  dueInDays: number | null;
}

/** Worked out from the deadline and today, as the status is, so it never waits for the midnight refresh. */
export function urgencyOf(task: Omit<StatusInput, 'started'>, today: string): Urgency {
  const { status } = computeStatus({ ...task, started: true }, today);
  return {
    daysOverdue: status === 'qua_han' ? daysBetween(task.deadline, today) : null,
    dueInDays: status === 'dang_thuc_hien' && task.completion === 'none' ? daysBetween(today, task.deadline) : null,
  };
}
