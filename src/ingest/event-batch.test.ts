import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { rowAt } from '../store/event-columns.ts';
import { createTestCore, ndjson, testCatalogue } from '../testing/test-core.ts';
import { MAX_BATCH_LINES, parseEventBatch, stableAttributes } from './event-batch.ts';
import { prepareBatch } from './parsed-batch.ts';
import { AcceptedWindow } from '../periods/accepted-window.ts';
import { Catalogue } from '../indicators/catalogue.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
const now = new Date('2026-11-01T00:00:00Z');

beforeAll(async () => {
  core = await createTestCore();
});
afterAll(async () => {
  await core.dispose();
});

const dossier = (id: string, channel = 'online', unit = '00004') => ({ id, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel } });
const parse = (text: string) => parseEventBatch(text, core.ctx.units, core.ctx.catalogue, now);
const prepare = (text: string) => prepareBatch(text, core.ctx.units, core.ctx.catalogue, now);

function problemsOf(read: () => unknown) {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems.map((p) => ({ line: p.line, field: p.field, reasonEn: p.reasonEn }));
  }
  throw new Error('the batch was accepted');
}

describe('reading an NDJSON event batch', () => {
  it('keeps an id sent twice with the same content once, whether the ids before it were in order or not', () => {
    for (const ids of [['a1', 'a2', 'a1', 'a3'], ['b2', 'b1', 'b3', 'b1'], ['c1', 'c3', 'c2', 'c1']]) {
      const text = ndjson(ids.map((id) => dossier(id)));
      const unique = [...new Set(ids)];
      expect(parse(text).map((e) => e.id)).toEqual(unique);
      const batch = prepare(text);
      expect(Array.from({ length: batch.count }, (_, i) => rowAt(batch, i).id)).toEqual(unique);
    }
  });

  it('refuses an id sent twice with other content, naming both lines, in order or not', () => {
    // c1 is first met while the ids are still in order, and repeated only after they stopped being so.
    for (const ids of [['a1', 'a2', 'a1'], ['c1', 'c3', 'c2', 'c1']]) {
      const events = ids.map((id, i) => dossier(id, i === ids.length - 1 ? 'offline' : 'online'));
      const expected = [{ line: ids.length, field: 'id', reasonEn: `Duplicate event id "${ids.at(-1)}" in the same batch (line 1)` }];
      expect(problemsOf(() => parse(ndjson(events)))).toEqual(expected);
      expect(problemsOf(() => prepare(ndjson(events)))).toEqual(expected);
    }
  });

  it('counts blank lines and reads CRLF line ends, so line numbers are those of the file', () => {
    const text = ['', JSON.stringify(dossier('x1')), '   ', JSON.stringify(dossier('x2', 'online', '99999')), ''].join('\r\n');
    expect(problemsOf(() => prepare(text))).toEqual([{ line: 4, field: 'unit', reasonEn: expect.any(String) }]);
    const good = prepare(['', JSON.stringify(dossier('x1')), '', JSON.stringify(dossier('x2'))].join('\r\n'));
    expect(Array.from(good.lines)).toEqual([2, 4]);
    expect(rowAt(good, 1)).toEqual({ id: 'x2', type: 'dossier.submitted', unit: '00004', time: '2026-10-05T02:00:00.000Z', attributes: stableAttributes({ channel: 'online' }) });
  });

  it('keeps times in the stored form as sent, converts other ISO forms, and refuses impossible months and times over a day ahead', () => {
    const at = (time: string) => JSON.stringify({ ...dossier(`t${time}`), time });
    const read = prepare([at('2026-11-02T00:00:00.000Z'), at('2026-10-05T09:00:00+07:00'), at('2026-11-02T07:00:00+07:00')].join('\n'));
    expect([0, 1, 2].map((i) => rowAt(read, i).time)).toEqual(['2026-11-02T00:00:00.000Z', '2026-10-05T02:00:00.000Z', '2026-11-02T00:00:00.000Z']);
    const bad = ['2026-11-02T00:00:00.001Z', '2026-11-02T07:00:00.001+07:00', '2026-13-05T01:00:00.000Z', '2026-00-05T01:00:00.000Z'];
    expect(problemsOf(() => prepare(bad.map(at).join('\n')))).toEqual([
      { line: 1, field: 'time', reasonEn: 'Time too far in the future: 2026-11-02T07:00:00+07:00 at the latest (a day after now)' },
      { line: 2, field: 'time', reasonEn: 'Time too far in the future: 2026-11-02T07:00:00+07:00 at the latest (a day after now)' },
      { line: 3, field: 'time', reasonEn: expect.stringMatching(/time/i) },
      { line: 4, field: 'time', reasonEn: expect.stringMatching(/time/i) },
    ]);
  });

  it('folds an event into the Vietnam month of its instant, on either side of midnight in Hà Nội', () => {
    const at = (id: string, time: string) => JSON.stringify({ ...dossier(id), time });
    const { aggregate } = prepare([at('before', '2026-10-31T16:59:59.999Z'), at('after', '2026-10-31T17:00:00.000Z'), at('late', '2026-10-31T23:59:59.999Z')].join('\n'));
    const total = aggregate.sums.filter((c) => c.indicator === 'dossiers_total').map((c) => [c.period, c.deltas.reduce((a, b) => a + b, 0)]);
    expect(Object.fromEntries(total)).toEqual({ '2026-10': 1, '2026-11': 2 });
  });

  it('refuses a batch of blank lines as empty', () => {
    expect(problemsOf(() => prepare('\n  \n\r\n'))).toEqual([{ line: undefined, field: undefined, reasonEn: 'The batch is empty' }]);
  });

  it(`takes ${MAX_BATCH_LINES.toLocaleString('en')} events among extra blank lines, and refuses one event more before reading any`, () => {
    const lines = Array.from({ length: MAX_BATCH_LINES }, (_, i) => JSON.stringify(dossier(`m${String(i).padStart(6, '0')}`)));
    const full = prepare(`\n\n${lines.join('\n')}\n\n`);
    expect(full.count).toBe(MAX_BATCH_LINES);
    expect(full.lines[0]).toBe(3);
    // The extra line is bad too: only the size is reported, since nothing is validated past it.
    expect(problemsOf(() => prepare(`${lines.join('\n')}\n{not json`))).toEqual([{ line: undefined, field: undefined, reasonEn: `Batch too large: at most ${MAX_BATCH_LINES} lines` }]);
  });
});

