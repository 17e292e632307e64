import type { Core } from '../core.ts';
import { formatPeriodVi } from '../periods/period.ts';
import type { UnitRow } from '../store/schema.ts';
import { vietnamDate } from '../tasks/deadline.ts';
import { createDirective } from '../tasks/directives.ts';
import { createTasks, decideCompletion, reportProgress, submitCompletion } from '../tasks/task-commands.ts';
import { refreshAllOpenTasks } from '../tasks/task-refresh.ts';
import { TASK_STATUS_LABELS, type TaskStatus } from '../tasks/task-status.ts';
import type { Actor } from '../writes/write-gate.ts';
import { formatVietnameseNumber } from '../ingest/vietnamese-number.ts';
import { planDemoTasks, type PlannedTask } from './demo-task-plan.ts';
import { demoTaskMsg } from './demo-task-messages.ts';
import { existingDirectives, statusCounts, unitRows } from './demo-tasks.repository.ts';
import { REAL_DIRECTIVES, REAL_TASKS, REVIEW_PROVINCES } from './real-tasks.ts';
import type { Step } from './task-history.ts';

export interface FillDemoTasksOptions {
  seed?: number;
  log?: (line: string) => void;
}

/** One thing to do on a given day; the whole history is replayed in day order so it reads as it would have happened. */
interface Action {
  on: string;
  /** Within a day: creating comes before splitting, splitting before reporting. */
  phase: 0 | 1 | 2;
  run: (at: Core) => Promise<void>;
}

const ISSUER: Actor = { id: 'demo:van-ban-chi-dao', kind: 'system' };
const leadActor = (unit: string): Actor => ({ id: `demo:dau-moi-${unit.toLowerCase()}`, kind: 'system' });
const approverActor = (unit: string): Actor => ({ id: `demo:tham-quyen-giao-${unit.toLowerCase()}`, kind: 'system' });

/**
 * Loads the directives and tasks of the seed articles as they were written — lead and coordinating units,
 * deadlines, deliverables, accepting authority — and gives them a synthetic, labelled history up to today:
 * progress reports, deliverables submitted, accepted or sent back. Each action runs with the clock of the day it
 * happens on, so statuses (on time, late, overdue) come out of the task rules, not out of the demo.
 * Does nothing when the directives are already there. The same seed and clock give the same tasks.
 */
export async function fillDemoTasks(core: Core, options: FillDemoTasksOptions = {}): Promise<{ directives: number; tasks: number }> {
  const { seed = 2025, log = () => {} } = options;
  const numbers = REAL_DIRECTIVES.map((d) => d.input.number);
  const existing = await existingDirectives(core.db, numbers);
  if (existing.length > 0) {
    log(demoTaskMsg('alreadyThere', { numbers: existing.join(', ') }).vi);
    return { directives: 0, tasks: 0 };
  }
  const now = core.ctx.now();
  const today = vietnamDate(now);
  log(demoTaskMsg('starting', { directives: REAL_DIRECTIVES.length, seed, today: formatPeriodVi(today) }).vi);

  const plan = planDemoTasks(seed, today, core.ctx.units, await unitLookup(core));
  const run: Run = { ids: new Map(), directiveIds: [], counts: { reports: 0, submissions: 0, accepted: 0, rejected: 0 }, log };
  await replay(core, schedule(core, plan, today, run), now);
  await refreshAllOpenTasks(core);

  log(demoTaskMsg('history', run.counts).vi);
  log(demoTaskMsg('statuses', { today: formatPeriodVi(today), summary: await statusSummary(core, run.directiveIds) }).vi);
  return { directives: run.directiveIds.length, tasks: run.ids.size };
}

/** What the replay builds up: task ids by plan key, and what it did. */
interface Run {
  ids: Map<string, number>;
  directiveIds: number[];
  counts: Record<'reports' | 'submissions' | 'accepted' | 'rejected', number>;
  log: (line: string) => void;
}

