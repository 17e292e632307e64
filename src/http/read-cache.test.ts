import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startTestApp, type TestApp } from '../testing/test-core.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.dispose();
});

const dossier = (id: string, unit: string) => ({ id, type: 'dossier.submitted', unit, time: '2026-11-03T09:00:00+07:00', attributes: { channel: 'online', fee: 1000 } });
const post = (events: object[]) => app.admin.fetch('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson(events) });
const dossiersOf = async (res: Response) => {
  const body = (await res.json()) as { kpis: { indicator: string; value: number | null }[] };
  return body.kpis.find((k) => k.indicator === 'dossiers_total')?.value ?? null;
};

describe('cached reads', () => {
  it('answers a repeated read from the cache, and the next read after a write from the database', async () => {
    expect((await post([dossier('c1', '00004')])).status).toBe(201);
    const first = await app.admin.fetch('/api/units/01/kpis?period=2026-11');
    expect(first.headers.get('x-cache')).toBe('miss');
    expect(await dossiersOf(first)).toBe(1);
    const second = await app.admin.fetch('/api/units/01/kpis?period=2026-11');
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(await dossiersOf(second)).toBe(1);

    expect((await post([dossier('c2', '00004')])).status).toBe(201);
    const after = await app.admin.fetch('/api/units/01/kpis?period=2026-11');
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(await dossiersOf(after)).toBe(2);
  });

  it('keeps the public and signed-in answers apart', async () => {
    expect((await app.admin.fetch('/api/periods')).status).toBe(200);
    expect((await app.admin.fetch('/api/periods')).headers.get('x-cache')).toBe('hit');
    const publicAnswer = await fetch(`${app.url}/api/periods`);
    expect(publicAnswer.headers.get('x-cache')).toBe('miss');
    const body = (await publicAnswer.json()) as { months: string[] };
    expect(body.months).toEqual([]);
  });
});

describe('cached reads, compressed', () => {
  it('serve the same JSON compressed with brotli or gzip as the client asks', async () => {
    const plain = await (await app.admin.fetch('/api/scorecard?level=province&period=2026-11', { headers: { 'accept-encoding': 'identity' } })).text();
    for (const encoding of ['br', 'gzip']) {
      const res = await app.admin.fetch('/api/scorecard?level=province&period=2026-11', { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('x-cache')).toBe('hit');
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(await res.text()).toBe(plain);
    }
  });
});
