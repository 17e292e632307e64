import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type Db, type StoreEngine } from '../store/engine.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { DEFAULT_CATALOGUE_PATH, loadCatalogueFile } from './catalogue.ts';
import { addMissingRanges, readCatalogue, resolveTarget, saveCatalogue, setTargets, targetsFor, upsertIndicator } from './catalogue.repository.ts';
import type { CatalogueDefinition, IndicatorDefinition } from './indicator.ts';

const small: CatalogueDefinition = {
  pillars: [
    { code: 'chinh_quyen_so', name: 'Chính quyền số', nameEn: 'Digital government', weight: 2 },
    { code: 'xa_hoi_so', name: 'Xã hội số', nameEn: 'Digital society', weight: 1 },
  ],
  indicators: [
    {
      code: 'dossiers_total', name: 'Hồ sơ tiếp nhận', nameEn: 'Dossiers received', kind: 'event', measure: 'hồ sơ',
      periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 0,
      appliesTo: ['nation', 'province'], event: { type: 'dossier.submitted', aggregate: 'count' },
    },
    {
      code: 'dossiers_online', name: 'Hồ sơ trực tuyến', nameEn: 'Online dossiers', kind: 'event', measure: 'hồ sơ',
      periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 0,
      appliesTo: ['nation', 'province'], event: { type: 'dossier.submitted', filter: { channel: 'online' }, aggregate: 'count' },
    },
    {
      code: 'online_dossier_rate', name: 'Tỷ lệ hồ sơ trực tuyến', nameEn: 'Online dossier rate', kind: 'formula', measure: '%',
      periodType: 'month', direction: 'higher', rollup: 'ratio', pillar: 'chinh_quyen_so', weight: 2, target: 80,
      appliesTo: ['nation', 'province'], formula: 'dossiers_online / dossiers_total * 100',
    },
  ],
};

const population: IndicatorDefinition = {
  code: 'population', name: 'Dân số', nameEn: 'Population', kind: 'reported', measure: 'người', periodType: 'year',
  direction: 'higher', rollup: 'sum', pillar: 'xa_hoi_so', weight: 0, appliesTo: ['nation', 'province'], valid: { min: 0, integer: true },
};

let dir: string;
let engine: StoreEngine;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-catalogue-'));
  engine = openSqlite(join(dir, 'catalogue.db'));
  db = engine.db;
  await migrateToLatest(db);
});

afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const indicatorCodes = async () => (await db.selectFrom('indicators').select('code').orderBy('code').execute()).map((r) => r.code);

describe('saveCatalogue and readCatalogue', () => {
  it('round-trip the default catalogue through a SQLite file', async () => {
    const def = loadCatalogueFile(DEFAULT_CATALOGUE_PATH);
    await saveCatalogue(db, def);
    const read = await readCatalogue(db, { frameworks: def.frameworks });
    const byCode = (list: readonly IndicatorDefinition[]) => [...list].sort((a, b) => a.code.localeCompare(b.code));
    expect(byCode(read.all())).toEqual(byCode(def.indicators));
    expect(read.pillars).toEqual(def.pillars);
    expect(read.frameworks).toEqual(def.frameworks);
  });

  it('store each definition whole, as JSON, beside its kind and pillar', async () => {
    await saveCatalogue(db, small);
    const row = await db.selectFrom('indicators').selectAll().where('code', '=', 'online_dossier_rate').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'formula', pillar: 'chinh_quyen_so' });
    expect(JSON.parse(row.definition)).toEqual(small.indicators[2]);
  });

  it('upsert on a second save and keep indicators the new definition leaves out', async () => {
    await saveCatalogue(db, { ...small, indicators: [...small.indicators, population] });
    const renamed = { ...small, indicators: small.indicators.map((d) => ({ ...d, name: `${d.name} (mới)` })) };
    await saveCatalogue(db, renamed);
    const read = await readCatalogue(db);
    expect(read.get('population')).toEqual(population);
    expect(read.get('dossiers_total')?.name).toBe('Hồ sơ tiếp nhận (mới)');
  });

  it('write nothing when the catalogue is invalid', async () => {
    const broken = { ...small, indicators: [{ ...population, pillar: 'nowhere' }] };
    await expect(saveCatalogue(db, broken)).rejects.toThrow(ValidationError);
    expect(await indicatorCodes()).toEqual([]);
  });

  it('join the caller’s transaction, so its rollback undoes the save', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await saveCatalogue(trx, small);
      throw new Error('caller fails after saving');
    });
    await expect(failing).rejects.toThrow('caller fails after saving');
    expect(await indicatorCodes()).toEqual([]);
  });

  it('readCatalogue says when nothing is stored yet', async () => {
    await expect(readCatalogue(db)).rejects.toThrow(NotFoundError);
  });
});