/** Every action of the plan: directives and their tasks on the issue date, the provinces' splits, then each story step. */
function schedule(core: Core, plan: PlannedTask[], today: string, run: Run): Action[] {
  const actions: Action[] = [];
  for (const { input } of REAL_DIRECTIVES) {
    const tasks = plan.filter((t) => t.directive === input.number);
    actions.push({
      on: input.issuedOn < today ? input.issuedOn : today,
      phase: 0,
      run: async (at) => {
        run.directiveIds.push((await createDirective(at, ISSUER, input)).id);
        const created = await createTasks(at, ISSUER, input.number, tasks.map((t) => t.input));
        tasks.forEach((t, i) => run.ids.set(t.key, created.ids[i] ?? -1));
        run.log(demoTaskMsg('directive', { number: input.number, date: formatPeriodVi(input.issuedOn), count: tasks.length }).vi);
      },
    });
  }
  for (const parent of plan.filter((t) => t.children.length > 0)) {
    actions.push({
      on: parent.children[0]?.created ?? today,
      phase: 1,
      run: async (at) => {
        const created = await createTasks(at, leadActor(parent.input.leadUnit), parent.directive, parent.children.map((c) => c.input), idOf(run.ids, parent.key));
        parent.children.forEach((c, i) => run.ids.set(c.key, created.ids[i] ?? -1));
        run.log(demoTaskMsg('split', { province: core.ctx.units.get(parent.input.leadUnit)?.name ?? parent.input.leadUnit, count: parent.children.length }).vi);
      },
    });
  }
  for (const task of plan.flatMap((t) => [t, ...t.children])) {
    for (const step of task.steps) actions.push({ on: step.on, phase: 2, run: (at) => perform(at, task, idOf(run.ids, task.key), step, run.counts) });
  }
  return actions;
}

async function perform(at: Core, task: PlannedTask, id: number, step: Step, counts: Run['counts']): Promise<void> {
  const lead = leadActor(task.input.leadUnit);
  switch (step.kind) {
    case 'progress':
      counts.reports++;
      await reportProgress(at, lead, id, step.progress, { note: step.note, links: step.links });
      return;
    case 'submit':
      counts.submissions++;
      await submitCompletion(at, lead, id, { note: step.note, links: step.links });
      return;
    case 'reject':
      counts.rejected++;
      await decideCompletion(at, approverActor(task.input.leadUnit), id, { accept: false, reason: step.reason });
      return;
    case 'accept':
      counts.accepted++;
      await decideCompletion(at, approverActor(task.input.leadUnit), id, { accept: true, reason: step.note });
  }
}

/**
 * Runs the actions in day order, each against a view of the core whose clock reads that day (08:00 Vietnam time
 * onwards, a minute apart). The shared clock is never touched, so a server running meanwhile keeps the real time.
 */
async function replay(core: Core, actions: Action[], now: Date): Promise<void> {
  const ordered = [...actions].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.phase - b.phase));
  let day = '';
  let minute = 0;
  for (const action of ordered) {
    minute = action.on === day ? minute + 1 : 0;
    day = action.on;
    const at = new Date(Math.min(Date.parse(`${day}T01:00:00Z`) + minute * 60_000, now.getTime()));
    await action.run(clockedAt(core, at));
  }
}

function clockedAt(core: Core, at: Date): Core {
  return { ...core, ctx: { ...core.ctx, now: () => at } };
}

function idOf(ids: Map<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`demo task ${key} acted on before it was created`);
  return id;
}

/** The units a plan may name: the real tasks' leads, and the review provinces with all their communes. */
async function unitLookup(core: Core): Promise<(code: string) => UnitRow> {
  const codes = [...REAL_TASKS.map((t) => t.lead), ...REVIEW_PROVINCES.flatMap((p) => core.ctx.units.children(p))];
  const rows = await unitRows(core.db, codes);
  return (code) => {
    const row = rows.get(code);
    if (!row) throw new Error(`demo tasks: no unit ${code}`);
    return row;
  };
}

async function statusSummary(core: Core, directiveIds: number[]): Promise<string> {
  const counts = await statusCounts(core.db, directiveIds);
  return (Object.keys(TASK_STATUS_LABELS) as TaskStatus[])
    .filter((s) => (counts.get(s) ?? 0) > 0)
    .map((s) => `${formatVietnameseNumber(counts.get(s) ?? 0)} ${TASK_STATUS_LABELS[s].vi.toLowerCase()}`)
    .join(', ');
}
