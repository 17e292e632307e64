import { authorizeWrite, type WriteAction } from '../auth/policy.ts';
import type { Actor } from '../auth/actor.ts';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { taskMsg, type TaskMessageKey } from './task-messages.ts';

/** What a reader may do to one task, from the screen's point of view. */
export type TaskAction = 'progress' | 'complete' | 'accept' | 'reject' | 'split';

/** Allowed, or why not (in both languages), so a screen can disable the control and say why. */
export interface Allowance {
  allowed: boolean;
  reason: string | null;
  reasonEn: string | null;
}

const WRITES: Record<TaskAction, { action: WriteAction; refused: TaskMessageKey }> = {
  progress: { action: 'tasks.progress', refused: 'onlyLeadReports' },
  complete: { action: 'tasks.complete', refused: 'onlyLeadReports' },
  accept: { action: 'tasks.accept', refused: 'onlyAboveDecides' },
  reject: { action: 'tasks.reject', refused: 'onlyAboveDecides' },
  split: { action: 'tasks.split', refused: 'onlyLeadSplits' },
};

/**
 * Asks the one write gate's policy (not a copy of it) whether `actor` may make each write on the task, then the
 * task's own state, in the order the commands check them; the commands still decide when the write is sent.
 */
export function taskActions(actor: Actor, task: { leadUnit: { code: string; name: string }; completion: string }, units: UnitTree): Record<TaskAction, Allowance> {
  const state: Partial<Record<TaskAction, TaskMessageKey>> = task.completion === 'accepted'
    ? { progress: 'taskClosed', complete: 'taskClosed', accept: 'taskClosed', reject: 'taskClosed' }
    : task.completion === 'submitted' ? {} : { accept: 'notSubmitted', reject: 'notSubmitted' };
  const out = {} as Record<TaskAction, Allowance>;
  for (const [name, write] of Object.entries(WRITES) as [TaskAction, (typeof WRITES)[TaskAction]][]) {
    const key = permits(actor, write.action, task.leadUnit.code, units) ? state[name] : write.refused;
    const why = key ? taskMsg(key, { unit: task.leadUnit.name }) : undefined;
    out[name] = { allowed: !why, reason: why?.vi ?? null, reasonEn: why?.en ?? null };
  }
  return out;
}

function permits(actor: Actor, action: WriteAction, unit: string, units: UnitTree): boolean {
  try {
    authorizeWrite(actor, { action, units: [unit] }, units);
    return true;
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof UnauthorizedError) return false;
    throw err;
  }
}
