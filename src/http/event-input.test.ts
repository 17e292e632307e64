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
const post = (body: string | Uint8Array, contentType = 'application/x-ndjson') => app.admin.fetch('/api/events', { method: 'POST', headers: { 'content-type': contentType }, body });
const dossier = (id: string, extra: object = {}) => ({ id, type: 'dossier.submitted', unit: '00004', time: '2026-11-03T09:00:00+07:00', attributes: { channel: 'online', fee: 1000 }, ...extra });

describe('POST /api/events, what the sender is told', () => {
  it('refuses bytes that are not UTF-8 naming the line, whatever the text content type, and stores nothing', async () => {
    const good = Buffer.from(`${JSON.stringify(dossier('u1'))}\n`);
    const bad = Buffer.concat([Buffer.from('{"id":"u2","type":"dossier.submitted","unit":"00004","time":"2026-11-03","attributes":{"channel":"online","note":"H'), Buffer.from([0xe0, 0x4e]), Buffer.from('i"}}')]);
    for (const type of ['application/x-ndjson', 'text/plain']) {
      const res = await post(new Uint8Array(Buffer.concat([good, bad])), type);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.details.problems).toEqual([{ line: 2, reason: expect.stringContaining('UTF-8'), reasonEn: expect.stringContaining('not UTF-8') }]);
    }
    const stored = await app.core.db.selectFrom('events').select('id').where('id', 'in', ['u1', 'u2']).execute();
    expect(stored).toEqual([]);
  });

  it('accepts a byte order mark at the start of the body', async () => {
    const res = await post(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ndjson([dossier('bom1')]))])));
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ accepted: 1 });
  });

  it('tells a sender of a JSON document that the endpoint takes one JSON object per line', async () => {
    const array = JSON.stringify([dossier('a1'), dossier('a2')]);
    const asJson = await post(array, 'application/json');
    expect(asJson.status).toBe(415);
    expect((await json(asJson)).error.details.problems[0].reasonEn).toContain('one JSON object per line');
    for (const body of [array, JSON.stringify([dossier('a1'), dossier('a2')], null, 2)]) {
      const asNdjson = await json(await post(body));
      expect(asNdjson.error.details.problems[0]).toMatchObject({ line: 1, reasonEn: expect.stringContaining('one JSON object per line') });
    }
  });

  it('says the limit when an attribute is too long, too many or not a plain value', async () => {
    const problems = async (attributes: object) => (await json(await post(ndjson([dossier('l1', { attributes: { channel: 'online', ...attributes } })])))).error.details.problems;
    expect(await problems({ note: 'x'.repeat(1001) })).toMatchObject([{ line: 1, field: 'attributes.note', reasonEn: 'Attribute value too long: 1001 characters, at most 1000' }]);
    expect(await problems({ ['k'.repeat(65)]: 1 })).toMatchObject([{ field: `attributes.${'k'.repeat(64)}`, reasonEn: 'Attribute name too long: at most 64 characters' }]);
    expect(await problems(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i])))).toMatchObject([{ field: 'attributes', reasonEn: 'Too many attributes: at most 50' }]);
    expect(await problems({ nested: { a: 1 } })).toMatchObject([{ field: 'attributes.nested', reasonEn: expect.stringContaining('plain value') }]);
  });

  it('counts a line sent twice in one batch as a duplicate, and refuses it when its content differs', async () => {
    const line = JSON.stringify(dossier('twice'));
    expect(await json(await post([line, line, JSON.stringify(dossier('once'))].join('\n')))).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await json(await post([line, line].join('\n')))).toMatchObject({ accepted: 0, duplicates: 2 });
    const other = await json(await post([JSON.stringify(dossier('t2')), JSON.stringify(dossier('t2', { unit: '00025' }))].join('\n')));
    expect(other.error.details.problems).toMatchObject([{ line: 2, field: 'id', reasonEn: 'Duplicate event id "t2" in the same batch (line 1)' }]);
  });
});
