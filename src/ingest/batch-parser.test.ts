import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../indicators/catalogue.ts';
import { ValidationError } from '../shared/errors.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { inlineParser, workerParser, type BatchParser } from './batch-parser.ts';
import { submitEvents } from './submit.ts';
import { CellDeltas } from './event-aggregation.ts';
import { rowAt } from '../store/event-columns.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
let worker: BatchParser;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue, parseInWorker: true });
  worker = workerParser(core.ctx);
});
afterEach(async () => {
  await worker.close();
  await core.dispose();
});

/** Enough events that the batch goes to the worker (small ones are parsed inline). */
const dossiers = (n: number, fee: (i: number) => unknown = (i) => i) =>
  Array.from({ length: n }, (_, i) => ({ id: `w${i}`, type: 'dossier.submitted', unit: i % 2 ? '00004' : '00025', time: '2026-10-05T09:00:00+07:00', attributes: { channel: i % 3 ? 'online' : 'paper', fee: fee(i) } }));

async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

describe('batch parser on a worker thread', () => {
  it('gives the same batch as parsing inline: columns, totals, distinct keys and fingerprint', async () => {
    const text = ndjson(dossiers(2_000));
    expect(text.length).toBeGreaterThan(64 * 1024);
    const there = await worker.parse(text);
    expect(there).toEqual(await inlineParser(core.ctx).parse(text));
    expect(there.count).toBe(2_000);
    const deltas = new CellDeltas(core.ctx.units);
    for (const column of there.aggregate.sums) deltas.addSums(column);
    const dossiersTotal = [...deltas.columns()].find((c) => c.indicator === 'dossiers_total' && c.period === '2026-10');
    expect(dossiersTotal?.byUnit.get('VN')).toBe(2_000);
  });

  it('refuses a bad batch whole with the same problems, lines and fields as inline', async () => {
    const text = ndjson(dossiers(2_000, (i) => (i === 1_234 ? 'một nghìn' : i)));
    const there = await problemsOf(worker.parse(text));
    expect(there).toEqual(await problemsOf(inlineParser(core.ctx).parse(text)));
    expect(there).toMatchObject([{ line: 1_235, field: 'attributes.fee' }]);
  });

  it('reads times as inline does: without an offset in Vietnam time, impossible or outside the window refused', async () => {
    const local = dossiers(2_000).map((e, i) => ({ ...e, time: i % 2 ? '2026-10-31T23:30:00' : '2026-10-31' }));
    const there = await worker.parse(ndjson(local));
    expect(there).toEqual(await inlineParser(core.ctx).parse(ndjson(local)));
    expect(new Set(Array.from({ length: there.count }, (_, i) => rowAt(there, i).time))).toEqual(new Set(['2026-10-31T16:30:00.000Z', '2026-10-30T17:00:00.000Z']));
    const bad = local.map((e, i) => (i === 7 ? { ...e, time: '2026-02-30' } : i === 8 ? { ...e, time: '0001-01-01' } : e));
    const problems = await problemsOf(worker.parse(ndjson(bad)));
    expect(problems).toEqual(await problemsOf(inlineParser(core.ctx).parse(ndjson(bad))));
    expect(problems).toMatchObject([{ line: 8, field: 'time' }, { line: 9, field: 'time' }]);
  });

  it('refuses bytes that are not UTF-8 naming the line, and reads past a byte order mark, as inline does', async () => {
    const bytes = (text: string) => new Uint8Array(Buffer.from(text));
    const lines = ndjson(dossiers(2_000)).split('\n');
    const broken = Buffer.from(`${lines.slice(0, 1_500).join('\n')}\n`);
    const body = Buffer.concat([broken, Buffer.from('{"id":"h"'), Buffer.from([0xff]), Buffer.from(`}\n${lines.slice(1_501).join('\n')}`)]);
    const problems = await problemsOf(worker.parse(new Uint8Array(body)));
    expect(problems).toEqual(await problemsOf(inlineParser(core.ctx).parse(new Uint8Array(body))));
    expect(problems).toMatchObject([{ line: 1_501, reasonEn: expect.stringContaining('not UTF-8') }]);
    const marked = bytes(`\uFEFF${lines.join('\n')}`);
    const there = await worker.parse(marked);
    expect(there.count).toBe(2_000);
    expect(there).toEqual(await inlineParser(core.ctx).parse(marked));
  });

  it('checks the batches parsed after a catalogue change against the new catalogue', async () => {
    const text = ndjson(dossiers(2_000, (i) => `phí ${i}`));
    expect((await problemsOf(worker.parse(text)))[0]).toMatchObject({ line: 1, field: 'attributes.fee' });
    // Without the fee indicator nothing reads `fee`, so text there is just an attribute.
    core.ctx.catalogue = new Catalogue({ ...testCatalogue, indicators: testCatalogue.indicators.filter((d) => d.code !== 'fees_vnd') });
    worker.catalogueChanged();
    expect((await worker.parse(text)).count).toBe(2_000);
  });

  it('fails the batches still waiting when it is closed, and starts again for the next one', async () => {
    const text = ndjson(dossiers(2_000));
    const waiting = worker.parse(text).catch((e: unknown) => e);
    await worker.close();
    expect(await waiting).toMatchObject({ message: expect.stringContaining('closed') });
    expect((await worker.parse(text)).count).toBe(2_000);
  });

  it('stores a large batch parsed on the server core’s worker, with every aggregate', async () => {
    const result = await submitEvents(core, testActor, ndjson(dossiers(3_000)));
    expect(result.accepted).toBe(3_000);
    const row = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', 'dossiers_online').where('unit_code', '=', 'VN').where('period', '=', '2026-10').executeTakeFirstOrThrow();
    expect(row.value).toBe(2_000);
  });
});
