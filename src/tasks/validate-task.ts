import { ProblemList, ValidationError, type Problem } from '../shared/errors.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { parseDeadline } from './deadline.ts';
import type { TaskInput } from './task-input.ts';
import { taskMsg, taskReason, type TaskMessageKey } from './task-messages.ts';

/** A task that passed "6 rõ": every field present, units known, nothing contradictory. */
export interface ValidTask {
  title: string;
  description: string | null;
  leadUnit: string;
  coordinators: string[];
  responsible: { name: string; position: string; contact: string };
  deadline: string;
  deadlineText: string;
  deliverable: string;
  approver: string;
  line?: number;
}

export interface TaskContext {
  units: UnitTree;
  /** The directive's issue date: no deadline may precede it. */
  issuedOn: string;
  parent?: { leadUnit: string; deadline: string };
}

const MAX = 2000;

/** Checks one task against "6 rõ", adding a problem per missing or contradictory field. */
export function checkTask(input: TaskInput, ctx: TaskContext, problems: ProblemList): ValidTask | undefined {
  const before = problems.items.length;
  const line = input.line;
  const add = (field: string, key: TaskMessageKey, params: Record<string, string | number> = {}, value?: unknown) =>
    problems.add({ line, field, value, ...taskReason(key, params) });
  const text = (value: string | undefined, field: string, missing: TaskMessageKey): string => {
    const v = typeof value === 'string' ? value.trim() : '';
    if (!v) add(field, missing);
    else if (v.length > MAX) add(field, 'tooLong', { max: MAX });
    return v;
  };

  const title = text(input.title, 'title', 'missingTitle');
  const name = text(input.responsible?.name, 'responsible.name', 'missingResponsibleName');
  const position = text(input.responsible?.position, 'responsible.position', 'missingResponsiblePosition');
  const contact = text(input.responsible?.contact, 'responsible.contact', 'missingResponsibleContact');
  const deliverable = text(input.deliverable, 'deliverable', 'missingDeliverable');
  const approver = text(input.approver, 'approver', 'missingApprover');
  const leadUnit = text(input.leadUnit, 'leadUnit', 'missingLead');
  if (leadUnit && !ctx.units.has(leadUnit)) add('leadUnit', 'unknownUnit', { code: leadUnit }, leadUnit);

  const coordinators: string[] = [];
  for (const code of input.coordinators ?? []) {
    const c = String(code).trim();
    if (!ctx.units.has(c)) add('coordinators', 'unknownUnit', { code: c }, c);
    else if (c === leadUnit) add('coordinators', 'leadIsCoordinator', {}, c);
    else if (coordinators.includes(c)) add('coordinators', 'duplicateCoordinator', { code: c }, c);
    else coordinators.push(c);
  }

  const deadlineText = text(input.deadline, 'deadline', 'missingDeadline');
  const deadline = deadlineText ? parseDeadline(deadlineText) : undefined;
  if (deadlineText && !deadline) add('deadline', 'badDeadline', { value: deadlineText }, deadlineText);
  if (deadline && deadline < ctx.issuedOn) add('deadline', 'deadlineBeforeIssue', { deadline, issued: ctx.issuedOn }, deadlineText);
  if (ctx.parent) {
    if (deadline && deadline > ctx.parent.deadline) add('deadline', 'deadlineAfterParent', { deadline, parent: ctx.parent.deadline }, deadlineText);
    if (leadUnit && ctx.units.has(leadUnit) && !ctx.units.lineage(leadUnit).includes(ctx.parent.leadUnit)) add('leadUnit', 'subtaskOutsideParent', {}, leadUnit);
  }
  const description = input.description?.trim() || null;
  if (description && description.length > MAX) add('description', 'tooLong', { max: MAX });
  if (problems.items.length > before || !deadline) return undefined;
  return { title, description, leadUnit, coordinators, responsible: { name, position, contact }, deadline, deadlineText, deliverable, approver, line };
}

/** Validates a whole list; throws one ValidationError naming every row and field if any task fails. */
export function validateTasks(inputs: TaskInput[], ctx: TaskContext): ValidTask[] {
  const problems = new ProblemList();
  const valid = inputs.map((t, i) => checkTask({ ...t, line: t.line ?? i + 1 }, ctx, problems));
  throwTaskProblems(problems.items);
  return valid.filter((t): t is ValidTask => t !== undefined);
}

export function throwTaskProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new ValidationError(taskMsg('taskRejected', { count: problems.length }).vi, problems);
}
