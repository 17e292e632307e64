import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, openSqlite, type StoreEngine } from './engine.ts';

let dir: string;
let engine: StoreEngine;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-migrations-'));
  engine = openSqlite(join(dir, 'test.db'));
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const primaryKey = async () =>
  (await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info('event_distinct') WHERE pk > 0 ORDER BY pk`.execute(engine.db)).rows.map((r) => r.name);

const keys = async () =>
  (await engine.db.selectFrom('event_distinct').select(['indicator_code', 'unit_code', 'period', 'key']).orderBy(['unit_code', 'key']).execute()).map((r) => Object.values(r).join(' '));

describe('the schema migrations', () => {
  it('keeps every distinct key when their table is keyed by key before unit, and back', async () => {
    await migrateTo(engine.db, '0008-batches-folded');
    const row = (unit_code: string, key: string) => ({ indicator_code: 'digital_skills_reached', unit_code, period: '2026-10', key });
    await engine.db.insertInto('event_distinct').values([row('00004', 'p1'), row('01', 'p1'), row('VN', 'p1'), row('00004', 'p2')]).execute();
    const before = await keys();
    expect(await primaryKey()).toEqual(['indicator_code', 'unit_code', 'period', 'key']);

    await migrateTo(engine.db);
    expect(await primaryKey()).toEqual(['indicator_code', 'period', 'key', 'unit_code']);
    expect(await keys()).toEqual(before);
    // Still one row a key and unit: a key stored again is refused by the key, and the write path counts on that.
    const again = await sql`INSERT INTO event_distinct (indicator_code, unit_code, period, key) VALUES ('digital_skills_reached', '01', '2026-10', 'p1') ON CONFLICT DO NOTHING`.execute(engine.db);
    expect(Number(again.numAffectedRows)).toBe(0);

    await migrateTo(engine.db, '0008-batches-folded');
    expect(await primaryKey()).toEqual(['indicator_code', 'unit_code', 'period', 'key']);
    expect(await keys()).toEqual(before);
  });
});
