import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../kpi/rebuild.ts';
import { ndjson, startTestApp, testActor, testCatalogue, type TestApp } from '../testing/test-core.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: new Date('2026-11-15T03:00:00Z'), catalogue: testCatalogue });
  const event = (id: string, time: string) => ({ id, type: 'dossier.submitted', unit: '00004', time, attributes: { channel: 'online', fee: 1 } });
  const res = await app.admin.fetch('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson([event('in-1', '2026-10-05T09:00:00+07:00')]) });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await app.dispose();
});

describe('periods asked for and listed over HTTP', () => {
  it('answers 400 naming a ?period= that is no real period or lies outside the window, on every read', async () => {
    const reads = ['/api/units/01/kpis?period=', '/api/scorecard?level=province&period=', '/api/indicators/dossiers_total/values?period=', '/api/export/unit-kpis.xlsx?unit=01&period='];
    for (const read of reads) {
      for (const period of ['2026-13', '2026-00', '2026-02-30', '2026-Q5', '2099-12', '1970-01', '0001-01']) {
        const res = await app.admin.fetch(`${read}${period}`);
        expect(res.status, `${read}${period}`).toBe(400);
        const body = (await res.json()) as { error: { details: { problems: unknown[] } } };
        expect(body.error.details.problems[0]).toMatchObject({ field: 'period', value: period });
      }
    }
    expect((await app.admin.fetch('/api/units/01/kpis?period=2026-10')).status).toBe(200);
  });

  it('lists no month outside the window in /api/periods, even from events stored before the window was enforced', async () => {
    const { db } = app.core;
    const batch = await db.insertInto('batches').values({ kind: 'events', actor: 'cu', source: null, received_at: '2020-01-01T00:00:00.000Z', row_count: 2, folded: 1, events_after: 0 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('events').values([
      { id: 'old-1', type: 'dossier.submitted', unit_code: '00004', time: '0001-01-01T00:00:00.000Z', attributes: '{"channel":"online","fee":1}', batch_id: batch.id },
      { id: 'old-2', type: 'dossier.submitted', unit_code: '00004', time: '2099-12-05T00:00:00.000Z', attributes: '{"channel":"online","fee":1}', batch_id: batch.id },
    ]).execute();
    const stats = await rebuildAggregates(app.core, testActor);
    expect(stats.events).toBe(3);
    const scored = await db.selectFrom('scores').select('period').distinct().execute();
    expect(scored.map((s) => s.period)).toEqual(expect.arrayContaining(['2099-12', '2026-10']));
    const { months } = (await (await app.admin.fetch('/api/periods')).json()) as { months: string[] };
    expect(months[0]).toBe('2026-10');
    expect(months.every((m) => m >= '2020-01' && m <= '2026-12')).toBe(true);
  });
});
