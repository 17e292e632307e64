import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueDefinition } from '../indicators/indicator.ts';
import { systemActor } from '../auth/actor.ts';
import { publishPeriod } from '../publication/publish-period.ts';
import { publicCaller } from '../testing/http-callers.ts';
import { startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';
import type { Attention } from './attention.schema.ts';

/** One value reported by hand each month by every province and commune. */
const catalogue: CatalogueDefinition = {
  ...testCatalogue,
  pillars: [{ code: 'chinh_quyen_so', name: 'Chính quyền số', nameEn: 'Digital government', weight: 1 }],
  indicators: [{
    code: 'kiosks', name: 'Ki-ốt phục vụ', nameEn: 'Service kiosks', kind: 'reported', measure: 'ki-ốt', periodType: 'month',
    direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 1, target: 2, valid: { min: 0, integer: true }, appliesTo: ['nation', 'province', 'commune'],
  }],
};

let app: TestApp;
let communes: readonly string[] = [];

async function attention(query: string, caller: { fetch: TestApp['admin']['fetch'] } = app.admin): Promise<Attention> {
  const res = await caller.fetch(`/api/attention?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Attention;
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date('2026-12-10T03:00:00Z'), catalogue });
  communes = app.core.ctx.units.children('01');
  const [first = '', second = ''] = communes;
  const values = [first, second, '01'].map((unit) => ({ unit, indicator: 'kiosks', period: '2026-11', value: 3 }));
  const res = await app.admin.fetch('/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
  expect(res.status, await res.clone().text()).toBe(201);
});

afterAll(async () => {
  await app?.dispose();
});

describe('what is still unreported, in "Cần chú ý"', () => {
  it("counts what a province and its communes owe for the month and have reported, naming communes that reported nothing and not those done", async () => {
    const { reporting } = await attention('unit=01&period=2026-11');
    expect(reporting).toMatchObject({ expected: communes.length + 1, reported: 3, units: communes.length + 1, unitsComplete: 3 });
    expect(reporting?.lagging.total).toBe(communes.length - 2);
    const named = reporting?.lagging.items.map((u) => u.unit.code) ?? [];
    expect(named).not.toContain(communes[0]);
    expect(named).not.toContain(communes[1]);
    expect(reporting?.lagging.items[0]).toMatchObject({ expected: 1, reported: 0 });
  });

  it('counts nationally every province with its communes, the provinces furthest from done first', async () => {
    const { reporting } = await attention('unit=VN&period=2026-11');
    expect(reporting?.reported).toBe(3);
    // Hà Nội has reported something: every other province, with nothing reported, comes before it.
    expect(reporting?.lagging.items.map((u) => u.unit.code)).not.toContain('01');
    expect(reporting?.lagging.items[0]).toMatchObject({ reported: 0 });
  });

  it('tells the public nothing of who has not reported, in a published month either', async () => {
    await publishPeriod(app.core, systemActor('test'), '2026-11');
    const published = await attention('unit=01&period=2026-11', publicCaller(app.url));
    expect(published.source).toBe('published');
    expect(published.reporting).toBeNull();
  });
});
