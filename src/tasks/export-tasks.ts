import type { Core } from '../core.ts';
import { vietnamDate } from './deadline.ts';
import { findDirective } from './directives.ts';
import { exportTasksXlsx, type TaskExportRow } from './task-export.ts';
import { listTasks, type TaskFilter, type TaskListItem } from './task.query.ts';

const PAGE = 1000;

/** The tasks matching a filter as an XLSX workbook, in the order the list shows them; all of them unless a limit is given. */
export async function exportTaskList(core: Core, filter: TaskFilter = {}): Promise<Buffer> {
  const items = await matchingTasks(core, filter);
  return exportTasksXlsx(items.map(toExportRow), { title: await titleOf(core, filter), generatedAt: core.ctx.now() });
}

async function matchingTasks(core: Core, filter: TaskFilter): Promise<TaskListItem[]> {
  const today = vietnamDate(core.ctx.now());
  if (filter.limit !== undefined) return (await listTasks(core.db, core.ctx.units, filter, today)).items;
  const items: TaskListItem[] = [];
  for (let offset = filter.offset ?? 0; ; offset += PAGE) {
    const page = await listTasks(core.db, core.ctx.units, { ...filter, limit: PAGE, offset }, today);
    items.push(...page.items);
    if (page.items.length < PAGE) return items;
  }
}

function toExportRow(task: TaskListItem): TaskExportRow {
  return {
    id: task.id,
    directive: task.directive,
    title: task.title,
    // "Hà Nội (01)": a name for people, the code for a re-import (commune names repeat across provinces).
    leadUnit: `${task.leadUnit.name} (${task.leadUnit.code})`,
    coordinators: task.coordinators.map((c) => `${c.name} (${c.code})`).join('; '),
    responsible: task.responsible,
    deadline: task.deadline,
    deadlineText: task.deadlineText,
    deliverable: task.deliverable,
    approver: task.approver,
    progress: task.progress,
    status: task.status,
    dueSoon: task.dueSoon,
    completedOn: task.completedOn,
  };
}

async function titleOf(core: Core, filter: TaskFilter): Promise<string> {
  const parts = ['Danh mục nhiệm vụ'];
  if (filter.directive !== undefined) parts.push(`theo văn bản số ${(await findDirective(core.db, filter.directive)).number}`);
  if (filter.unit) parts.push(`– ${core.ctx.units.get(filter.unit)?.name ?? filter.unit}`);
  return parts.join(' ');
}
