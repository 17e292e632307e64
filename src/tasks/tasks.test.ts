import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../core.ts';
import { ValidationError } from '../shared/errors.ts';
import { createTestCore, testActor } from '../testing/test-core.ts';
import { createDirective } from './directives.ts';
import { createTasks, decideCompletion, getTask, reportProgress, submitCompletion } from './task-commands.ts';
import type { TaskInput } from './task-input.ts';
import { unitTaskSummary } from './task.query.ts';
import { refreshAllOpenTasks } from './task-refresh.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
afterEach(async () => core?.dispose());

const sixClear = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Hoàn thiện Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số',
  leadUnit: 'BKHCN',
  coordinators: ['BTC', 'BCT'],
  responsible: { name: 'Nguyễn Văn A', position: 'Vụ trưởng', contact: 'a@mst.gov.vn' },
  deadline: 'tháng 01/2026',
  deliverable: 'Đề án trình Thủ tướng Chính phủ',
  approver: 'Thủ tướng Chính phủ',
  ...over,
});

async function setUp(now = '2026-01-10T03:00:00Z') {
  core = await createTestCore({ now: new Date(now) });
  await createDirective(core, testActor, { number: '4/TB-VPCP', type: 'Thông báo', issuedOn: '05/01/2026', issuer: 'Văn phòng Chính phủ', title: 'Kết luận của Thủ tướng' });
}

const at = (iso: string) => {
  core.ctx.now = () => new Date(iso);
};

async function indicator(code: string, unit: string, period: string) {
  const row = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', code).where('unit_code', '=', unit).where('period', '=', period).executeTakeFirst();
  return row?.value ?? null;
}

describe('tasks under "6 rõ"', () => {
  it('stores a month deadline as its last day and starts "chưa thực hiện"', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear(), sixClear({ deadline: 'Quý 1/2026' })]);
    const [a, b] = await Promise.all(ids.map((id) => getTask(core.db, id)));
    expect(a).toMatchObject({ deadline: '2026-01-31', deadline_text: 'tháng 01/2026', status: 'chua_thuc_hien' });
    expect(b).toMatchObject({ deadline: '2026-03-31' });
  });

  const missing: [string, Partial<TaskInput>][] = [
    ['title', { title: '' }],
    ['leadUnit', { leadUnit: undefined }],
    ['responsible.name', { responsible: { position: 'Vụ trưởng', contact: 'x' } }],
    ['responsible.position', { responsible: { name: 'A', contact: 'x' } }],
    ['responsible.contact', { responsible: { name: 'A', position: 'Vụ trưởng' } }],
    ['deadline', { deadline: ' ' }],
    ['deliverable', { deliverable: undefined }],
    ['approver', { approver: '' }],
  ];
  it.each(missing)('refuses a task without %s, saying which "rõ" is missing, and saves nothing', async (field, over) => {
    await setUp();
    const error = (await createTasks(core, testActor, '4/TB-VPCP', [sixClear(), sixClear(over)]).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([expect.objectContaining({ line: 2, field, reason: expect.stringMatching(/rõ/), reasonEn: expect.any(String) })]);
    expect(await core.db.selectFrom('tasks').select('id').execute()).toEqual([]);
  });

  it('refuses contradictions: the lead as coordinator, a deadline before the directive, an unknown unit', async () => {
    await setUp();
    const error = (await createTasks(core, testActor, '4/TB-VPCP', [
      sixClear({ coordinators: ['BKHCN'] }),
      sixClear({ deadline: '31/12/2025' }),
      sixClear({ leadUnit: 'BXYZ' }),
    ]).catch((e: unknown) => e)) as ValidationError;
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([[1, 'coordinators'], [2, 'deadline'], [3, 'leadUnit']]);
  });
});

