import { ProblemList } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { parseDate } from './directives.ts';
import type { TaskFilter } from './task.query.ts';
import { taskReason } from './task-messages.ts';
import { TASK_STATUS_LABELS, type TaskStatus } from './task-status.ts';

/** A task filter as people type it (query string, command line): statuses comma-separated, dates dd/mm/yyyy or ISO. */
export interface TaskFilterText {
  unit?: string;
  role?: string;
  status?: string;
  directive?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  /** A task id, or "none" for top-level tasks only. */
  parent?: string;
  limit?: number;
  offset?: number;
}

const STATUSES = Object.keys(TASK_STATUS_LABELS) as TaskStatus[];
const ROLES = ['lead', 'coordinator', 'any'] as const;

const isStatus = (s: string): s is TaskStatus => (STATUSES as string[]).includes(s);
const isRole = (s: string): s is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(s);

/** Reads a filter, naming every field that does not make sense rather than silently matching nothing. */
export function parseTaskFilter(text: TaskFilterText, units: UnitTree): TaskFilter {
  const problems = new ProblemList();
  const filter: TaskFilter = { overdue: text.overdue, dueSoon: text.dueSoon, limit: text.limit, offset: text.offset };
  if (text.limit !== undefined && !(Number.isInteger(text.limit) && text.limit >= 1 && text.limit <= 1000)) {
    problems.add({ field: 'limit', value: text.limit, ...reason('mustBeType', { types: 'integer 1–1000' }) });
  }
  if (text.unit) {
    if (!units.has(text.unit)) problems.add({ field: 'unit', value: text.unit, ...reason('unknownUnit', { code: text.unit }) });
    filter.unit = text.unit;
  }
  if (text.role) {
    if (isRole(text.role)) filter.role = text.role;
    else problems.add({ field: 'role', value: text.role, ...reason('mustBeOneOf', { values: ROLES.join(', ') }) });
  }
  if (text.status) {
    const wanted = text.status.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((s) => !isStatus(s));
    if (unknown.length > 0) problems.add({ field: 'status', value: unknown.join(','), ...reason('mustBeOneOf', { values: STATUSES.join(', ') }) });
    filter.status = wanted.filter(isStatus);
  }
  if (text.directive) filter.directive = text.directive;
  for (const field of ['deadlineFrom', 'deadlineTo'] as const) {
    const raw = text[field];
    if (!raw) continue;
    const date = parseDate(raw);
    if (date) filter[field] = date;
    else problems.add({ field, value: raw, ...taskReason('badDate') });
  }
  if (text.parent) {
    if (text.parent === 'none') filter.parent = null;
    else if (/^\d{1,12}$/.test(text.parent)) filter.parent = Number(text.parent);
    else problems.add({ field: 'parent', value: text.parent, ...reason('mustBeType', { types: 'integer | "none"' }) });
  }
  problems.throwIfAny(msg('requestInvalid').vi);
  return filter;
}
