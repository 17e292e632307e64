import { sha256 } from '../shared/hash.ts';
import type { Core } from '../core.ts';
import { mergeChangeSets, type ChangeSet } from '../kpi/apply-changes.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import { NotFoundError, ProblemList, type Problem } from '../shared/errors.ts';
import { typeEvidence } from './evidence-type.ts';
import type { TaskRow } from '../store/schema.ts';
import type { Actor } from '../writes/write-gate.ts';
import { vietnamDate } from './deadline.ts';
import { findDirective } from './directives.ts';
import type { TaskInput } from './task-input.ts';
import { taskMsg, taskReason } from './task-messages.ts';
import { refreshStatuses, refreshTaskMetrics } from './task-refresh.ts';
import { throwTaskProblems, validateTasks } from './validate-task.ts';

export interface EvidenceFile {
  fileName: string;
  mime: string;
  data: Buffer;
}

export interface ReportInput {
  note?: string;
  links?: string[];
  files?: EvidenceFile[];
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_FILE_NAME = 255;
/** A progress note or a decision's reason. */
const MAX_NOTE = 5000;

/**
 * Adds tasks to a directive (or sub-tasks under a parent task): all must meet "6 rõ", or none is saved.
 * The lead's task indicators and score are updated in the same transaction.
 */
export async function createTasks(core: Core, actor: Actor, directiveRef: string | number, inputs: TaskInput[], parentId?: number): Promise<{ ids: number[]; changes: ChangeSet; seq: number | null }> {
  // A sub-task touches its parent's unit too: an editor splits only tasks led inside its own scope.
  const parentLead = parentId === undefined ? [] : [(await getTask(core.db, parentId)).lead_unit];
  const units = [...new Set([...parentLead, ...inputs.map((t) => t.leadUnit ?? '')])];
  return core.gate.run(actor, { action: parentId ? 'tasks.split' : 'tasks.create', units }, async (trx) => {
    const directive = await findDirective(trx, directiveRef);
    const parent = parentId === undefined ? undefined : await getTask(trx, parentId);
    const valid = validateTasks(inputs, {
      units: core.ctx.units,
      issuedOn: directive.issued_on,
      parent: parent ? { leadUnit: parent.lead_unit, deadline: parent.deadline } : undefined,
    });
    const stamp = core.ctx.now().toISOString();
    const created: TaskRow[] = [];
    for (const t of valid) {
      const row = await trx
        .insertInto('tasks')
        .values({
          directive_id: directive.id, parent_id: parent?.id ?? null, title: t.title, description: t.description, lead_unit: t.leadUnit,
          responsible_name: t.responsible.name, responsible_position: t.responsible.position, responsible_contact: t.responsible.contact,
          deadline: t.deadline, deadline_text: t.deadlineText, deliverable: t.deliverable, approver: t.approver,
          progress: 0, completion: 'none', completed_on: null, status: 'new', due_soon: 0, created_at: stamp, updated_at: stamp,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (t.coordinators.length > 0) await trx.insertInto('task_coordinators').values(t.coordinators.map((unit_code) => ({ task_id: row.id, unit_code }))).execute();
      await logEvent(trx, core.ctx.now(), row.id, actor, 'created', null, null, { ...t });
      created.push(row);
    }
    const tasks = await refreshStatuses(trx, core.ctx, created, 'created');
    const metrics = await refreshTaskMetrics(trx, core.ctx, created.map((t) => ({ unit: t.lead_unit, year: t.deadline.slice(0, 4) })));
    const audit = { target: `directive:${directive.id}`, after: created };
    return { ids: created.map((t) => t.id), changes: mergeChangeSets(metrics, { kpis: [], scores: [], tasks }), audit };
  });
}

/** The lead unit reports progress (0–100) with a note, links and evidence files kept by content hash. */
export async function reportProgress(core: Core, actor: Actor, taskId: number, progress: number, sent: ReportInput = {}) {
  const { report, fileProblems } = await typedReport(sent);
  return core.gate.run(actor, { action: 'tasks.progress', units: await leadOf(core, taskId) }, async (trx) => {
    const task = await getTask(trx, taskId);
    const problems = new ProblemList();
    fileProblems.forEach((p) => problems.add(p));
    if (!Number.isFinite(progress) || progress < 0 || progress > 100) problems.add({ field: 'progress', value: progress, ...taskReason('badProgress') });
    else if (progress < task.progress) problems.add({ field: 'progress', value: progress, ...taskReason('progressGoesBack', { previous: task.progress }) });
    if (task.completion === 'accepted') problems.add({ field: 'status', ...taskReason('taskClosed') });
    checkReport(report, problems);
    throwTaskProblems(problems.items);
    const eventId = await logEvent(trx, core.ctx.now(), task.id, actor, 'progress', progress, report.note ?? null, { links: report.links ?? [] });
    await storeEvidence(trx, task.id, eventId, report, core.ctx.now());
    await trx.updateTable('tasks').set({ progress, updated_at: core.ctx.now().toISOString() }).where('id', '=', task.id).execute();
    return { ...(await afterChange(trx, core, task.id, 'progress')), audit: reportAudit(task, { progress }, report) };
  });
}

/** The lead unit reports completion; the deliverable (a file or a link) must be attached. Status waits for acceptance. */
export async function submitCompletion(core: Core, actor: Actor, taskId: number, sent: ReportInput) {
  const { report, fileProblems } = await typedReport(sent);
  return core.gate.run(actor, { action: 'tasks.complete', units: await leadOf(core, taskId) }, async (trx) => {
    const task = await getTask(trx, taskId);
    const problems = new ProblemList();
    fileProblems.forEach((p) => problems.add(p));
    if (task.completion === 'accepted') problems.add({ field: 'status', ...taskReason('taskClosed') });
    if ((report.files?.length ?? 0) + (report.links?.length ?? 0) === 0) problems.add({ field: 'deliverable', ...taskReason('needsDeliverable') });
    checkReport(report, problems);
    throwTaskProblems(problems.items);
    const on = vietnamDate(core.ctx.now());
    const eventId = await logEvent(trx, core.ctx.now(), task.id, actor, 'completion_submitted', 100, report.note ?? null, { links: report.links ?? [], on, previousProgress: task.progress });
    await storeEvidence(trx, task.id, eventId, report, core.ctx.now());
    await trx.updateTable('tasks').set({ completion: 'submitted', completed_on: on, progress: 100, updated_at: core.ctx.now().toISOString() }).where('id', '=', task.id).execute();
    return { ...(await afterChange(trx, core, task.id, 'completion_submitted')), audit: reportAudit(task, { completion: 'submitted', completedOn: on, progress: 100 }, report) };
  });
}

/**
 * The accepting authority ("thẩm quyền") confirms: the task is completed as of the day the deliverable was submitted,
 * on time or late against its deadline. Rejection returns it to "đang thực hiện" with the reason kept.
 */
export async function decideCompletion(core: Core, actor: Actor, taskId: number, decision: { accept: boolean; reason?: string }) {
  return core.gate.run(actor, { action: decision.accept ? 'tasks.accept' : 'tasks.reject', units: await leadOf(core, taskId) }, async (trx) => {
    const task = await getTask(trx, taskId);
    const problems = new ProblemList();
    if (task.completion !== 'submitted') problems.add({ field: 'status', ...taskReason(task.completion === 'accepted' ? 'taskClosed' : 'notSubmitted') });
    if (!decision.accept && !decision.reason?.trim()) problems.add({ field: 'reason', ...taskReason('needsReason') });
    if ((decision.reason?.length ?? 0) > MAX_NOTE) problems.add({ field: 'reason', ...taskReason('tooLong', { max: MAX_NOTE }) });
    throwTaskProblems(problems.items);
    const submitted = await trx.selectFrom('task_events').select('data').where('task_id', '=', task.id).where('kind', '=', 'completion_submitted').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const { on, previousProgress } = JSON.parse(submitted.data) as { on: string; previousProgress?: number };
    const stamp = core.ctx.now().toISOString();
    if (decision.accept) {
      await trx.updateTable('tasks').set({ completion: 'accepted', completed_on: on, progress: 100, updated_at: stamp }).where('id', '=', task.id).execute();
      await logEvent(trx, core.ctx.now(), task.id, actor, 'completion_accepted', 100, decision.reason ?? null, { completedOn: on });
    } else {
      // Back to work: the progress reported before the submission stands again.
      await trx.updateTable('tasks').set({ completion: 'none', completed_on: null, progress: previousProgress ?? task.progress, updated_at: stamp }).where('id', '=', task.id).execute();
      await logEvent(trx, core.ctx.now(), task.id, actor, 'completion_rejected', null, decision.reason ?? null, { reason: decision.reason });
    }
    const after = await getTask(trx, task.id);
    const audit = { target: `task:${task.id}`, before: pick(task), after: { ...pick(after), reason: decision.reason ?? null } };
    return { ...(await afterChange(trx, core, task.id, decision.accept ? 'completed' : 'completion_rejected')), audit };
  });
}

/** Evidence typed by its content; programs are refused with the other problems of the report. */
async function typedReport(report: ReportInput): Promise<{ report: ReportInput; fileProblems: Problem[] }> {
  const { files, problems } = await typeEvidence(report.files ?? []);
  return { report: { ...report, files }, fileProblems: problems };
}

/** The unit a task command touches, read before the write so that the gate can authorise it. */
const leadOf = async (core: Core, taskId: number): Promise<string[]> => [(await getTask(core.db, taskId)).lead_unit];

const pick = (t: TaskRow) => ({ progress: t.progress, completion: t.completion, completedOn: t.completed_on, status: t.status });

function reportAudit(task: TaskRow, after: object, report: ReportInput) {
  const files = (report.files ?? []).map((f) => ({ name: f.fileName, sha256: sha256(f.data), bytes: f.data.length }));
  return { target: `task:${task.id}`, before: pick(task), after: { ...after, note: report.note ?? null, links: report.links ?? [], files } };
}

/** Status, parent progress and task indicators follow every change to a task. */
async function afterChange(trx: Trx, core: Core, taskId: number, kind: string): Promise<{ changes: ChangeSet }> {
  const chain: TaskRow[] = [];
  for (let t: TaskRow | undefined = await getTask(trx, taskId); t; t = t.parent_id === null ? undefined : await getTask(trx, t.parent_id)) {
    if (chain.length > 0) await rollUpProgress(trx, t, core.ctx.now());
    chain.push(await getTask(trx, t.id));
  }
  const [self, ...ancestors] = chain;
  const tasks = [
    ...(self ? await refreshStatuses(trx, core.ctx, [self], kind) : []),
    ...(await refreshStatuses(trx, core.ctx, ancestors)),
  ];
  const metrics = await refreshTaskMetrics(trx, core.ctx, chain.map((t) => ({ unit: t.lead_unit, year: t.deadline.slice(0, 4) })));
  return { changes: mergeChangeSets(metrics, { kpis: [], scores: [], tasks }) };
}

/** A parent's progress is the mean of its sub-tasks' (its own reports count only while it has none). */
async function rollUpProgress(trx: Trx, parent: TaskRow, now: Date): Promise<void> {
  const children = await trx.selectFrom('tasks').select('progress').where('parent_id', '=', parent.id).execute();
  if (children.length === 0) return;
  const progress = Math.round((children.reduce((s, c) => s + c.progress, 0) / children.length) * 10) / 10;
  // Once the parent's deliverable is submitted or accepted, its own 100 % stands.
  if (progress !== parent.progress && parent.completion === 'none') {
    await trx.updateTable('tasks').set({ progress, updated_at: now.toISOString() }).where('id', '=', parent.id).execute();
  }
}

export async function getTask(trx: Trx, id: number): Promise<TaskRow> {
  const task = await trx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!task) throw new NotFoundError(taskMsg('taskNotFound', { id }).vi);
  return task;
}

function checkReport(report: ReportInput, problems: ProblemList): void {
  for (const link of report.links ?? []) {
    if (!/^https?:\/\/\S{1,2000}$/.test(link)) problems.add({ field: 'links', value: link, ...taskReason('badLink') });
  }
  for (const f of report.files ?? []) {
    if (f.data.length > MAX_FILE_BYTES) problems.add({ field: 'files', value: f.fileName, ...taskReason('fileTooLarge', { max: MAX_FILE_BYTES / 1024 / 1024 }) });
    if (f.fileName.length > MAX_FILE_NAME) problems.add({ field: 'files', value: f.fileName, ...taskReason('fileNameTooLong', { max: MAX_FILE_NAME }) });
  }
  if ((report.note?.length ?? 0) > MAX_NOTE) problems.add({ field: 'note', ...taskReason('tooLong', { max: MAX_NOTE }) });
}

async function logEvent(trx: Trx, now: Date, taskId: number, actor: Actor, kind: string, progress: number | null, note: string | null, data: object): Promise<number> {
  const row = await trx
    .insertInto('task_events')
    .values({ task_id: taskId, at: now.toISOString(), actor: actor.id, kind, progress, note, data: JSON.stringify(data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Evidence is stored once per content (SHA-256), so a file sent twice costs nothing and cannot be swapped unnoticed. */
async function storeEvidence(trx: Trx, taskId: number, eventId: number, report: ReportInput, now: Date): Promise<void> {
  for (const f of report.files ?? []) {
    const hash = sha256(f.data);
    await trx.insertInto('evidence_files').values({ hash, size: f.data.length, mime: f.mime, data: f.data, created_at: now.toISOString() }).onConflict((oc) => oc.doNothing()).execute();
    await trx.insertInto('task_evidence').values({ task_id: taskId, task_event_id: eventId, file_name: f.fileName, hash, link: null }).execute();
  }
  for (const link of report.links ?? []) {
    await trx.insertInto('task_evidence').values({ task_id: taskId, task_event_id: eventId, file_name: null, hash: null, link }).execute();
  }
}

