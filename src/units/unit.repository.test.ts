import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { migrateToLatest, openSqlite, type Db, type StoreEngine } from '../store/engine.ts';
import { readReferenceUnits } from './reference-units.ts';
import { getUnit, listUnits, mergeUnits, renameUnit, seedReferenceUnits, unitHistory } from './unit.repository.ts';
import { loadUnitTree } from './unit-tree.ts';

let dir: string;
let engine: StoreEngine;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-units-'));
  engine = openSqlite(join(dir, 'units.db'));
  db = engine.db;
  await migrateToLatest(db);
  await seedReferenceUnits(db);
});

afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const codesOf = (units: { code: string }[]) => units.map((u) => u.code);

describe('reference units', () => {
  it('reads the Nation, 18 ministries, 34 provinces and 3,321 communes with unique codes', () => {
    const units = readReferenceUnits();
    expect(units).toHaveLength(1 + 18 + 34 + 3321);
    expect(new Set(codesOf(units)).size).toBe(units.length);
  });

  it('seeds every reference unit once, and nothing the second time', async () => {
    expect((await listUnits(db, { kind: 'province' })).total).toBe(34);
    expect((await listUnits(db, { kind: 'commune' })).total).toBe(3321);
    expect((await listUnits(db, { kind: 'ministry' })).total).toBe(18);
    expect(await seedReferenceUnits(db)).toBe(0);
  });

  it('seeds only the units that are missing', async () => {
    await db.deleteFrom('units').where('code', 'in', ['00004', 'EVN']).execute();
    expect(await seedReferenceUnits(db)).toBe(2);
  });

  it('holds the Nation at the root', async () => {
    expect(await getUnit(db, 'VN')).toMatchObject({
      kind: 'nation',
      name: 'Việt Nam',
      full_name: 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam',
      parent_code: null,
      valid_from: '1945-09-02',
      valid_to: null,
    });
  });

  it('holds provinces and cities under the Nation with their official codes', async () => {
    expect(await getUnit(db, '01')).toMatchObject({ kind: 'province', subkind: 'city', name: 'Hà Nội', parent_code: 'VN' });
    expect(await getUnit(db, '79')).toMatchObject({ subkind: 'city', full_name: 'Thành phố Hồ Chí Minh' });
    expect(await getUnit(db, '96')).toMatchObject({ subkind: 'province', name: 'Cà Mau', valid_from: '2025-07-01' });
  });

  it('holds wards, communes and special zones under their province', async () => {
    expect(await getUnit(db, '00004')).toMatchObject({ kind: 'commune', subkind: 'ward', full_name: 'Phường Ba Đình', parent_code: '01' });
    expect(await getUnit(db, '00376')).toMatchObject({ subkind: 'commune', full_name: 'Xã Sóc Sơn', parent_code: '01' });
    expect(await getUnit(db, '26743')).toMatchObject({ subkind: 'ward', name: 'Bến Thành', parent_code: '79' });
    expect(await getUnit(db, '20333')).toMatchObject({ subkind: 'special-zone', name: 'Hoàng Sa', parent_code: '48' });
    expect(await getUnit(db, '22736')).toMatchObject({ subkind: 'special-zone', name: 'Trường Sa', parent_code: '56' });
  });

  it('holds the ministries, ministerial-level agencies and EVN under the Nation', async () => {
    expect(await getUnit(db, 'BKHCN')).toMatchObject({ kind: 'ministry', subkind: 'ministry', valid_from: '2025-03-01' });
    expect(await getUnit(db, 'NHNN')).toMatchObject({ subkind: 'ministerial-agency', name: 'Ngân hàng Nhà nước Việt Nam' });
    expect(await getUnit(db, 'EVN')).toMatchObject({ kind: 'ministry', subkind: 'state-enterprise', parent_code: 'VN' });
  });

  it('builds the unit tree: a commune descends from its province and the Nation, ranked within its province', async () => {
    const tree = await loadUnitTree(db);
    expect(tree.size).toBe(1 + 18 + 34 + 3321);
    expect(tree.lineage('00004')).toEqual(['00004', '01', 'VN']);
    expect(tree.peerGroup('00004')).toBe('commune:01');
    expect(tree.children('01')).toHaveLength(126);
  });
});

