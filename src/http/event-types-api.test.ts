import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { ndjson, startTestApp, type TestApp } from '../testing/test-core.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ config: { earliest: '2025-01-01' } });
});
afterAll(async () => {
  await app.dispose();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
const json = (res: Response): Promise<any> => res.json();
const putIndicator = (body: object) => app.admin.fetch('/api/indicators/resolved_by_post', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const indicator = (event: object) => ({
  code: 'resolved_by_post', name: 'Hồ sơ trả qua bưu chính', nameEn: 'Dossiers returned by post', kind: 'event', measure: 'hồ sơ',
  periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 0, appliesTo: ['nation', 'province', 'commune'], event,
});

describe('event types over HTTP, with the default catalogue', () => {
  it('lists the declared event types and their attributes with the catalogue', async () => {
    const { eventTypes } = await json(await app.admin.fetch('/api/indicators'));
    expect(eventTypes).toContainEqual(expect.objectContaining({ code: 'dossier.resolved', attributes: expect.objectContaining({ on_time: expect.objectContaining({ type: 'boolean' }) }) }));
  });

  it('refuses an indicator put through the API that reads an undeclared type or attribute, and takes one that reads declared ones', async () => {
    const typo = await json(await putIndicator(indicator({ type: 'dossier.resolve', aggregate: 'count' })));
    expect(typo.error.details.problems).toMatchObject([{ field: 'event.type', reasonEn: 'Event type "dossier.resolve" is not declared under eventTypes' }]);
    const quoted = await json(await putIndicator(indicator({ type: 'dossier.resolved', filter: { on_time: 'true' }, aggregate: 'count' })));
    expect(quoted.error.details.problems).toMatchObject([{ field: 'event.filter.on_time' }]);
    const good = await putIndicator(indicator({ type: 'dossier.resolved', filter: { on_time: true, channel: 'offline' }, aggregate: 'count' }));
    expect(good.status).toBe(200);
    expect((await json(await app.admin.fetch('/api/indicators/resolved_by_post'))).event.filter).toEqual({ on_time: true, channel: 'offline' });
    const posted = await app.admin.fetch('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson([{ id: 'p1', type: 'dossier.resolved', unit: '00004', time: '2026-11-03', attributes: { on_time: 'true' } }]) });
    expect((await json(posted)).error.details.problems).toMatchObject([{ line: 1, field: 'attributes.on_time' }]);
  });

  it('takes the earliest accepted day from the configuration (NHIPSO_EARLIEST)', async () => {
    expect(loadConfig({}, { NHIPSO_EARLIEST: '2025-01-01' }).earliest).toBe('2025-01-01');
    const send = (time: string) => app.admin.fetch('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson([{ id: `e-${time}`, type: 'dossier.submitted', unit: '00004', time, attributes: { channel: 'online' } }]) });
    expect((await json(await send('2024-12-31T23:59:59'))).error.details.problems[0]).toMatchObject({ field: 'time', reasonEn: expect.stringContaining('before 2025-01-01') });
    expect((await send('2025-01-01T00:00:00')).status).toBe(201);
  });
});
