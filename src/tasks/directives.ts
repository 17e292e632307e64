import type { Core } from '../core.ts';
import { normalizePeriodInput, parsePeriod } from '../periods/period.ts';
import { ConflictError, NotFoundError, ProblemList, ValidationError } from '../shared/errors.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import type { DirectiveRow } from '../store/schema.ts';
import type { Actor } from '../writes/write-gate.ts';
import type { DirectiveInput } from './task-input.ts';
import { taskMsg, taskReason } from './task-messages.ts';

/** Reads a day as `dd/mm/yyyy` or `YYYY-MM-DD`. */
export function parseDate(raw: string): string | undefined {
  const key = normalizePeriodInput(raw);
  return key && parsePeriod(key)?.type === 'day' ? key : undefined;
}

/** Registers a directive ("văn bản chỉ đạo"); its number is unique. */
export async function createDirective(core: Core, actor: Actor, input: DirectiveInput): Promise<DirectiveRow> {
  const problems = new ProblemList();
  const fields: (keyof DirectiveInput)[] = ['number', 'type', 'issuedOn', 'issuer', 'title'];
  for (const f of fields) {
    const v = input[f];
    if (typeof v !== 'string' || !v.trim()) problems.add({ field: f, ...taskReason('required') });
    else if (v.length > 1000) problems.add({ field: f, ...taskReason('tooLong', { max: 1000 }) });
  }
  const issuedOn = typeof input.issuedOn === 'string' ? parseDate(input.issuedOn) : undefined;
  if (typeof input.issuedOn === 'string' && input.issuedOn.trim() && !issuedOn) problems.add({ field: 'issuedOn', value: input.issuedOn, ...taskReason('badDate') });
  if (!problems.isEmpty) throw new ValidationError(taskMsg('directiveInvalid').vi, problems.items);
  return core.gate.run(actor, { action: 'directives.create', units: [] }, async (trx) => {
    const existing = await trx.selectFrom('directives').select('id').where('number', '=', input.number.trim()).executeTakeFirst();
    if (existing) throw new ConflictError(taskMsg('directiveExists', { number: input.number }).vi, { id: existing.id });
    const row = await trx
      .insertInto('directives')
      .values({ number: input.number.trim(), type: input.type.trim(), issued_on: issuedOn ?? '', issuer: input.issuer.trim(), title: input.title.trim(), file_hash: null, file_name: null, created_at: core.ctx.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...row, audit: { target: `directive:${row.id}`, after: row } };
  });
}

/** Finds a directive by id or by number ("4/TB-VPCP"). */
export async function findDirective(trx: Trx, ref: string | number): Promise<DirectiveRow> {
  const row = typeof ref === 'number' || /^\d+$/.test(ref)
    ? await trx.selectFrom('directives').selectAll().where('id', '=', Number(ref)).executeTakeFirst()
    : await trx.selectFrom('directives').selectAll().where('number', '=', ref).executeTakeFirst();
  if (!row) throw new NotFoundError(taskMsg('directiveNotFound', { ref: String(ref) }).vi);
  return row;
}
