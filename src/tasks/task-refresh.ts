import { sql } from 'kysely';
import type { Core } from '../core.ts';
import { emptyChangeSet, mergeChangeSets, type ChangeSet, type TaskChange } from '../kpi/apply-changes.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { ingestValues } from '../ingest/ingest-values.ts';
import { validateValues } from '../ingest/value-batch.ts';
import type { ValueInput } from '../ingest/value-input.ts';
import type { TaskRow } from '../store/schema.ts';
import { chunked } from '../store/chunked.ts';
import type { Actor } from '../writes/write-gate.ts';
import { vietnamDate } from './deadline.ts';
import { computeStatus, DUE_SOON_DAYS, type TaskStatus } from './task-status.ts';

export const TASK_METRICS = ['tasks_due', 'tasks_on_time', 'tasks_late', 'tasks_overdue'] as const;
const SYSTEM_SOURCE = 'Hệ thống theo dõi nhiệm vụ (tự tính)';
export const systemActor: Actor = { id: 'system:tasks', kind: 'system' };

/** Recomputes status and the due-soon flag of tasks; returns the stream events for those that changed. */
export async function refreshStatuses(trx: Trx, ctx: KpiContext, tasks: TaskRow[], kind?: string): Promise<TaskChange[]> {
  const today = vietnamDate(ctx.now());
  const started = await startedTasks(trx, tasks.map((t) => t.id));
  const changes: TaskChange[] = [];
  for (const t of tasks) {
    const { status, dueSoon } = computeStatus({ ...t, started: started.has(t.id) }, today, DUE_SOON_DAYS);
    const moved = status !== t.status || Number(dueSoon) !== t.due_soon;
    if (moved) {
      await trx.updateTable('tasks').set({ status, due_soon: Number(dueSoon), updated_at: ctx.now().toISOString() }).where('id', '=', t.id).execute();
      await trx.insertInto('task_events').values({ task_id: t.id, at: ctx.now().toISOString(), actor: systemActor.id, kind: 'status', progress: null, note: null, data: JSON.stringify({ from: t.status, to: status, dueSoon }) }).execute();
    }
    if (moved || kind) changes.push(await taskChange(trx, { ...t, status, due_soon: Number(dueSoon) }, kind ?? eventKind(status, dueSoon)));
  }
  return changes;
}

function eventKind(status: string, dueSoon: boolean): string {
  if (status === 'qua_han') return 'overdue';
  if (status === 'hoan_thanh_dung_han' || status === 'hoan_thanh_qua_han') return 'completed';
  return dueSoon ? 'due_soon' : 'status';
}

async function startedTasks(trx: Trx, ids: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunked(ids, 500)) {
    const rows = await trx.selectFrom('task_events').select('task_id').distinct().where('task_id', 'in', chunk).where('kind', 'in', ['progress', 'completion_submitted']).execute();
    for (const r of rows) out.add(r.task_id);
    const parents = await trx.selectFrom('tasks').select('parent_id').distinct().where('parent_id', 'in', chunk).where('progress', '>', 0).execute();
    for (const r of parents) if (r.parent_id !== null) out.add(r.parent_id);
  }
  return out;
}

export async function taskChange(trx: Trx, t: TaskRow, kind: string): Promise<TaskChange> {
  const [directive, coordinators] = await Promise.all([
    trx.selectFrom('directives').select('number').where('id', '=', t.directive_id).executeTakeFirst(),
    trx.selectFrom('task_coordinators').select('unit_code').where('task_id', '=', t.id).orderBy('unit_code').execute(),
  ]);
  return {
    id: t.id, kind, directive: directive?.number ?? '', title: t.title, leadUnit: t.lead_unit, coordinators: coordinators.map((c) => c.unit_code),
    status: t.status, dueSoon: t.due_soon === 1, progress: t.progress, deadline: t.deadline,
  };
}

/**
 * Brings the task indicators of the given (lead unit, deadline year) pairs in line with the task register,
 * writing only values that moved, through the same path as reported values so roll-ups, scores and ranks follow.
 */
export async function refreshTaskMetrics(trx: Trx, ctx: KpiContext, pairs: Iterable<{ unit: string; year: string }>): Promise<ChangeSet> {
  const values: ValueInput[] = [];
  const seen = new Set<string>();
  for (const { unit, year } of pairs) {
    if (seen.has(`${unit}|${year}`) || !ctx.units.has(unit)) continue;
    seen.add(`${unit}|${year}`);
    const rows = await trx
      .selectFrom('tasks')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('lead_unit', '=', unit)
      .where('deadline', '>=', `${year}-01-01`)
      .where('deadline', '<=', `${year}-12-31`)
      .groupBy('status')
      .execute();
    const count = (s: TaskStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    const metrics: Record<(typeof TASK_METRICS)[number], number> = {
      tasks_due: rows.reduce((sum, r) => sum + Number(r.n), 0),
      tasks_on_time: count('hoan_thanh_dung_han'),
      tasks_late: count('hoan_thanh_qua_han'),
      tasks_overdue: count('qua_han'),
    };
    const current = await trx.selectFrom('kpi_values').select(['indicator_code', 'reported']).where('unit_code', '=', unit).where('period', '=', year).where('indicator_code', 'in', [...TASK_METRICS]).execute();
    for (const code of TASK_METRICS) {
      if (!ctx.catalogue.get(code)) continue;
      const was = current.find((c) => c.indicator_code === code)?.reported ?? null;
      if (was !== metrics[code]) values.push({ unit, indicator: code, period: year, value: metrics[code], source: SYSTEM_SOURCE, line: values.length + 1 });
    }
  }
  if (values.length === 0) return emptyChangeSet();
  const valid = validateValues(values, ctx.units, ctx.catalogue, { window: ctx.window, now: ctx.now() }, { system: true });
  return (await ingestValues(trx, ctx, valid, systemActor.id, 'values', SYSTEM_SOURCE)).changes;
}

/**
 * The midnight pass (and the start-up pass): every open task whose status or due-soon flag moved since it was last
 * stored is updated, its unit's task indicators recomputed, and the change streamed. Runs whether or not anyone acts.
 */
export async function refreshAllOpenTasks(core: Core): Promise<{ changed: number }> {
  const result = await core.gate.run(systemActor, { action: 'tasks.refresh', units: [] }, async (trx) => {
    const open = await trx.selectFrom('tasks').selectAll().where('completion', '!=', 'accepted').execute();
    const tasks = await refreshStatuses(trx, core.ctx, open);
    const metrics = await refreshTaskMetrics(trx, core.ctx, tasks.map((t) => ({ unit: t.leadUnit, year: t.deadline.slice(0, 4) })));
    return { changed: tasks.length, changes: mergeChangeSets(metrics, { kpis: [], scores: [], tasks }), audit: { after: { changed: tasks.length } } };
  });
  return { changed: result.changed };
}

