import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, testCatalogue } from '../testing/test-core.ts';
import { buildUnitResolver, buildUnitsResolver, type ResolveUnit, type ResolveUnits, type UnitLevel } from './unit-resolver.ts';

let core: Awaited<ReturnType<typeof createTestCore>>;
let resolve: ResolveUnit;
beforeAll(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
  resolve = await buildUnitResolver(core.db);
});
afterAll(async () => core.dispose());

describe('finding a unit from a sheet cell', () => {
  it('reads codes in any case, and numbers Excel stripped of their zeros', () => {
    expect(resolve('bkhcn')).toBe('BKHCN');
    expect(resolve('01')).toBe('01');
    expect(resolve('79')).toBe('79');
  });

  it('reads names with or without diacritics, and with an "UBND" prefix', () => {
    expect(resolve('Bộ Khoa học và Công nghệ')).toBe('BKHCN');
    expect(resolve('thanh pho ha noi')).toBe('01');
    expect(resolve('UBND tỉnh Quảng Ninh')).toBe('22');
  });

  it('prefers the province when a commune shares its name, and refuses a name communes share', () => {
    expect(resolve('Quảng Ninh')).toBe('22');
    // Three communes are called "Ba Đình"/"Ba Dinh": guessing would give the data to the wrong one.
    expect(resolve('Ba Dinh')).toBeUndefined();
  });
});

describe('units written as exports write them', () => {
  it('reads "name (code)", and only when the name is that unit\'s', () => {
    expect(resolve('Ba Đình (00004)')).toBe('00004');
    expect(resolve('Bộ Công an (BCA)')).toBe('BCA');
    expect(resolve('Ba Đình (00004); Bộ Công an (BCA)')).toBeUndefined();
  });
});

describe('a table\'s unit cells, resolved together', () => {
  let resolveAll: ResolveUnits;
  beforeAll(async () => {
    resolveAll = await buildUnitsResolver(core.db);
  });
  const codes = (texts: string[], level?: UnitLevel) => [...resolveAll(texts, level).values()].map((r) => ('code' in r ? r.code : r.problem.reasonEn));

  it('reads province names as offices write them', () => {
    expect(codes(['TP. Hồ Chí Minh', 'TP.HCM', 'TP Hà Nội', 'Thủ đô Hà Nội', 'Tỉnh Nghệ An', 'UBND tỉnh Quảng Ninh', 'Việt Nam'])).toEqual(['79', '79', '01', '01', '40', '22', 'VN']);
  });

  it('takes the level from the unit column, else from the cells that name one level only', () => {
    expect(codes(['Quảng Ninh', 'Hà Nội'])).toEqual(['22', '01']);
    expect(codes(['Lào Cai'], 'commune')[0]).toMatch(/^\d{5}$/);
    expect(codes(['Lào Cai'])[0]).toMatch(/^Unit "Lào Cai" is ambiguous/);
    expect(codes(['Ba Đình', 'Phường Ngọc Hà'])[0]).toMatch(/^Unit "Ba Đình" is ambiguous/);
  });

  it('never gives a former province\'s name or code to the commune that shares it', () => {
    const [byName, byKind, byCode] = codes(['Hải Dương', 'Tỉnh Hải Dương', '30'], 'province');
    for (const answer of [byName, byKind, byCode]) expect(answer).toMatch(/Tỉnh Hải Dương.*ceased on 1 July 2025.*Thành phố Hải Phòng \(31\)/);
    expect(codes(['Phường Hải Dương'])[0]).toMatch(/^\d{5}$/);
    expect(resolve('Hải Dương')).toBeUndefined();
  });
});