describe('status, computed', () => {
  it('shows a passed deadline as overdue after a restart, without anyone acting', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear()]);
    await core.close();
    // The server was down at midnight on 31/01 (Vietnam time); it starts again on 01/02 at 00:30.
    const reopened = await openCore({ dbFile: core.dbFile, now: () => new Date('2026-01-31T17:30:00Z') });
    try {
      await refreshAllOpenTasks(reopened);
      expect((await getTask(reopened.db, ids[0] ?? 0)).status).toBe('qua_han');
      const overdue = await reopened.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', 'tasks_overdue').where('unit_code', '=', 'BKHCN').where('period', '=', '2026').executeTakeFirst();
      expect(overdue?.value).toBe(1);
    } finally {
      await reopened.close();
      core = await createTestCore();
    }
  });

  it('flags a task due within a week as due soon', async () => {
    await setUp('2026-01-26T03:00:00Z');
    const { ids, changes } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear()]);
    expect(await getTask(core.db, ids[0] ?? 0)).toMatchObject({ due_soon: 1, status: 'chua_thuc_hien' });
    expect(changes.tasks).toEqual([expect.objectContaining({ kind: 'created', dueSoon: true, leadUnit: 'BKHCN', coordinators: ['BCT', 'BTC'] })]);
  });

  it('counts a late completion as "hoàn thành quá hạn" and lowers the on-time rate and the index live', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear({ deadline: '20/01/2026' }), sixClear({ deadline: '25/01/2026' })]);
    const [first = 0, second = 0] = ids;
    at('2026-01-15T03:00:00Z');
    await reportProgress(core, testActor, first, 60, { note: 'Đã xin ý kiến các bộ' });
    expect((await getTask(core.db, first)).status).toBe('dang_thuc_hien');
    await submitCompletion(core, testActor, first, { links: ['https://example.vn/de-an.pdf'] });
    await decideCompletion(core, testActor, first, { accept: true });
    expect((await getTask(core.db, first)).status).toBe('hoan_thanh_dung_han');
    expect(await indicator('task_on_time_rate', 'BKHCN', '2026')).toBe(100);
    const before = await core.db.selectFrom('scores').select('score').where('unit_code', '=', 'BKHCN').where('period', '=', '2026-01').executeTakeFirstOrThrow();

    at('2026-02-03T03:00:00Z');
    await submitCompletion(core, testActor, second, { files: [{ fileName: 'de-an.pdf', mime: 'application/pdf', data: Buffer.from('%PDF-1.4 test') }] });
    const { changes } = await decideCompletion(core, testActor, second, { accept: true });
    expect(await getTask(core.db, second)).toMatchObject({ status: 'hoan_thanh_qua_han', completed_on: '2026-02-03' });
    expect(await indicator('task_on_time_rate', 'BKHCN', '2026')).toBe(50);
    expect(changes.tasks).toEqual([expect.objectContaining({ id: second, kind: 'completed', status: 'hoan_thanh_qua_han' })]);
    const after = await core.db.selectFrom('scores').select('score').where('unit_code', '=', 'BKHCN').where('period', '=', '2026-01').executeTakeFirstOrThrow();
    expect(after.score).toBeLessThan(before.score);
    expect(await unitTaskSummary(core.db, 'BKHCN')).toMatchObject({ total: 2, onTimeRate: 50 });
  });

  it('returns a rejected completion to "đang thực hiện" and keeps the reason', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear()]);
    const id = ids[0] ?? 0;
    await submitCompletion(core, testActor, id, { links: ['https://example.vn/ban-du-thao'] });
    await decideCompletion(core, testActor, id, { accept: false, reason: 'Chưa lấy ý kiến Bộ Tài chính' });
    expect((await getTask(core.db, id)).status).toBe('dang_thuc_hien');
    const history = await core.db.selectFrom('task_events').select(['kind', 'note']).where('task_id', '=', id).orderBy('id').execute();
    expect(history).toContainEqual({ kind: 'completion_rejected', note: 'Chưa lấy ý kiến Bộ Tài chính' });
    await expect(submitCompletion(core, testActor, id, {})).rejects.toThrow(ValidationError);
  });
});

describe('three levels', () => {
  it("rolls sub-task progress up into the parent's", async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear({ leadUnit: '01', coordinators: [], deadline: 'Quý 1/2026', title: 'Rà soát hạ tầng số cấp xã' })]);
    const parent = ids[0] ?? 0;
    const sub = (unit: string) => sixClear({ leadUnit: unit, coordinators: [], deadline: 'tháng 02/2026', title: `Rà soát hạ tầng số ${unit}` });
    const { ids: children } = await createTasks(core, testActor, '4/TB-VPCP', [sub('00004'), sub('00008')], parent);
    await reportProgress(core, testActor, children[0] ?? 0, 80);
    await reportProgress(core, testActor, children[1] ?? 0, 40);
    expect(await getTask(core.db, parent)).toMatchObject({ progress: 60, status: 'dang_thuc_hien' });
  });

  it('refuses a sub-task for a unit outside the parent, or due after it', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear({ leadUnit: '01', coordinators: [], deadline: 'tháng 02/2026' })]);
    const error = (await createTasks(core, testActor, '4/TB-VPCP', [
      sixClear({ leadUnit: '25747', coordinators: [] }),
      sixClear({ leadUnit: '00004', coordinators: [], deadline: 'tháng 03/2026' }),
    ], ids[0]).catch((e: unknown) => e)) as ValidationError;
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([[1, 'leadUnit'], [2, 'deadline']]);
  });
});

describe('awaiting acceptance', () => {
  it('does not call a deliverable submitted in time overdue while the authority has not decided', async () => {
    await setUp();
    const { ids } = await createTasks(core, testActor, '4/TB-VPCP', [sixClear()]);
    const id = ids[0] ?? 0;
    await reportProgress(core, testActor, id, 70);
    at('2026-01-30T03:00:00Z');
    await submitCompletion(core, testActor, id, { links: ['https://example.vn/de-an'] });
    at('2026-02-10T03:00:00Z');
    await refreshAllOpenTasks(core);
    expect((await getTask(core.db, id)).status).toBe('dang_thuc_hien');
    await decideCompletion(core, testActor, id, { accept: false, reason: 'Thiếu phụ lục' });
    expect(await getTask(core.db, id)).toMatchObject({ status: 'qua_han', progress: 70, completed_on: null });
  });

  it('reads deadlines written with several leading words', async () => {
    const { parseDeadline } = await import('./deadline.ts');
    expect(parseDeadline('chậm nhất trong quý IV/2025')).toBe('2025-12-31');
    expect(parseDeadline('ngay trong tháng 9/2025')).toBe('2025-09-30');
    expect(parseDeadline('hoàn thành trước ngày 31/01/2026')).toBe('2026-01-31');
  });
});
