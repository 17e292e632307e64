import { sql } from 'kysely';
import type { Trx } from '../kpi/kpi-context.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { findDirective } from './directives.ts';
import { getTask } from './task-commands.ts';
import { TASK_STATUS_LABELS, urgencyOf, type TaskStatus, type Urgency } from './task-status.ts';

export interface TaskFilter {
  /** Tasks a unit leads or coordinates (role narrows it). */
  unit?: string;
  role?: 'lead' | 'coordinator' | 'any';
  status?: TaskStatus[];
  directive?: string | number;
  deadlineFrom?: string;
  deadlineTo?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  parent?: number | null;
  ids?: number[];
  limit?: number;
  offset?: number;
}

export interface TaskListItem extends Urgency {
  id: number;
  directive: string;
  parentId: number | null;
  title: string;
  leadUnit: { code: string; name: string; nameEn: string };
  coordinators: { code: string; name: string; nameEn: string }[];
  responsible: { name: string; position: string; contact: string };
  deadline: string;
  deadlineText: string;
  deliverable: string;
  approver: string;
  progress: number;
  status: TaskStatus;
  statusLabel: string;
  dueSoon: boolean;
  completion: string;
  completedOn: string | null;
  subtasks: number;
}

/**
 * Tasks matching a filter, overdue first, then due soon, then by deadline. `today` (Vietnam time, see vietnamDate)
 * is when "quá hạn N ngày" and "còn N ngày" are counted from; there is no default, so no caller counts from the wrong day.
 */
export async function listTasks(trx: Trx, units: UnitTree, filter: TaskFilter, today: string): Promise<{ items: TaskListItem[]; total: number }> {
  let q = trx.selectFrom('tasks as t').innerJoin('directives as d', 'd.id', 't.directive_id');
  if (filter.unit) {
    const unit = filter.unit;
    const asLead = trx.selectFrom('tasks').select('id').where('lead_unit', '=', unit);
    const asCoordinator = trx.selectFrom('task_coordinators').select('task_id as id').where('unit_code', '=', unit);
    const role = filter.role ?? 'any';
    q = q.where('t.id', 'in', role === 'lead' ? asLead : role === 'coordinator' ? asCoordinator : asLead.union(asCoordinator));
  }
  if (filter.status?.length) q = q.where('t.status', 'in', filter.status);
  if (filter.directive !== undefined) q = q.where('t.directive_id', '=', (await findDirective(trx, filter.directive)).id);
  if (filter.deadlineFrom) q = q.where('t.deadline', '>=', filter.deadlineFrom);
  if (filter.deadlineTo) q = q.where('t.deadline', '<=', filter.deadlineTo);
  if (filter.overdue) q = q.where('t.status', '=', 'qua_han');
  if (filter.dueSoon) q = q.where('t.due_soon', '=', 1);
  if (filter.ids) q = q.where('t.id', 'in', filter.ids.length > 0 ? filter.ids : [-1]);
  if (filter.parent !== undefined) q = filter.parent === null ? q.where('t.parent_id', 'is', null) : q.where('t.parent_id', '=', filter.parent);
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('t')
    .select(['d.number as directive_number', sql<number>`(select count(*) from tasks c where c.parent_id = t.id)`.as('subtasks')])
    .orderBy(sql`case t.status when 'qua_han' then 0 else 1 end`)
    .orderBy('t.due_soon', 'desc')
    .orderBy('t.deadline')
    .orderBy('t.id')
    .limit(Math.min(filter.limit ?? 100, 1000))
    .offset(filter.offset ?? 0)
    .execute();
  const coordinators = rows.length === 0 ? [] : await trx.selectFrom('task_coordinators').selectAll().where('task_id', 'in', rows.map((r) => r.id)).execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id, directive: r.directive_number, parentId: r.parent_id, title: r.title, leadUnit: named(units, r.lead_unit),
      coordinators: coordinators.filter((c) => c.task_id === r.id).map((c) => named(units, c.unit_code)),
      responsible: { name: r.responsible_name, position: r.responsible_position, contact: r.responsible_contact },
      deadline: r.deadline, deadlineText: r.deadline_text, deliverable: r.deliverable, approver: r.approver, progress: r.progress,
      status: r.status as TaskStatus, statusLabel: TASK_STATUS_LABELS[r.status as TaskStatus]?.vi ?? r.status, dueSoon: r.due_soon === 1,
      completion: r.completion, completedOn: r.completed_on, subtasks: Number(r.subtasks), ...urgencyOf(r, today),
    })),
  };
}

