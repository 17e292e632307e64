import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, testCatalogue } from '../testing/test-core.ts';
import { buildUnitResolver, type ResolveUnit } from './unit-resolver.ts';

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
