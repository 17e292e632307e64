import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../testing/test-core.ts';
import { DEMO_LABEL } from './demo-label.ts';
import { fillDemoTasks } from './demo-tasks.ts';
import { KL_BCD_2025_09_24, TB_4_VPCP } from './real-tasks.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;

const NOW = new Date('2026-11-15T03:00:00Z');

const coordinatorsOf = async (core: TestCore, taskId: number) =>
  (await core.db.selectFrom('task_coordinators').select('unit_code').where('task_id', '=', taskId).orderBy('unit_code').execute()).map((r) => r.unit_code);

const taskLike = (core: TestCore, words: string) => core.db.selectFrom('tasks').selectAll().where('title', 'like', `%${words}%`).executeTakeFirstOrThrow();

describe('the demo tasks of the seed articles', () => {
  let core: TestCore;
  let filled: { directives: number; tasks: number };
  const lines: string[] = [];

  beforeAll(async () => {
    core = await createTestCore({ now: NOW });
    filled = await fillDemoTasks(core, { log: (line) => lines.push(line) });
  });
  afterAll(() => core.dispose());

  it('registers the two directives and their tasks', async () => {
    const directives = await core.db.selectFrom('directives').select(['number', 'issued_on']).orderBy('issued_on').execute();
    expect(directives).toEqual([{ number: KL_BCD_2025_09_24, issued_on: '2025-09-24' }, { number: TB_4_VPCP, issued_on: '2026-01-05' }]);
    const tasks = await core.db.selectFrom('tasks').select('id').execute();
    expect(filled).toEqual({ directives: 2, tasks: tasks.length });
    expect(tasks.length).toBeGreaterThanOrEqual(15);
  });

  it('gives the SME digital-transformation scheme to Bộ KH&CN, due at the end of January 2026 as the notice writes it', async () => {
    const task = await taskLike(core, 'Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, trình');
    expect(task).toMatchObject({ lead_unit: 'BKHCN', deadline: '2026-01-31', approver: 'Thủ tướng Chính phủ' });
    expect(task.deadline_text).toMatch(/^tháng 0?1\/2026$/);
  });

  it('gives the national data-economy framework to Bộ Công an, due in January 2026', async () => {
    const task = await taskLike(core, 'Khung Kinh tế dữ liệu quốc gia');
    expect(task).toMatchObject({ lead_unit: 'BCA', deadline: '2026-01-31', deadline_text: 'tháng 01/2026' });
  });

  it('keeps the coordinating units the article names', async () => {
    const report = await taskLike(core, 'bị ảnh hưởng nhiều nhất bởi trí tuệ nhân tạo');
    expect(report).toMatchObject({ lead_unit: 'BGDDT', deadline: '2026-03-31' });
    expect(await coordinatorsOf(core, report.id)).toEqual(['BKHCN', 'BNV']);
    const power = await taskLike(core, '117 thôn chưa có điện');
    expect(power).toMatchObject({ lead_unit: 'EVN', deadline: '2025-11-30' });
  });

  it('says so when a deadline is the demo\'s, not the article\'s', async () => {
    const depa = await taskLike(core, 'DEPA');
    expect(depa.lead_unit).toBe('BCT');
    expect(depa.description).toContain('Thời hạn minh họa — bài báo không nêu');
    const sme = await taskLike(core, 'Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, trình');
    expect(sme.description).not.toContain('Thời hạn minh họa');
  });

  it('shows tasks in each of the five statuses on 15/11/2026', async () => {
    const rows = await core.db.selectFrom('tasks').select('status').distinct().execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['chua_thuc_hien', 'dang_thuc_hien', 'hoan_thanh_dung_han', 'hoan_thanh_qua_han', 'qua_han']);
  });

  it('splits a province\'s infrastructure review into commune sub-tasks due no later than the province', async () => {
    const subTasks = await core.db
      .selectFrom('tasks as child')
      .innerJoin('tasks as parent', 'parent.id', 'child.parent_id')
      .select(['child.lead_unit as commune', 'child.deadline as due', 'parent.lead_unit as province', 'parent.deadline as parentDue'])
      .execute();
    expect(subTasks.length).toBeGreaterThanOrEqual(2);
    for (const s of subTasks) {
      expect(s.province).toMatch(/^\d{2}$/);
      expect(core.ctx.units.get(s.commune)).toMatchObject({ kind: 'commune', parent: s.province });
      expect(s.due <= s.parentDue).toBe(true);
    }
  });

  it('labels every synthetic person, note and link', async () => {
    const tasks = await core.db.selectFrom('tasks').select(['responsible_name', 'responsible_position', 'responsible_contact', 'description']).execute();
    for (const t of tasks) {
      expect(t.responsible_name).toContain('(minh họa)');
      expect(t.responsible_position).toContain('(minh họa)');
      expect(t.responsible_contact).toMatch(/^dau-moi@[a-z0-9]+\.example\.vn$/);
      expect(t.description).toContain(DEMO_LABEL);
    }
    const notes = await core.db.selectFrom('task_events').select('note').where('note', 'is not', null).execute();
    expect(notes.length).toBeGreaterThan(20);
    expect(notes.filter((n) => !n.note?.startsWith(DEMO_LABEL))).toEqual([]);
    const links = await core.db.selectFrom('task_evidence').select('link').execute();
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.link?.startsWith('https://example.vn/minh-hoa/'))).toBe(true);
  });

  it('keeps the reason of the one deliverable sent back, then accepts it resubmitted', async () => {
    const rejected = await core.db.selectFrom('task_events').select(['task_id', 'note']).where('kind', '=', 'completion_rejected').execute();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.note?.startsWith(`${DEMO_LABEL} — Trả lại: `)).toBe(true);
    const task = await core.db.selectFrom('tasks').selectAll().where('id', '=', rejected[0]?.task_id ?? -1).executeTakeFirstOrThrow();
    expect(task.completion).toBe('accepted');
    const submissions = await core.db.selectFrom('task_events').select('id').where('task_id', '=', task.id).where('kind', '=', 'completion_submitted').execute();
    expect(submissions).toHaveLength(2);
  });

  it('replays the history on the days it happened, never after today, without moving the shared clock', async () => {
    expect(core.ctx.now()).toEqual(NOW);
    const events = await core.db.selectFrom('task_events').select(['id', 'at']).orderBy('id').execute();
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(times[0]).toBe('2025-09-24T01:00:00.000Z');
    expect(times.every((t) => t <= NOW.toISOString())).toBe(true);
    const accepted = await core.db.selectFrom('tasks').select(['completed_on', 'created_at']).where('completion', '=', 'accepted').execute();
    expect(accepted.every((t) => t.completed_on !== null && t.completed_on < '2026-11-15' && t.completed_on >= t.created_at.slice(0, 10))).toBe(true);
  });

  it('reports in Vietnamese what it loaded', () => {
    expect(lines[0]).toMatch(/^Nạp nhiệm vụ thật của các bài báo nguồn/);
    expect(lines.some((l) => l.startsWith(`Văn bản ${TB_4_VPCP} ngày 05/01/2026: 11 nhiệm vụ`))).toBe(true);
    expect(lines.at(-1)).toMatch(/^Trạng thái nhiệm vụ ngày 15\/11\/2026: .*quá hạn chưa hoàn thành/);
  });

  it('adds nothing when the directives are already there', async () => {
    const before = await core.db.selectFrom('tasks').select('id').execute();
    const again: string[] = [];
    expect(await fillDemoTasks(core, { log: (line) => again.push(line) })).toEqual({ directives: 0, tasks: 0 });
    expect(await core.db.selectFrom('tasks').select('id').execute()).toHaveLength(before.length);
    expect(again).toHaveLength(1);
  });
});

describe('the demo tasks with one seed', () => {
  it('come out the same on two fresh databases', async () => {
    const statuses = async () => {
      const core = await createTestCore({ now: NOW });
      try {
        await fillDemoTasks(core, { seed: 11 });
        return await core.db.selectFrom('tasks').select(['id', 'lead_unit', 'status', 'progress', 'completed_on']).orderBy('id').execute();
      } finally {
        await core.dispose();
      }
    };
    const [a, b] = [await statuses(), await statuses()];
    expect(a.length).toBeGreaterThanOrEqual(15);
    expect(b).toEqual(a);
  });
});