describe('finding units', () => {
  it.each(['ha noi', 'Hà Nội', 'hanoi', 'HÀ NỘI'])('finds Hà Nội by "%s"', async (q) => {
    const { items } = await listUnits(db, { q });
    expect(items[0]?.code).toBe('01');
  });

  it.each(['ba dinh', 'Ba Đình'])('finds a commune by its name with or without diacritics ("%s")', async (q) => {
    const { items } = await listUnits(db, { q });
    // Phường Ba Đình (Hà Nội), Xã Ba Đình (Thanh Hóa), Xã Ba Dinh (Quảng Ngãi).
    expect(codesOf(items)).toEqual(['00004', '16171', '21499']);
  });

  it('finds a unit by its English name and by its full name', async () => {
    expect(codesOf((await listUnits(db, { q: 'spratly' })).items)).toEqual(['22736']);
    expect(codesOf((await listUnits(db, { q: 'phuong ben thanh' })).items)).toEqual(['26743']);
  });

  it('narrows a search by parent', async () => {
    const { items } = await listUnits(db, { q: 'ba dinh', parent: '38' });
    expect(codesOf(items)).toEqual(['16171']);
  });

  it('lists the communes of a province by code, a page at a time', async () => {
    const page = await listUnits(db, { parent: '01', limit: 10, offset: 5 });
    expect(page.total).toBe(126);
    expect(page.items).toHaveLength(10);
    expect(page.items.every((u) => u.kind === 'commune' && u.parent_code === '01')).toBe(true);
    const codes = codesOf(page.items);
    expect(codes).toEqual([...codes].sort());
  });

  it('lists the Nation first, then ministries, provinces and communes', async () => {
    const { items } = await listUnits(db, { limit: 500 });
    expect(items).toHaveLength(500);
    expect(items[0]?.code).toBe('VN');
    expect(items.slice(1, 19).every((u) => u.kind === 'ministry')).toBe(true);
    expect(items.slice(19, 53).every((u) => u.kind === 'province')).toBe(true);
    expect(items[53]?.kind).toBe('commune');
  });

  it('caps a page at 500 units and defaults to 50', async () => {
    expect((await listUnits(db, { limit: 10_000 })).items).toHaveLength(500);
    expect((await listUnits(db)).items).toHaveLength(50);
  });

  it('treats search text as data, not SQL', async () => {
    expect((await listUnits(db, { q: "%' or 1=1 --" })).total).toBe(0);
  });
});

