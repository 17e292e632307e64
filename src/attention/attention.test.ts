import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/actor.ts';
import type { CatalogueDefinition } from '../indicators/indicator.ts';
import { publishPeriod } from '../publication/publish-period.ts';
import { publicCaller } from '../testing/http-callers.ts';
import { clearTask, seedDirective } from '../testing/task-fixtures.ts';
import { ndjson, startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';
import { createTasks } from '../tasks/task-commands.ts';
import type { Attention } from './attention.schema.ts';

/** Two monthly indicators counted from events, so each unit's score is set by how many dossiers it received. */
const catalogue: CatalogueDefinition = {
  ...testCatalogue,
  pillars: [{ code: 'chinh_quyen_so', name: 'Chính quyền số', nameEn: 'Digital government', weight: 1 }],
  indicators: [
    {
      code: 'served', name: 'Hồ sơ tiếp nhận', nameEn: 'Dossiers received', kind: 'event', measure: 'hồ sơ', periodType: 'month',
      direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 1, target: 10, appliesTo: ['nation', 'province', 'commune'],
      event: { type: 'dossier.submitted', aggregate: 'count' },
    },
    {
      code: 'online', name: 'Hồ sơ trực tuyến', nameEn: 'Online dossiers', kind: 'event', measure: 'hồ sơ', periodType: 'month',
      direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 1, target: 5, appliesTo: ['nation', 'province', 'commune'],
      event: { type: 'dossier.submitted', filter: { channel: 'online' }, aggregate: 'count' },
    },
  ],
};

let app: TestApp;
let communeA = '';
let communeB = '';
let sent = 0;

const dossiers = (unit: string, month: string, n: number) => Array.from({ length: n }, () => ({
  id: `att-${++sent}`, type: 'dossier.submitted', unit, time: `${month}-05T09:00:00+07:00`, attributes: { channel: 'online' },
}));

async function send(events: object[]): Promise<void> {
  const res = await app.admin.fetch('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson(events) });
  expect(res.ok, await res.clone().text()).toBe(true);
}

async function attention(query: string, caller: { fetch: TestApp['admin']['fetch'] } = app.admin): Promise<Attention> {
  const res = await caller.fetch(`/api/attention?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Attention;
}

const codes = (list: { items: { unit: { code: string } }[] }) => list.items.map((d) => d.unit.code);

beforeAll(async () => {
  app = await startTestApp({ now: new Date('2026-12-10T03:00:00Z'), catalogue });
  [communeA = '', communeB = ''] = app.core.ctx.units.children('01');
  // October: Hà Nội (through two of its communes) 15 dossiers, Hồ Chí Minh 9, Cần Thơ 8 — first, second and third.
  await send([...dossiers(communeA, '2026-10', 10), ...dossiers(communeB, '2026-10', 5), ...dossiers('79', '2026-10', 9), ...dossiers('92', '2026-10', 8)]);
  // November: three provinces reach the target and pass them all; Cần Thơ falls to 3; commune A to 2.
  await send([
    ...dossiers(communeA, '2026-11', 2), ...dossiers(communeB, '2026-11', 5), ...dossiers('79', '2026-11', 9), ...dossiers('92', '2026-11', 3),
    ...dossiers('04', '2026-11', 10), ...dossiers('08', '2026-11', 10), ...dossiers('31', '2026-11', 10),
  ]);
  const directive = await seedDirective(app.core);
  await createTasks(app.core, systemActor('test'), directive, [
    clearTask('01', { title: 'Quá hạn mười ngày', deadline: '30/11/2026' }),
    clearTask('01', { title: 'Quá hạn bốn mươi ngày', deadline: '31/10/2026' }),
    clearTask('01', { title: 'Còn năm ngày', deadline: '15/12/2026' }),
    clearTask('01', { title: 'Còn xa', deadline: 'Quý 1/2027' }),
    clearTask('79', { title: 'Của Hồ Chí Minh', deadline: '30/11/2026' }),
  ]);
});
afterAll(async () => {
  await app.dispose();
});

describe('GET /api/attention', () => {
  it('lists the provinces that fell a band, then those that fell several ranks, and not one that fell two', async () => {
    // Six provinces are scored: three places is a notable fall among them, two (Hồ Chí Minh, 2nd → 4th) is not.
    const body = await attention('period=2026-11');
    expect(body.unit.code).toBe('VN');
    expect(codes(body.drops)).toEqual(['92', '01']);
    expect(body.drops.items[0]).toMatchObject({ bandDropped: true, previousBand: 'tot', band: 'yeu', previousRank: 3, rank: 6, ranksLost: 3 });
    expect(body.drops.items[1]).toMatchObject({ bandDropped: false, previousRank: 1, rank: 5, ranksLost: 4, peers: 6 });
    expect(body.drops.total).toBe(2);
  });

  it('watches a province\'s communes from its home, not the provinces', async () => {
    const body = await attention('unit=01&period=2026-11');
    expect(codes(body.drops)).toEqual([communeA]);
    expect(body.drops.items[0]).toMatchObject({ previousBand: 'tot', band: 'yeu', bandDropped: true });
    expect(codes(await attention(`unit=${communeA}&period=2026-11`).then((b) => b.drops))).toEqual([]);
  });

  it('gives the unit\'s overdue tasks with how many days late, most late first, and those due within 7 days', async () => {
    const { tasks } = await attention('unit=01&period=2026-11');
    expect(tasks?.overdue.items.map((t) => [t.title, t.daysOverdue])).toEqual([['Quá hạn bốn mươi ngày', 40], ['Quá hạn mười ngày', 10]]);
    expect(tasks?.dueSoon.items.map((t) => [t.title, t.daysLeft])).toEqual([['Còn năm ngày', 5]]);
    expect(tasks?.overdue.items[0]?.id).toEqual(expect.any(Number));
    const national = await attention('period=2026-11');
    expect(national.tasks?.overdue.total).toBe(3);
  });

  it('gives the indicators furthest below target, furthest first, and none that reached it', async () => {
    const commune = await attention(`unit=${communeA}&period=2026-11`);
    expect(commune.shortfalls.items.map((s) => [s.indicator, s.achievement])).toEqual([['served', 20], ['online', 40]]);
    const hanoi = await attention('unit=01&period=2026-11');
    expect(hanoi.shortfalls.items.map((s) => s.indicator)).toEqual(['served']);
    expect(hanoi.shortfalls.items[0]).toMatchObject({ value: 7, target: 10, achievement: 70, name: 'Hồ sơ tiếp nhận', nameEn: 'Dossiers received' });
  });

  it('shows the public the published month as published, without tasks, and refuses a month not published', async () => {
    const anyone = publicCaller(app.url);
    expect((await anyone.fetch('/api/attention?unit=01')).status).toBe(401);
    await publishPeriod(app.core, systemActor('test'), '2026-10');
    await publishPeriod(app.core, systemActor('test'), '2026-11');
    // Commune A catches up after publication: the live figures change, the published ones do not.
    await send(dossiers(communeA, '2026-11', 8));
    const published = await attention('unit=01', anyone);
    expect(published).toMatchObject({ period: '2026-11', source: 'published', tasks: null });
    expect(codes(published.drops)).toEqual([communeA]);
    expect(codes((await attention('unit=01&period=2026-11')).drops)).toEqual([]);
    expect((await anyone.fetch('/api/attention?unit=01&period=2026-12')).status).toBe(401);
  });

  it('refuses a unit that does not exist and a month that is not one', async () => {
    expect((await app.admin.fetch('/api/attention?unit=khong-co')).status).toBe(404);
    expect((await app.admin.fetch('/api/attention?period=2026-13')).status).toBe(400);
    expect((await app.admin.fetch('/api/attention?period=thang-11')).status).toBe(400);
  });
});