describe('times of events', () => {
  const at = (time: string, id = `t-${time}`) => JSON.stringify({ ...dossier(id), time });
  const timesOf = (text: string) => {
    const batch = prepare(text);
    return Array.from({ length: batch.count }, (_, i) => rowAt(batch, i).time);
  };

  it('reads a time without an offset as Vietnam time, as it reads a date alone', () => {
    const sent = ['2026-10-31T23:30:00', '2026-10-31 23:30', '2026-10-31T23:30:00.250', '2026-10-31', '2026-10-31T23:30:00+07:00', '2026-10-31T16:30:00Z'];
    expect(timesOf(sent.map((t, i) => at(t, `n${i}`)).join('\n'))).toEqual([
      '2026-10-31T16:30:00.000Z', '2026-10-31T16:30:00.000Z', '2026-10-31T16:30:00.250Z', '2026-10-30T17:00:00.000Z', '2026-10-31T16:30:00.000Z', '2026-10-31T16:30:00.000Z',
    ]);
    const { aggregate } = prepare(at('2026-10-31T23:30:00'));
    expect(aggregate.sums.find((c) => c.indicator === 'dossiers_total')?.period).toBe('2026-10');
  });

  it('refuses impossible dates and times instead of rolling them into the next day or month', () => {
    const impossible = ['2026-02-30T10:00:00+07:00', '2026-02-29', '2026-04-31', '2026-10-05T24:00:00+07:00', '2026-10-05T24:00', '2026-13-01', '2026-00-10',
      '2026-10-05T10:60:00Z', '2026-10-05T10:00:60Z', '2026-10-05T10:00:00+25:00', '2026-10-05T10:00:00.Z', '2026-10-5', 'hôm qua', '1730000000000'];
    const problems = problemsOf(() => prepare(impossible.map((t, i) => at(t, `i${i}`)).join('\n')));
    expect(problems.map((p) => [p.line, p.field])).toEqual(impossible.map((_, i) => [i + 1, 'time']));
    expect(problems[0]?.reasonEn).toContain('Invalid time "2026-02-30T10:00:00+07:00": a real date and time');
    expect(timesOf(at('2024-02-29T08:00:00+07:00'))).toEqual(['2024-02-29T01:00:00.000Z']);
  });

  it('refuses times before 1 January 2020 in Vietnam or more than a day after now, in every form', () => {
    const outside = ['1970-01-01T00:00:00.000Z', '0001-01-01', '0001-01-01T00:00:00Z', '2019-12-31T23:59:59+07:00', '2019-12-31T16:59:59.999Z', '2026-11-02T00:00:00.001Z', '2026-11-02T07:00:01'];
    const problems = problemsOf(() => prepare(outside.map((t, i) => at(t, `o${i}`)).join('\n')));
    expect(problems.map((p) => [p.line, p.field])).toEqual(outside.map((_, i) => [i + 1, 'time']));
    expect(problems[0]?.reasonEn).toBe('Time before 2020-01-01T00:00:00+07:00, outside the period the system accepts');
    expect(timesOf(['2020-01-01', '2019-12-31T17:00:00.000Z', '2026-11-02T07:00:00'].map((t) => at(t)).join('\n'))).toEqual(['2019-12-31T17:00:00.000Z', '2019-12-31T17:00:00.000Z', '2026-11-02T00:00:00.000Z']);
  });

  it('takes the earliest day from the window it is given', () => {
    const window = new AcceptedWindow('2025-07-01');
    const read = (time: string) => () => prepareBatch(at(time), core.ctx.units, core.ctx.catalogue, now, window);
    expect(problemsOf(read('2025-06-30T23:59:59'))[0]?.reasonEn).toContain('before 2025-07-01T00:00:00+07:00');
    expect(read('2025-07-01T00:00:00')().count).toBe(1);
  });
});