describe('renaming units', () => {
  const rename = { name: 'Ba Đình Mới', nameEn: 'New Ba Dinh', date: '2026-01-01', note: 'Nghị quyết thử nghiệm' };

  it('renames a unit, keeping its code and its old name in history', async () => {
    const renamed = await renameUnit(db, '00004', rename);
    expect(renamed).toMatchObject({ code: '00004', name: 'Ba Đình Mới', full_name: 'Phường Ba Đình Mới', full_name_en: 'New Ba Dinh Ward', valid_from: '2026-01-01' });
    expect(await unitHistory(db, '00004')).toMatchObject([
      { name: 'Ba Đình', name_en: 'Ba Dinh', parent_code: '01', valid_from: '2025-07-01', valid_to: '2026-01-01', note: rename.note },
    ]);
  });

  it('finds a renamed unit by its new name only', async () => {
    await renameUnit(db, '00004', { ...rename, name: 'Quảng Trường Đỏ', nameEn: 'Red Square' });
    expect(codesOf((await listUnits(db, { q: 'quang truong do' })).items)).toEqual(['00004']);
    expect(codesOf((await listUnits(db, { q: 'ba dinh' })).items)).toEqual(['16171', '21499']);
  });

  it('keeps every earlier name, oldest first', async () => {
    await renameUnit(db, '00004', rename);
    await renameUnit(db, '00004', { ...rename, name: 'Ba Đình 3', date: '2027-01-01' });
    const history = await unitHistory(db, '00004');
    expect(history.map((h) => [h.name, h.valid_from, h.valid_to])).toEqual([
      ['Ba Đình', '2025-07-01', '2026-01-01'],
      ['Ba Đình Mới', '2026-01-01', '2027-01-01'],
    ]);
  });

  it('refuses an empty name, a bad date or a date before the current name, writing nothing', async () => {
    await expect(renameUnit(db, '00004', { ...rename, name: ' ' })).rejects.toThrow(ValidationError);
    await expect(renameUnit(db, '00004', { ...rename, date: '2026-02-30' })).rejects.toThrow(ValidationError);
    await expect(renameUnit(db, '00004', { ...rename, date: '2025-07-01' })).rejects.toThrow(ValidationError);
    expect(await unitHistory(db, '00004')).toEqual([]);
  });

  it('says which field is wrong, in Vietnamese and English', async () => {
    const error = await renameUnit(db, '00004', { ...rename, date: '01/01/2026' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toMatchObject([{ field: 'date', reason: expect.stringContaining('Ngày'), reasonEn: expect.stringContaining('date') }]);
  });

  it('reports an unknown unit as not found', async () => {
    await expect(renameUnit(db, '99999', rename)).rejects.toThrow(NotFoundError);
    await expect(unitHistory(db, '99999')).rejects.toThrow(NotFoundError);
  });
});

describe('merging units', () => {
  const merge = { from: ['00008'], into: '00004', date: '2026-01-01', note: 'Sáp nhập thử nghiệm' };

  it('retires merged units with their successor, and they stay readable', async () => {
    const merged = await mergeUnits(db, merge);
    expect(merged).toMatchObject([{ code: '00008', valid_to: '2026-01-01', successor_code: '00004' }]);
    expect(await getUnit(db, '00008')).toMatchObject({ name: 'Ngọc Hà', valid_to: '2026-01-01', successor_code: '00004' });
  });

  it('leaves merged units out of listings and the tree unless asked', async () => {
    await mergeUnits(db, merge);
    expect((await listUnits(db, { parent: '01' })).total).toBe(125);
    expect((await listUnits(db, { parent: '01', includeRetired: true })).total).toBe(126);
    expect((await loadUnitTree(db)).has('00008')).toBe(false);
  });

  it('moves the communes of a merged province to the receiving province, recording the old parent', async () => {
    await mergeUnits(db, { ...merge, from: ['04'], into: '08' });
    expect((await listUnits(db, { parent: '08' })).total).toBe(124 + 56);
    expect((await loadUnitTree(db)).lineage('01273')).toEqual(['01273', '08', 'VN']);
    expect(await unitHistory(db, '01273')).toMatchObject([
      { name: 'Thục Phán', parent_code: '04', valid_from: '2025-07-01', valid_to: '2026-01-01', note: merge.note },
    ]);
  });

  it('refuses to merge a unit into itself, across levels, or twice', async () => {
    await expect(mergeUnits(db, { ...merge, from: ['00004'] })).rejects.toThrow(ValidationError);
    await expect(mergeUnits(db, { ...merge, from: ['01'] })).rejects.toThrow(ValidationError);
    await expect(mergeUnits(db, { ...merge, from: [] })).rejects.toThrow(ValidationError);
    await mergeUnits(db, merge);
    await expect(mergeUnits(db, { ...merge, into: '00070' })).rejects.toThrow(ValidationError);
  });

  it('reports an unknown unit as not found and changes nothing', async () => {
    await expect(mergeUnits(db, { ...merge, from: ['00008', '99999'] })).rejects.toThrow(NotFoundError);
    expect(await getUnit(db, '00008')).toMatchObject({ valid_to: null });
  });
});
