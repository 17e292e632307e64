import type { Core } from '../core.ts';
import { ValidationError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { buildUnitResolver } from '../units/unit-resolver.ts';
import type { Actor } from '../writes/write-gate.ts';
import { findDirective } from './directives.ts';
import { createTasks } from './task-commands.ts';
import { parseTaskSheet } from './task-sheet.ts';

/**
 * Adds the tasks of an XLSX or CSV task list to a directive: every row must read cleanly and meet "6 rõ",
 * or nothing is saved and every problem is named by row and column.
 */
export async function importTaskSheet(core: Core, actor: Actor, directiveRef: string | number, data: Buffer, fileName: string) {
  await findDirective(core.db, directiveRef);
  const { tasks, problems } = await parseTaskSheet(data, fileName, await buildUnitResolver(core.db));
  if (problems.length > 0) throw new ValidationError(msg('batchRejected', { count: problems.length }).vi, problems);
  return createTasks(core, actor, directiveRef, tasks);
}
