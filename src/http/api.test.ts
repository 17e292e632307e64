import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, testCatalogue, startTestApp, type TestApp } from '../testing/test-core.ts';

let app: TestApp;
const now = new Date('2026-11-15T03:00:00Z');

beforeAll(async () => {
  app = await startTestApp({ now, catalogue: testCatalogue });
});
afterAll(async () => {
  await app.dispose();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
const json = (res: Response): Promise<any> => res.json();
const postEvents = (body: string, contentType = 'application/x-ndjson') => app.admin.fetch(('/api/events'), { method: 'POST', headers: { 'content-type': contentType }, body });
const dossier = (id: string, unit: string, channel: string) => ({ id, type: 'dossier.submitted', unit, time: '2026-11-03T09:00:00+07:00', attributes: { channel, fee: 1000 } });

/** Reads an SSE stream until `until` is satisfied by the parsed `change` events. */
async function collectStream(path: string, headers: Record<string, string>, until: (events: { id: string; data: any }[]) => boolean, action?: () => Promise<unknown>) {
  const controller = new AbortController();
  const res = await app.admin.fetch((path), { headers, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; data: any }[] = [];
  let buffer = '';
  let ready = false;
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      if (fields.event === 'ready' && !ready) {
        ready = true;
        if (action) await action();
      }
      if (fields.event === 'change') events.push({ id: fields.id ?? '', data: JSON.parse(fields.data ?? '{}') });
    }
    if (ready && until(events)) break;
  }
  controller.abort();
  return events;
}

describe('HTTP API', () => {
  it('answers health with the registry sizes', async () => {
    const body = await json(await app.admin.fetch(('/api/health')));
    expect(body).toMatchObject({ status: 'ok', units: 3374 });
  });

  it('lists 34 provinces and finds a commune without diacritics', async () => {
    const provinces = await json(await app.admin.fetch(('/api/units?kind=province&limit=100')));
    expect(provinces.total).toBe(34);
    const found = await json(await app.admin.fetch(('/api/units?q=ba%20dinh')));
    expect(found.items[0]).toMatchObject({ code: '00004', name: 'Ba Đình' });
  });

  it('changes the scorecard when events are posted, and pushes the change on the stream within a second', async () => {
    const started = Date.now();
    const events = await collectStream('/api/stream?unit=01', {}, (ev) => ev.length > 0, () => postEvents(ndjson([dossier('s1', '00004', 'online')])));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(events[0]!.data.changes.kpis).toContainEqual(expect.objectContaining({ indicator: 'dossiers_total', unit: '01', period: '2026-11', value: 1 }));
    const card = await json(await app.admin.fetch(('/api/scorecard?level=province&period=2026-11')));
    expect(card.units[0]).toMatchObject({ unit: { code: '01' }, rank: 1 });
  });

  it('answers a batch posted with ack=stored once durable, with unknown change counts, and names it on the stream when folded', async () => {
    let batchId: number | undefined;
    let answer: any;
    const events = await collectStream('/api/stream', {}, (ev) => ev.some((e) => e.data.changes.batches?.includes(batchId)), async () => {
      const res = await app.admin.fetch('/api/events?ack=stored', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson([dossier('k1', '00070', 'online')]) });
      expect(res.status).toBe(201);
      answer = await json(res);
      batchId = answer.batchId;
    });
    expect(answer).toMatchObject({ accepted: 1, derived: false, changeId: null, changedKpis: null, changedScores: null });
    const fold = events.find((e) => e.data.changes.batches?.includes(batchId));
    expect(fold?.data.changes.kpis).toContainEqual(expect.objectContaining({ indicator: 'dossiers_total', unit: '00070', period: '2026-11', value: 1 }));
    const health = await json(await app.admin.fetch('/api/health'));
    expect(health.ingest).toEqual({ waiting: { batches: 0, events: 0 }, unfolded: { batches: 0, events: 0 } });
  });

  it('names in health the time of the last change, as the stream sent it', async () => {
    const events = await collectStream('/api/stream', {}, (ev) => ev.length >= 1, () => postEvents(ndjson([dossier('h1', '00008', 'online')])));
    const health = await json(await app.admin.fetch('/api/health'));
    const last = events.at(-1)?.data;
    expect(health.lastChange).toBe(last?.seq);
    expect(health.lastChangeAt).toBe(last?.at);
  });

  it('refuses an ack it does not know', async () => {
    const res = await app.admin.fetch('/api/events?ack=later', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson([dossier('k2', '00004', 'online')]) });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('VALIDATION_FAILED');
  });

  it('replays missed changes after Last-Event-ID', async () => {
    const first = await postEvents(ndjson([dossier('l1', '00008', 'online')]));
    const { changeId } = await json(first);
    await postEvents(ndjson([dossier('l2', '00008', 'paper')]));
    const replay = await collectStream('/api/stream', { 'last-event-id': String(changeId - 1) }, (ev) => ev.length >= 2);
    expect(replay.map((e) => Number(e.id))).toEqual([changeId, changeId + 1]);
  });

  it('treats a resent batch as already received', async () => {
    const batch = ndjson([dossier('r1', '00025', 'online')]);
    expect((await postEvents(batch)).status).toBe(201);
    const again = await postEvents(batch);
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ accepted: 0, duplicates: 1, changeId: null });
  });

  it('rejects a batch with one bad line as a whole, naming the line', async () => {
    const res = await postEvents([JSON.stringify(dossier('b1', '00004', 'online')), '{"id":"b2","type":"dossier.submitted","unit":"00004"}'].join('\n'));
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.problems).toEqual([expect.objectContaining({ line: 2, field: 'time' })]);
    const stored = await json(await app.admin.fetch(('/api/units/00004/kpis?period=2026-11')));
    expect(stored.kpis.find((k: { indicator: string }) => k.indicator === 'dossiers_total').value).toBe(1);
  });

  it('imports an XLSX sheet with Vietnamese headers and number formats', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Dân số (người)', 'Tỷ lệ dân số được phủ sóng 5G (%)']);
    ws.addRow([1, '01', 'Hà Nội', '8.435.700', '72,5']);
    ws.addRow([2, '79', 'TP Hồ Chí Minh', 14002598, '68,1%']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const form = new FormData();
    form.append('file', new Blob([data]), 'bao-cao-2026.xlsx');
    const res = await app.admin.fetch(('/api/values/import?period=2026'), { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ accepted: 4 });
    const values = await json(await app.admin.fetch(('/api/indicators/coverage_5g/values?period=2026')));
    expect(values.values).toContainEqual(expect.objectContaining({ unit: '01', value: 72.5 }));
    const vn = values.values.find((v: { unit: string }) => v.unit === 'VN');
    expect(vn.value).toBeCloseTo((72.5 * 8435700 + 68.1 * 14002598) / (8435700 + 14002598), 9);
  });

  it('keeps serving after malformed input of every kind', async () => {
    const attempts: [string, RequestInit][] = [
      ['/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '' }],
      ['/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '\u0000\u0001garbage' }],
      ['/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '[1,2,3]\nnull\n"x"' }],
      ['/api/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":' }],
      ['/api/events', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' }],
      ['/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: JSON.stringify({ id: 'z'.repeat(500), type: 'dossier.submitted', unit: '00004', time: '2026-11-01' }) }],
      ['/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: JSON.stringify({ id: 'f', type: 'dossier.submitted', unit: '00004', time: '2999-01-01' }) }],
      ['/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"values": [1, "a", null]}' }],
      ['/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ unit: '01', indicator: 'population', period: '2026', value: 'NaN' }]) }],
      ['/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ unit: "01' OR 1=1 --", indicator: 'population', period: '2026', value: 1 }]) }],
      ['/api/values/import?filename=x.xlsx', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from('PK\u0003\u0004 not really a zip') }],
      ['/api/values/import?filename=x.csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a;b;c\n1;2;3' }],
      ['/api/scorecard?level=commune', { method: 'GET' }],
      ['/api/scorecard?level=planet', { method: 'GET' }],
      ['/api/units/does-not-exist', { method: 'GET' }],
      ['/api/indicators/population/values?period=2026-13', { method: 'GET' }],
    ];
    for (const [path, init] of attempts) {
      const res = await app.admin.fetch((path), init);
      expect(res.status, `${init.method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${init.method} ${path}`).toBeLessThan(500);
      const body = await json(res);
      expect(body.error, path).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await app.admin.fetch(('/api/health'))).status).toBe(200);
    const stored = await app.core.db.selectFrom('events').select('id').where('id', 'in', ['f']).execute();
    expect(stored).toEqual([]);
  });

  it('serves its OpenAPI document', async () => {
    const doc = await json(await app.admin.fetch(('/api/openapi.json')));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/events', '/api/values', '/api/scorecard', '/api/stream']));
  });
});