describe('upsertIndicator', () => {
  beforeEach(() => saveCatalogue(db, small));

  it('adds a valid indicator to the stored catalogue', async () => {
    const catalogue = await upsertIndicator(db, population);
    expect(catalogue.get('population')).toEqual(population);
    expect(await indicatorCodes()).toContain('population');
  });

  it('rejects an invalid indicator, naming its fields, and writes nothing', async () => {
    const bad: IndicatorDefinition = {
      ...population,
      code: 'signature_rate',
      kind: 'formula',
      periodType: 'month',
      rollup: 'sum',
      formula: 'signatures / dossiers_total * 100',
    };
    const error = await upsertIndicator(db, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.field).sort()).toEqual(['formula', 'rollup']);
    expect(await indicatorCodes()).not.toContain('signature_rate');
  });

  it('rejects a change that would break a formula already stored', async () => {
    const changed = { ...small.indicators[0], rollup: 'latest' } as IndicatorDefinition;
    const error = await upsertIndicator(db, changed).catch((e: unknown) => e);
    expect((error as ValidationError).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'rollup', reasonEn: expect.stringContaining('"sum"') })]),
    );
    const row = await db.selectFrom('indicators').select('definition').where('code', '=', 'dossiers_total').executeTakeFirstOrThrow();
    expect(JSON.parse(row.definition)).toEqual(small.indicators[0]);
  });
});

describe('targets', () => {
  it('resolveTarget prefers the exact period, then the year, then the default', () => {
    expect(resolveTarget({ target: 80 }, 90, 85)).toBe(90);
    expect(resolveTarget({ target: 80 }, undefined, 85)).toBe(85);
    expect(resolveTarget({ target: 80 }, undefined, undefined)).toBe(80);
    expect(resolveTarget({}, undefined, undefined)).toBeUndefined();
    expect(resolveTarget({ target: 80 }, 0, 85)).toBe(0);
  });

  it('setTargets upserts and targetsFor resolves them by that rule', async () => {
    await setTargets(db, [
      { indicator: 'online_dossier_rate', unit: '01', period: '2025-10', value: 90 },
      { indicator: 'online_dossier_rate', unit: '01', period: '2025', value: 70 },
    ]);
    await setTargets(db, [{ indicator: 'online_dossier_rate', unit: '01', period: '2025-10', value: 95 }]);
    const def = small.indicators[2] as IndicatorDefinition;
    const book = await targetsFor(db, [def.code], ['01', '79'], ['2025-10', '2025-11']);
    expect(book.resolve(def, '01', '2025-10')).toBe(95);
    expect(book.resolve(def, '01', '2025-11')).toBe(70);
    expect(book.resolve(def, '79', '2025-10')).toBe(80);
    expect(await db.selectFrom('targets').select('value').execute()).toHaveLength(2);
  });
});

describe('ranges on a database made before indicators declared them', () => {
  it('gives stored indicators the range the file declares, leaving a range set since alone', async () => {
    const def = loadCatalogueFile(DEFAULT_CATALOGUE_PATH);
    const strip = ({ valid: _valid, ...rest }: IndicatorDefinition) => rest;
    await saveCatalogue(db, { ...small, indicators: [{ ...population, valid: { min: 0, max: 1_000_000_000, integer: true } }] });
    // As an older version stored it: no range at all.
    const rate = def.indicators.find((d) => d.code === 'coverage_5g_pct');
    await db.insertInto('indicators').values({ code: 'coverage_5g_pct', kind: 'reported', pillar: 'xa_hoi_so', definition: JSON.stringify(rate && { ...strip(rate), pillar: 'xa_hoi_so' }), updated_at: 'x' }).execute();
    await addMissingRanges(db, def);
    const read = await readCatalogue(db);
    expect(read.get('coverage_5g_pct')?.valid).toEqual({ min: 0, max: 100 });
    expect(read.get('population')?.valid).toEqual({ min: 0, max: 1_000_000_000, integer: true });
  });
});
