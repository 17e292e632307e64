import { describe, expect, it } from 'vitest';
import { parseEventBatch, stableAttributes } from '../ingest/event-batch.ts';
import { createTestCore } from '../testing/test-core.ts';
import { ColumnsBuilder, idAt, rowAt, textAt, typeAt, unitAt } from './event-columns.ts';

describe('packed event columns', () => {
  it('give back every row as it was packed, with types and units named once each', () => {
    const rows = { ids: ['a', 'b', 'c'], types: ['t.x', 't.y', 't.x'], units: ['01', '01', '79'], times: ['2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z', ''], attributes: ['{}', '{"k":"v\\\\n"}', '{"n":1}'] };
    const builder = new ColumnsBuilder(2);
    rows.ids.forEach((id, i) => builder.add(id, rows.types[i] ?? '', rows.units[i] ?? '', rows.times[i] ?? '', rows.attributes[i] ?? ''));
    const packed = builder.build();
    expect(packed.count).toBe(3);
    expect(packed.typeNames).toEqual(['t.x', 't.y']);
    expect(packed.unitNames).toEqual(['01', '79']);
    expect([0, 1, 2].map((i) => rowAt(packed, i))).toEqual(rows.ids.map((id, i) => ({ id, type: rows.types[i], unit: rows.units[i], time: rows.times[i], attributes: rows.attributes[i] })));
    expect([idAt(packed, 2), typeAt(packed, 1), unitAt(packed, 2), textAt(packed.times, 2)]).toEqual(['c', 't.y', '79', '']);
  });

  it('give back each of hundreds of rows while the columns are still being built and once they are packed', () => {
    // Rows are kept in flat texts of a few hundred rows each: rows on both sides of each boundary, and the last ones.
    const count = 1_000;
    const id = (i: number) => `id-${i}`;
    const attributes = (i: number) => JSON.stringify({ n: i, note: 'x'.repeat(i % 7) });
    const builder = new ColumnsBuilder(16);
    for (let i = 0; i < count; i++) {
      builder.add(id(i), `t.${i % 3}`, String(i % 5), `2026-10-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, attributes(i));
      if (i % 97 === 0) expect(builder.idAt(Math.floor(i / 2))).toBe(id(Math.floor(i / 2)));
    }
    const expected = (i: number) => ({ id: id(i), type: `t.${i % 3}`, unit: String(i % 5), time: `2026-10-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, attributes: attributes(i) });
    const all = Array.from({ length: count }, (_, i) => i);
    expect(all.map((i) => builder.row(i))).toEqual(all.map(expected));
    const packed = builder.build();
    expect(all.map((i) => rowAt(packed, i))).toEqual(all.map(expected));
  });

  it('never meet a line break in what a validated batch holds, even where the sender wrote escaped ones', async () => {
    const core = await createTestCore();
    try {
      const line = JSON.stringify({ id: 'nl-1', type: 'dossier.submitted', unit: '00004', time: '2026-10-05T09:00:00+07:00', attributes: { channel: 'online', note: 'dòng 1\ndòng 2\r\n' } });
      const [event] = parseEventBatch(line, core.ctx.units, core.ctx.catalogue, new Date('2026-11-01T00:00:00Z'));
      const stored = [event?.id, event?.time, stableAttributes(event?.attributes ?? {})];
      for (const text of stored) expect(text).not.toMatch(/[\n\r]/);
      expect(JSON.parse(stored[2] as string).note).toBe('dòng 1\ndòng 2\r\n');
    } finally {
      await core.dispose();
    }
  });
});
