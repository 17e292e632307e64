import type { Core } from '../core.ts';
import { ValidationError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { foldVietnamese } from '../shared/text.ts';
import type { Actor } from '../writes/write-gate.ts';
import { findDirective } from './directives.ts';
import { createTasks } from './task-commands.ts';
import { parseTaskSheet, type ResolveUnit } from './task-sheet.ts';

/**
 * Adds the tasks of an XLSX or CSV task list to a directive: every row must read cleanly and meet "6 rõ",
 * or nothing is saved and every problem is named by row and column.
 */
export async function importTaskSheet(core: Core, actor: Actor, directiveRef: string | number, data: Buffer, fileName: string) {
  await findDirective(core.db, directiveRef);
  const { tasks, problems } = await parseTaskSheet(data, fileName, await unitResolver(core));
  if (problems.length > 0) throw new ValidationError(msg('batchRejected', { count: problems.length }).vi, problems);
  return createTasks(core, actor, directiveRef, tasks);
}

/**
 * Sheets name units by code ("BKHCN") or by name ("Bộ Khoa học và Công nghệ", "Thành phố Hà Nội"), with or without
 * diacritics. A name several units share ("Quảng Ninh" is a province and a commune) resolves to none: guessing
 * would give a task to the wrong unit.
 */
async function unitResolver(core: Core): Promise<ResolveUnit> {
  const rows = await core.db.selectFrom('units').select(['code', 'name', 'full_name']).where('valid_to', 'is', null).execute();
  const byName = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const name of [row.name, row.full_name]) {
      const key = foldVietnamese(name);
      byName.set(key, (byName.get(key) ?? new Set<string>()).add(row.code));
    }
  }
  return (text) => {
    const code = text.trim();
    if (core.ctx.units.has(code)) return code;
    if (core.ctx.units.has(code.toUpperCase())) return code.toUpperCase();
    const codes = byName.get(foldVietnamese(text));
    return codes?.size === 1 ? [...codes][0] : undefined;
  };
}