describe('event types and their attributes', () => {
  const event = (id: string, type: string, attributes: object) => JSON.stringify({ id, type, unit: '00004', time: '2026-10-05T09:00:00+07:00', attributes });

  it('refuses a type the catalogue does not know, naming it and the known types, on the first batch', () => {
    const problems = problemsOf(() => prepare([event('k1', 'dossier.submitted', { channel: 'online' }), event('k2', 'dossier.submited', { channel: 'online' })].join('\n')));
    expect(problems).toEqual([{ line: 2, field: 'type', reasonEn: expect.stringContaining('Event type "dossier.submited" is not in the catalogue') }]);
    expect(problems[0]?.reasonEn).toContain('known types: dossier.submitted, dossier.resolved');
  });

  it('accepts a type that is declared though no indicator reads it, and counts it nowhere', () => {
    const { definition } = core.ctx.catalogue;
    const catalogue = new Catalogue({ ...definition, eventTypes: [...(definition.eventTypes ?? []), { code: 'portal.visited', name: 'Lượt truy cập cổng', nameEn: 'Portal visit' }] });
    const batch = prepareBatch(event('v1', 'portal.visited', { page: '/' }), core.ctx.units, catalogue, now);
    expect([batch.count, batch.aggregate.sums.length]).toEqual([1, 0]);
  });

  it('refuses a declared attribute of another type, naming line, field and the type expected', () => {
    const lines = [
      event('w1', 'dossier.resolved', { on_time: 'true' }),
      event('w2', 'dossier.resolved', { on_time: 1 }),
      event('w3', 'dossier.resolved', { on_time: true, channel: 'paper' }),
      event('w4', 'vneid.activated', { level: 1.5 }),
      event('w5', 'payment.completed', { method: 'qr', amount: '60000' }),
      JSON.stringify({ id: 'w6', type: 'dossier.resolved', unit: '00004', time: '2026-10-05', on_time: 'false' }),
    ];
    expect(problemsOf(() => prepare(lines.join('\n')))).toEqual([
      { line: 1, field: 'attributes.on_time', reasonEn: 'Attribute "on_time" of event type "dossier.resolved" must be a boolean (true or false, unquoted)' },
      { line: 2, field: 'attributes.on_time', reasonEn: 'Attribute "on_time" of event type "dossier.resolved" must be a boolean (true or false, unquoted)' },
      { line: 3, field: 'attributes.channel', reasonEn: 'Attribute "channel" of event type "dossier.resolved" must be one of: online, offline' },
      { line: 4, field: 'attributes.level', reasonEn: 'Attribute "level" of event type "vneid.activated" must be an integer' },
      { line: 5, field: 'attributes.amount', reasonEn: 'Attribute "amount" of event type "payment.completed" must be a number' },
      { line: 6, field: 'attributes.on_time', reasonEn: expect.stringContaining('must be a boolean') },
    ]);
  });

  it('stores attributes no type declares as they were sent', () => {
    const batch = prepare(event('x1', 'dossier.resolved', { on_time: false, constructor: 'x', officer: 'Nguyễn Văn A', pages: 3 }));
    expect(JSON.parse(rowAt(batch, 0).attributes)).toEqual({ constructor: 'x', officer: 'Nguyễn Văn A', on_time: false, pages: 3 });
  });

  it('knows the types of a catalogue that declares none from its indicators, and the attributes they compare', () => {
    const catalogue = new Catalogue(testCatalogue);
    const read = (line: string) => () => prepareBatch(line, core.ctx.units, catalogue, now);
    expect(problemsOf(read(event('i1', 'dossier.submited', {})))).toMatchObject([{ field: 'type' }]);
    expect(problemsOf(read(event('i2', 'dossier.submitted', { channel: 1, fee: 5 })))).toMatchObject([{ field: 'attributes.channel', reasonEn: expect.stringContaining('must be a string') }]);
    expect(read(event('i3', 'dossier.submitted', { channel: 'paper', fee: 5 }))().count).toBe(1);
  });
});
