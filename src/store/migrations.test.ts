import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, openSqlite, type StoreEngine } from './engine.ts';
import { seedReferenceUnits } from '../units/unit.repository.ts';

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

    await migrateTo(engine.db, '0009-event-distinct-by-key');
    expect(await primaryKey()).toEqual(['indicator_code', 'period', 'key', 'unit_code']);
    expect(await keys()).toEqual(before);
    // Still one row a key and unit: a key stored again is refused by the key, and the write path counts on that.
    const again = await sql`INSERT INTO event_distinct (indicator_code, unit_code, period, key) VALUES ('digital_skills_reached', '01', '2026-10', 'p1') ON CONFLICT DO NOTHING`.execute(engine.db);
    expect(Number(again.numAffectedRows)).toBe(0);

    await migrateTo(engine.db, '0008-batches-folded');
    expect(await primaryKey()).toEqual(['indicator_code', 'unit_code', 'period', 'key']);
    expect(await keys()).toEqual(before);
  });

  it('keeps each distinct key at the units whose own events carried it, every unit counting the same keys', async () => {
    await migrateTo(engine.db, '0009-event-distinct-by-key');
    await seedReferenceUnits(engine.db);
    const row = (unit_code: string, key: string) => ({ indicator_code: 'digital_skills_reached', unit_code, period: '2026-10', key });
    // p1 from a commune of Hà Nội (stored at the commune, the city and the Nation); p2 from two communes of Hà Nội;
    // p3 from the city itself and from the Nation; p4 from a commune in another province.
    const [commune, other] = await communesOf('01');
    const [elsewhere] = await communesOf('79');
    if (!commune || !other || !elsewhere) throw new Error('reference units missing');
    await engine.db.insertInto('event_distinct').values([
      row(commune, 'p1'), row('01', 'p1'), row('VN', 'p1'),
      row(commune, 'p2'), row(other, 'p2'), row('01', 'p2'), row('VN', 'p2'),
      row('01', 'p3'), row('VN', 'p3'),
      row(elsewhere, 'p4'), row('79', 'p4'), row('VN', 'p4'),
    ]).execute();
    const before = await keysCounted([commune, other, elsewhere, '01', '79', 'VN']);

    await migrateTo(engine.db, '0010-distinct-keys-at-own-unit');
    expect(await keys()).toEqual([`${commune} p1`, `${commune} p2`, `${other} p2`, `${elsewhere} p4`, '01 p3'].map((k) => `digital_skills_reached ${k.split(' ')[0]} 2026-10 ${k.split(' ')[1]}`).sort());
    expect(await keysCounted([commune, other, elsewhere, '01', '79', 'VN'])).toEqual(before);

    await migrateTo(engine.db, '0009-event-distinct-by-key');
    expect(await keysCounted([commune, other, elsewhere, '01', '79', 'VN'])).toEqual(before);
    expect(await keys()).toHaveLength(12);
  });

  it('copies for the public the KPI values of the months published before their snapshot existed, and drops it going back', async () => {
    await migrateTo(engine.db, '0010-distinct-keys-at-own-unit');
    const stamp = '2026-11-01T00:00:00.000Z';
    const cell = (indicator_code: string, unit_code: string, period: string, value: number, reported: number | null) =>
      ({ indicator_code, unit_code, period, value, reported, derived: reported === null ? value : null, as_of: stamp, updated_at: stamp });
    await engine.db.insertInto('kpi_values').values([
      cell('coverage_5g', '01', '2026', 95, 95), cell('dossiers_total', '01', '2026-10', 6, null), cell('dossiers_total', '01', '2026-11', 9, null), cell('coverage_5g', '01', '2025', 70, 70),
    ]).execute();
    const batch = await engine.db.insertInto('batches').values({ kind: 'values', actor: 'canbo.hanoi', source: null, received_at: stamp, row_count: 1, folded: 1, events_after: null }).returning('id').executeTakeFirstOrThrow();
    await engine.db.insertInto('reported_values').values({ indicator_code: 'coverage_5g', unit_code: '01', period: '2026', value: 95, source: 'Sở KH&CN', evidence: null, reported_at: stamp, batch_id: batch.id }).execute();
    await engine.db.insertInto('targets').values({ indicator_code: 'coverage_5g', unit_code: '01', period: '2026', value: 92, updated_at: stamp }).execute();
    await engine.db.insertInto('published_periods').values({ period: '2026-10', published_at: stamp, published_by: 'quantri', note: null }).execute();

    await migrateTo(engine.db, '0011-published-kpi-values');
    const rows = await engine.db.selectFrom('published_kpi_values').selectAll().orderBy('period').execute();
    // 2025, none of whose months is published, goes with October as publishing it now would (decision 0028).
    expect(rows.map((r) => [r.indicator_code, r.period, r.value, r.publication])).toEqual([
      ['coverage_5g', '2025', 70, '2026-10'], ['coverage_5g', '2026', 95, '2026-10'], ['dossiers_total', '2026-10', 6, '2026-10'],
    ]);
    expect(rows[1]).toMatchObject({ origin: 'reported', target: 92, report_value: 95, report_source: 'Sở KH&CN', reporter_unit: '01' });

    await migrateTo(engine.db, '0010-distinct-keys-at-own-unit');
    const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(engine.db)).rows.map((r) => r.name);
    expect(tables).not.toContain('published_kpi_values');
  });
});

/** The communes of a province, first ones first. */
const communesOf = async (province: string): Promise<string[]> =>
  (await engine.db.selectFrom('units').select('code').where('parent_code', '=', province).orderBy('code').execute()).map((r) => r.code);

/** Each unit's keys, its own and its descendants' (what its distinct count counts), read through the unit tree. */
async function keysCounted(units: string[]): Promise<Record<string, string[]>> {
  const parents = new Map((await engine.db.selectFrom('units').select(['code', 'parent_code']).execute()).map((u) => [u.code, u.parent_code]));
  const under = (code: string, ancestor: string): boolean => {
    for (let u: string | null | undefined = code; u; u = parents.get(u)) if (u === ancestor) return true;
    return false;
  };
  const rows = await engine.db.selectFrom('event_distinct').select(['unit_code', 'key']).execute();
  return Object.fromEntries(units.map((unit) => [unit, [...new Set(rows.filter((r) => under(r.unit_code, unit)).map((r) => r.key))].sort()]));
}
