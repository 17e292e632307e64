import { describe, expect, it } from 'vitest';
import { buildIndicatorMatcher } from './indicator-names.ts';

const match = buildIndicatorMatcher([
  { code: 'grdp', name: 'Tổng sản phẩm trên địa bàn (GRDP)', nameEn: 'Gross regional domestic product', periodType: 'year' },
  { code: 'dossiers_pages', name: 'Hồ sơ số hóa (trang)', nameEn: 'Digitised pages', periodType: 'year' },
  { code: 'dossiers_files', name: 'Hồ sơ số hóa (hồ sơ)', nameEn: 'Digitised dossiers', periodType: 'year' },
  { code: 'coverage', name: 'Tỷ lệ dân số được phủ sóng 5G', nameEn: '5G coverage', periodType: 'quarter' },
]);
const codeOf = (text: string) => {
  const found = match(text);
  return found && 'code' in found ? found.code : found;
};

describe('reading an indicator from a header', () => {
  it('tolerates case, spacing, diacritics and a measure in parentheses, added or left out', () => {
    expect(codeOf('grdp')).toBe('grdp');
    expect(codeOf('Tổng sản phẩm trên địa bàn (GRDP) (tỷ đồng)')).toBe('grdp');
    expect(codeOf('TONG SAN PHAM  tren dia ban')).toBe('grdp');
    expect(codeOf('Tỷ lệ dân số được phủ sóng 5G (%)')).toBe('coverage');
    expect(codeOf('5G coverage')).toBe('coverage');
  });

  it('answers a header that fits two indicators with both, and the full name with the one it names', () => {
    expect(match('Hồ sơ số hóa')).toEqual({ ambiguous: ['dossiers_files', 'dossiers_pages'] });
    expect(codeOf('Hồ sơ số hoá (trang)')).toBe('dossiers_pages');
    expect(codeOf('Tỷ lệ phủ sóng')).toBeUndefined();
  });
});
