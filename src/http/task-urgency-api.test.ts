import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-core.ts';
import { addTestUser, signIn, type Client } from '../testing/test-client.ts';
import { clearTask, seedDirective } from '../testing/task-fixtures.ts';
import type { TaskInput } from '../tasks/task-input.ts';

let app: TestApp;
/** 15/11/2026, 10:00 in Hà Nội: "today" is 2026-11-15 in Vietnam time. */
const now = new Date('2026-11-15T03:00:00Z');

beforeAll(async () => {
  app = await startTestApp({ now });
});
afterAll(async () => {
  await app.dispose();
});

interface Item { id: number; daysOverdue: number | null; dueInDays: number | null; status: string }
interface Allowance { allowed: boolean; reason: string | null; reasonEn: string | null }
type Detail = Item & { actions: Record<'progress' | 'complete' | 'accept' | 'reject' | 'split', Allowance> };

const read = async <T>(client: Client, path: string): Promise<T> => {
  const res = await client.fetch(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const post = (client: Client, path: string, body: unknown) =>
  client.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Tasks under a fresh directive, created as the administrator; ids in the order given. */
async function addTasks(tasks: TaskInput[]): Promise<{ ids: number[]; directive: string }> {
  const directive = await seedDirective(app.core);
  const res = await post(app.admin, `/api/directives/${encodeURIComponent(directive)}/tasks`, tasks);
  expect(res.status).toBe(201);
  return { ids: ((await res.json()) as { ids: number[] }).ids, directive };
}

describe('days overdue and days left, counted on the server', () => {
  it('counts the days since a passed deadline, and the days left to an open one, in Vietnam time', async () => {
    const { ids: [yearLate, late, today, soon], directive } = await addTasks([
      clearTask('01', { deadline: '31/01/2026' }),
      clearTask('01', { deadline: '10/11/2026' }),
      clearTask('01', { deadline: '15/11/2026' }),
      clearTask('01', { deadline: '18/11/2026' }),
    ]);
    const { items } = await read<{ items: Item[] }>(app.admin, `/api/tasks?directive=${encodeURIComponent(directive)}`);
    const byId = new Map(items.map((t) => [t.id, t]));
    expect(byId.get(yearLate ?? 0)).toMatchObject({ status: 'qua_han', daysOverdue: 288, dueInDays: null });
    expect(byId.get(late ?? 0)).toMatchObject({ status: 'qua_han', daysOverdue: 5, dueInDays: null });
    expect(byId.get(today ?? 0)).toMatchObject({ daysOverdue: null, dueInDays: 0 });
    expect(byId.get(soon ?? 0)).toMatchObject({ daysOverdue: null, dueInDays: 3 });
  });

  it('lists the most overdue task first, then the one due soonest', async () => {
    const { ids: [later, soon, late, yearLate], directive } = await addTasks([
      clearTask('01', { deadline: 'Quý 4/2026' }),
      clearTask('01', { deadline: '18/11/2026' }),
      clearTask('01', { deadline: '10/11/2026' }),
      clearTask('01', { deadline: '31/01/2026' }),
    ]);
    const { items } = await read<{ items: Item[] }>(app.admin, `/api/tasks?directive=${encodeURIComponent(directive)}`);
    expect(items.map((t) => t.id)).toEqual([yearLate, late, soon, later]);
    expect(items.map((t) => t.daysOverdue ?? -(t.dueInDays ?? 0))).toEqual([288, 5, -3, -46]);
  });

  it('counts no days for a deliverable awaiting acceptance, nor for an accepted task', async () => {
    const { ids: [waiting = 0, accepted = 0] } = await addTasks([clearTask('01', { deadline: '18/11/2026' }), clearTask('01', { deadline: '10/11/2026' })]);
    for (const id of [waiting, accepted]) expect((await post(app.admin, `/api/tasks/${id}/complete`, { links: ['https://hanoi.gov.vn/bao-cao'] })).status).toBe(200);
    expect((await post(app.admin, `/api/tasks/${accepted}/accept`, {})).status).toBe(200);
    expect(await read<Item>(app.admin, `/api/tasks/${waiting}`)).toMatchObject({ daysOverdue: null, dueInDays: null });
    expect(await read<Item>(app.admin, `/api/tasks/${accepted}`)).toMatchObject({ status: 'hoan_thanh_qua_han', daysOverdue: null, dueInDays: null });
  });
});

describe('what a reader may do to a task, as the write policy says', () => {
  it('lets the lead commune report and the province above accept or return, and says why to the others', async () => {
    await addTestUser(app.core, 'canbo.badinh', 'editor', '00004');
    await addTestUser(app.core, 'canbo.hanoi', 'editor', '01');
    await addTestUser(app.core, 'xem.badinh', 'viewer', '00004');
    const { ids: [id = 0] } = await addTasks([clearTask('00004')]);
    const [commune, province, viewer] = await Promise.all(['canbo.badinh', 'canbo.hanoi', 'xem.badinh'].map((u) => signIn(app.url, u)));
    if (!commune || !province || !viewer) throw new Error('sign-in failed');
    const actions = async (client: Client) => (await read<Detail>(client, `/api/tasks/${id}`)).actions;

    expect(await actions(commune)).toMatchObject({
      progress: { allowed: true }, complete: { allowed: true }, split: { allowed: true },
      accept: { allowed: false, reason: expect.stringContaining('cấp trên') },
    });
    expect(await actions(province)).toMatchObject({ progress: { allowed: true }, accept: { allowed: false, reason: expect.stringContaining('chưa được báo cáo hoàn thành') } });
    expect(Object.values(await actions(viewer)).every((a) => !a.allowed && a.reason)).toBe(true);

    expect((await post(commune, `/api/tasks/${id}/complete`, { links: ['https://badinh.hanoi.gov.vn/bao-cao'] })).status).toBe(200);
    expect(await actions(province)).toMatchObject({ accept: { allowed: true, reason: null }, reject: { allowed: true } });
    expect((await actions(commune)).reject).toMatchObject({ allowed: false });
  });
});