/** One task with its whole history and evidence, its parent and its sub-tasks. */
export async function getTaskDetail(trx: Trx, units: UnitTree, id: number, today: string) {
  const task = await getTask(trx, id); // NotFound for an unknown id, before the lookups below
  const [list, history, evidence, parent] = await Promise.all([
    listTasks(trx, units, { ids: [id] }, today),
    trx.selectFrom('task_events').selectAll().where('task_id', '=', id).orderBy('id').execute(),
    trx.selectFrom('task_evidence as e').leftJoin('evidence_files as f', 'f.hash', 'e.hash').select(['e.id', 'e.task_event_id', 'e.file_name', 'e.hash', 'e.link', 'f.size', 'f.mime']).where('e.task_id', '=', id).orderBy('e.id').execute(),
    task.parent_id === null ? undefined : trx.selectFrom('tasks').select(['id', 'title', 'lead_unit']).where('id', '=', task.parent_id).executeTakeFirst(),
  ]);
  const item = list.items[0];
  if (!item) throw new Error(`task ${id} vanished while read`);
  const subtasks = await listTasks(trx, units, { parent: id, limit: 1000 }, today);
  return {
    ...item,
    parent: parent ? { id: parent.id, title: parent.title, leadUnit: named(units, parent.lead_unit) } : null,
    subtaskList: subtasks.items,
    history: history.map((h) => ({ ...h, data: JSON.parse(h.data) as unknown })),
    evidence,
  };
}

function named(units: UnitTree, code: string) {
  const unit = units.get(code);
  return { code, name: unit?.name ?? code, nameEn: unit?.nameEn ?? unit?.name ?? code };
}

export interface TaskSummary {
  total: number;
  byStatus: Record<TaskStatus, number>;
  dueSoon: number;
  onTimeRate: number | null;
}

function summarise(rows: { status: string; due_soon: number }[]): TaskSummary {
  const byStatus = Object.fromEntries(Object.keys(TASK_STATUS_LABELS).map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const r of rows) if (r.status in byStatus) byStatus[r.status as TaskStatus]++;
  const decided = byStatus.hoan_thanh_dung_han + byStatus.hoan_thanh_qua_han + byStatus.qua_han;
  return {
    total: rows.length, byStatus, dueSoon: rows.filter((r) => r.due_soon === 1).length,
    onTimeRate: decided === 0 ? null : Math.round((byStatus.hoan_thanh_dung_han / decided) * 10_000) / 100,
  };
}

/** A unit's tasks as lead, by status. */
export async function unitTaskSummary(trx: Trx, unit: string): Promise<TaskSummary> {
  return summarise(await trx.selectFrom('tasks').select(['status', 'due_soon']).where('lead_unit', '=', unit).execute());
}

/** A directive with its completion percentage and status counts. */
export async function directiveSummary(trx: Trx, ref: string | number) {
  const directive = await findDirective(trx, ref);
  const rows = await trx.selectFrom('tasks').select(['status', 'due_soon', 'progress']).where('directive_id', '=', directive.id).where('parent_id', 'is', null).execute();
  const summary = summarise(rows);
  const done = summary.byStatus.hoan_thanh_dung_han + summary.byStatus.hoan_thanh_qua_han;
  return {
    ...directive,
    ...summary,
    completionPercent: rows.length === 0 ? 0 : Math.round((done / rows.length) * 10_000) / 100,
    averageProgress: rows.length === 0 ? 0 : Math.round((rows.reduce((s, r) => s + r.progress, 0) / rows.length) * 10) / 10,
  };
}

export async function listDirectives(trx: Trx) {
  const rows = await trx.selectFrom('directives').select('id').orderBy('issued_on', 'desc').execute();
  return Promise.all(rows.map((r) => directiveSummary(trx, r.id)));
}
