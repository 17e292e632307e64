import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { createTestCore, testActor } from '../testing/test-core.ts';
import { createDirective } from './directives.ts';
import { createTasks, decideCompletion, reportProgress, submitCompletion } from './task-commands.ts';
import type { TaskInput } from './task-input.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
afterEach(async () => core?.dispose());

const task = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Hoàn thiện Đề án chuyển đổi số', leadUnit: 'BKHCN', coordinators: [],
  responsible: { name: 'Nguyễn Văn A', position: 'Vụ trưởng', contact: 'a@mst.gov.vn' },
  deadline: 'tháng 03/2026', deliverable: 'Đề án', approver: 'Thủ tướng Chính phủ', ...over,
});

async function setUp(): Promise<number> {
  core = await createTestCore({ now: new Date('2026-01-10T03:00:00Z') });
  await createDirective(core, testActor, { number: '4/TB-VPCP', type: 'Thông báo', issuedOn: '05/01/2026', issuer: 'Văn phòng Chính phủ', title: 'Kết luận' });
  const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [task()]);
  return ids[0] ?? 0;
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as ValidationError);

describe('text that cannot be stored whole is refused, never cut', () => {
  it('refuses a task description over 2,000 characters, naming the field and the limit, and saves no task', async () => {
    await setUp();
    const error = await refusal(createTasks(core, testActor, '4/TB-VPCP', [task(), task({ description: 'x'.repeat(100_000) })]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.problems).toEqual([expect.objectContaining({ line: 2, field: 'description', reason: 'Quá dài (tối đa 2000 ký tự)', reasonEn: 'Too long (at most 2000 characters)' })]);
    expect(await core.db.selectFrom('tasks').select('id').execute()).toHaveLength(1);
  });

  it('keeps a description of exactly 2,000 characters whole', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [task({ description: 'đ'.repeat(2000) })]);
    const row = await core.db.selectFrom('tasks').select('description').where('id', '=', ids[0] ?? 0).executeTakeFirstOrThrow();
    expect(row.description).toBe('đ'.repeat(2000));
  });

  it('refuses an evidence file whose name is over 255 characters, storing nothing of the report', async () => {
    const id = await setUp();
    const fileName = `${'bien-ban-'.repeat(40)}.pdf`;
    const error = await refusal(submitCompletion(core, testActor, id, { files: [{ fileName, mime: 'application/pdf', data: Buffer.from('%PDF-1.4 test') }] }));
    expect(error?.problems).toEqual([expect.objectContaining({ field: 'files', value: expect.stringMatching(/^bien-ban-/), reasonEn: 'Evidence file name too long (at most 255 characters)' })]);
    expect(await core.db.selectFrom('task_evidence').select('id').execute()).toEqual([]);
  });

  it('refuses a progress note or a rejection reason over 5,000 characters', async () => {
    const id = await setUp();
    const note = await refusal(reportProgress(core, testActor, id, 30, { note: 'n'.repeat(5001) }));
    expect(note?.problems).toEqual([expect.objectContaining({ field: 'note', reasonEn: 'Too long (at most 5000 characters)' })]);
    await submitCompletion(core, testActor, id, { links: ['https://example.vn/de-an'] });
    const reason = await refusal(decideCompletion(core, testActor, id, { accept: false, reason: 'r'.repeat(5001) }));
    expect(reason?.problems).toEqual([expect.objectContaining({ field: 'reason', reasonEn: 'Too long (at most 5000 characters)' })]);
    const kinds = await core.db.selectFrom('task_events').select('kind').where('task_id', '=', id).execute();
    expect(kinds.map((k) => k.kind)).not.toContain('completion_rejected');
  });
});
