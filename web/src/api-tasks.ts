/** The task page's reads, as GET /api/tasks/:id answers (src/http/routes/task.schemas.ts). */
import { ApiError, type TaskItem, type UnitRef } from './api.ts';

export type TaskAction = 'progress' | 'complete' | 'accept' | 'reject' | 'split';
/** Whether the signed-in account may act, and why not, as the server's write policy says. */
export interface Allowance { allowed: boolean; reason: string | null; reasonEn: string | null }
export interface TaskHistoryEntry { id: number; at: string; actor: string; kind: string; progress: number | null; note: string | null; data: unknown }
export interface TaskEvidence { id: number; task_event_id: number; file_name: string | null; hash: string | null; link: string | null; size: number | null; mime: string | null }
export interface TaskPageData extends TaskItem {
  completion: 'none' | 'submitted' | 'accepted';
  parent: { id: number; title: string; leadUnit: UnitRef } | null;
  subtaskList: TaskItem[];
  history: TaskHistoryEntry[];
  evidence: TaskEvidence[];
  actions: Record<TaskAction, Allowance>;
}

/** One problem the API named: where (line, field) and why, in both languages. */
export interface FieldProblem { line?: number; field?: string; reason: string; reasonEn?: string }

/** The problems of a refused write, or one problem without a field (a refusal, a lost link) holding the message. */
export function problemsOf(error: unknown): FieldProblem[] {
  if (error instanceof ApiError) {
    const listed = (error.details as { problems?: FieldProblem[] } | undefined)?.problems;
    if (Array.isArray(listed) && listed.length > 0) return listed;
    return [{ reason: error.message }];
  }
  return [{ reason: error instanceof Error ? error.message : String(error) }];
}

export const evidenceUrl = (hash: string) => `/api/evidence/${hash}`;
