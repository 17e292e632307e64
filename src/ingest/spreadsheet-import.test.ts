import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError, type Problem } from '../shared/errors.ts';
import { createTestCore, testActor } from '../testing/test-core.ts';
import { importValueFile } from './submit.ts';

/** Files as provincial offices write them, imported into a real database and read back. */

let core: Awaited<ReturnType<typeof createTestCore>>;
beforeAll(async () => {
  // Each test stores its figures in a year of its own; years before the default window keep them apart.
  core = await createTestCore({ earliest: '2000-01-01' });
});
afterAll(async () => core.dispose());

type Rows = ExcelJS.CellValue[][];

function fill(sheet: ExcelJS.Worksheet, rows: Rows): void {
  rows.forEach((cells, i) => cells.forEach((value, j) => {
    if (value !== null && value !== undefined) sheet.getCell(i + 1, j + 1).value = value;
  }));
}

async function workbook(sheets: { name: string; rows: Rows; merges?: string[] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows, merges = [] } of sheets) {
    const sheet = book.addWorksheet(name);
    fill(sheet, rows);
    for (const range of merges) sheet.mergeCells(range);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function stored(period: string, indicators: string[]): Promise<[string, string, number | null][]> {
  const rows = await core.db.selectFrom('kpi_values').select(['unit_code', 'indicator_code', 'reported'])
    .where('period', '=', period).where('indicator_code', 'in', indicators).where('reported', 'is not', null)
    .orderBy('unit_code').orderBy('indicator_code').execute();
  return rows.map((r) => [r.unit_code, r.indicator_code, r.reported]);
}

/** The problems an import is refused with; fails the test when the file is accepted. */
async function refusal(data: Buffer, fileName: string, options: { period?: string; indicator?: string } = {}): Promise<Problem[]> {
  try {
    await importValueFile(core, testActor, data, fileName, options);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error(`${fileName} was accepted`);
}

const where = (p: Problem) => ({ sheet: p.sheet, line: p.line, column: p.column, field: p.field });

describe('a two-row merged header', () => {
  it('stores every value under a group title, reading the group and the sub-column together', async () => {
    const file = await workbook([{
      name: 'Báo cáo',
      rows: [
        ['BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ QUÝ I/2025'],
        [],
        ['STT', 'Tên đơn vị', 'Thủ tục', null, 'Cán bộ, công chức, viên chức', null, 'Bệnh viện', null],
        [null, null, 'hành chính thuộc thẩm quyền', 'cung cấp dịch vụ công trực tuyến toàn trình', 'Tổng số', 'đạt chuẩn kỹ năng số', 'Tổng số', 'triển khai bệnh án điện tử'],
        [1, 'Hà Nội', 1000, 900, 50000, 40000, 60, 50],
        [2, 'Hải Phòng', 800, 700, 30000, 20000, 40, 30],
        [3, 'Nghệ An', 600, 500, 20000, 10000, 30, 20],
      ],
      merges: ['A1:H1', 'A3:A4', 'B3:B4', 'C3:D3', 'E3:F3', 'G3:H3'],
    }]);

    const result = await importValueFile(core, testActor, file, 'hai-dong.xlsx', { period: 'Quý I/2025' });

    expect(result.accepted).toBe(18);
    const codes = ['procedures_total', 'procedures_full_online', 'officials_total', 'officials_trained', 'hospitals_total', 'hospitals_emr'];
    expect(await stored('2025-Q1', codes)).toEqual([
      ['01', 'hospitals_emr', 50], ['01', 'hospitals_total', 60], ['01', 'officials_total', 50000], ['01', 'officials_trained', 40000],
      ['01', 'procedures_full_online', 900], ['01', 'procedures_total', 1000],
      ['31', 'hospitals_emr', 30], ['31', 'hospitals_total', 40], ['31', 'officials_total', 30000], ['31', 'officials_trained', 20000],
      ['31', 'procedures_full_online', 700], ['31', 'procedures_total', 800],
      ['40', 'hospitals_emr', 20], ['40', 'hospitals_total', 30], ['40', 'officials_total', 20000], ['40', 'officials_trained', 10000],
      ['40', 'procedures_full_online', 500], ['40', 'procedures_total', 600],
    ]);
  });

  it('reads the indicator from the group title and the period from each sub-column', async () => {
    const file = await workbook([{
      name: 'Theo kỳ',
      rows: [
        ['Mã tỉnh', 'Chứng thư chữ ký số đang hiệu lực', null, null],
        [null, 'Tháng 1/2025', 'Tháng 2/2025', 'Tháng 3/2025'],
        ['01', '1.000', '1.100', '1.200'],
      ],
      merges: ['A1:A2', 'B1:D1'],
    }]);

    await importValueFile(core, testActor, file, 'theo-ky.xlsx');

    const months = await Promise.all(['2025-01', '2025-02', '2025-03'].map((p) => stored(p, ['digital_signature_certs'])));
    expect(months).toEqual([[['01', 'digital_signature_certs', 1000]], [['01', 'digital_signature_certs', 1100]], [['01', 'digital_signature_certs', 1200]]]);
  });

  it('names the row that holds the unknown header when the band spans two rows', async () => {
    const file = await workbook([{
      name: 'Báo cáo',
      rows: [
        ['TIÊU ĐỀ'],
        [],
        ['STT', 'Tên đơn vị', 'Nhóm chỉ tiêu A', null],
        [null, null, 'Chỉ số không có', 'Bệnh viện'],
        [1, 'Hà Nội', 1, 2],
      ],
      merges: ['A3:A4', 'B3:B4', 'C3:D3'],
    }]);

    const problems = await refusal(file, 'la.xlsx', { period: 'Quý I/2025' });

    expect(problems.map(where)).toEqual([{ sheet: 'Báo cáo', line: 4, column: 'C', field: 'Nhóm chỉ tiêu A / Chỉ số không có' }]);
  });
});

describe('a row of measures under the header', () => {
  it('reads the indicator above a measure that is its own, and refuses a sub-column that is not', async () => {
    const file = await workbook([{ name: 'ĐVT', rows: [
      ['Tỉnh/thành phố', 'Dân số', 'Hộ gia đình'],
      [null, 'người', 'hộ'],
      ['Hà Nội', '8.000.000', '2.000.000'],
    ] }]);
    await importValueFile(core, testActor, file, 'dvt.xlsx', { period: '2011' });
    expect(await stored('2011', ['population', 'households_total'])).toEqual([['01', 'households_total', 2000000], ['01', 'population', 8000000]]);

    const breakdown = await workbook([{ name: 'ĐVT', rows: [['Tỉnh/thành phố', 'Bệnh viện'], [null, 'Công lập'], ['Hà Nội', 5]] }]);
    const problems = await refusal(breakdown, 'cong-lap.xlsx', { period: 'Quý I/2011' });
    expect(problems.map(where)).toEqual([{ sheet: 'ĐVT', line: 2, column: 'B', field: 'Bệnh viện / Công lập' }]);
  });
});

describe('values the catalogue refuses', () => {
  it('names the sheet, row and column of each, as the sheet\'s own problems do', async () => {
    const file = await workbook([{ name: 'Số liệu', rows: [
      ['Mã tỉnh', 'Dân số', 'Doanh thu ngành công nghệ số (luỹ kế năm)'],
      ['01', 5, 7],
    ] }]);

    const problems = await refusal(file, 'khong-ap-dung.xlsx', { period: '2010' });

    expect(problems.map(where)).toEqual([{ sheet: 'Số liệu', line: 2, column: 'C', field: 'Doanh thu ngành công nghệ số (luỹ kế năm)' }]);
  });
});

describe('indicator headers that differ a little from the catalogue', () => {
  it('matches a header with a measure in parentheses, other spacing or case, with or without diacritics', async () => {
    const file = await workbook([{
      name: 'Số liệu',
      rows: [
        ['Mã tỉnh', 'Tổng sản phẩm trên địa bàn (GRDP) (tỷ đồng)', 'GIÁ TRỊ  TĂNG THÊM kinh tế số (tỷ đồng)', 'Ho gia dinh (ho)', 'Dân số (%)'],
        ['01', '1.000,5', '200,25', '3.000', 8000],
      ],
    }]);

    await importValueFile(core, testActor, file, 'ten-gan-dung.xlsx', { period: '2024' });

    expect(await stored('2024', ['grdp_bn_vnd', 'digital_economy_value_bn_vnd', 'households_total', 'population'])).toEqual([
      ['01', 'digital_economy_value_bn_vnd', 200.25], ['01', 'grdp_bn_vnd', 1000.5], ['01', 'households_total', 3000], ['01', 'population', 8000],
    ]);
  });

  it('refuses a header that could be either of two indicators, naming both', async () => {
    const twins = await createTestCore({
      catalogue: {
        pillars: [{ code: 'so_hoa', name: 'Số hóa', nameEn: 'Digitisation', weight: 1 }],
        indicators: ['a', 'b'].map((code, i) => ({
          code: `twin_${code}`, name: `Hồ sơ số hóa (${i === 0 ? 'hồ sơ' : 'trang'})`, nameEn: `Digitised ${code}`, kind: 'reported' as const,
          measure: i === 0 ? 'hồ sơ' : 'trang', periodType: 'year' as const, direction: 'higher' as const, rollup: 'sum' as const,
          pillar: 'so_hoa', weight: 0, appliesTo: ['nation' as const, 'province' as const], valid: { min: 0, integer: true },
        })),
      },
    });
    try {
      const file = Buffer.from('Mã tỉnh;Hồ sơ số hóa\n01;5\n');
      const error = await importValueFile(twins, testActor, file, 'hai-nghia.csv', { period: '2025' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const problems = (error as ValidationError).problems;
      expect(problems).toEqual([expect.objectContaining({ line: 1, column: 'B', field: 'Hồ sơ số hóa', reasonEn: expect.stringMatching(/twin_a.*twin_b/) })]);
    } finally {
      await twins.dispose();
    }
  });
});

describe('formula cells', () => {
  it('refuses a formula without a cached result, naming the cell, and stores one with a result', async () => {
    const file = await workbook([{
      name: 'Báo cáo',
      rows: [
        ['Mã tỉnh', 'Dân số', 'Hộ gia đình'],
        ['01', { formula: '1000+1', result: 1001 }, 300],
        ['31', { formula: 'B2*2' }, 400],
      ],
    }]);

    const problems = await refusal(file, 'cong-thuc.xlsx', { period: '2023' });

    expect(problems).toEqual([expect.objectContaining({ sheet: 'Báo cáo', line: 3, column: 'B', field: 'Dân số', reason: expect.stringMatching(/công thức chưa có kết quả tính/) })]);
    expect(await stored('2023', ['population', 'households_total'])).toEqual([]);
  });
});

describe('formula cells that hide nothing', () => {
  it('passes over an uncalculated formula in the STT column, and stores a cached result', async () => {
    const file = await workbook([{ name: 'Báo cáo', rows: [
      ['STT', 'Mã tỉnh', 'Dân số'],
      [{ formula: 'ROW()-1' }, '01', { formula: '1000+1', result: 1001 }],
    ] }]);

    await importValueFile(core, testActor, file, 'stt.xlsx', { period: '2009' });

    expect(await stored('2009', ['population'])).toEqual([['01', 'population', 1001]]);
  });
});

describe('CSV files whose rows do not line up with the header', () => {
  it('refuses a row with more fields than the header, naming the row and both counts', async () => {
    const file = Buffer.from('Mã tỉnh,Dân số,Hộ gia đình,Dân số trưởng thành\n01,87,5,1000,3\n31,90,2000,80\n');

    const problems = await refusal(file, 'phay.csv', { period: '2022' });

    expect(problems).toEqual([expect.objectContaining({ line: 2, reasonEn: expect.stringMatching(/5 fields.*header.*4/) })]);
    expect(problems[0]?.reason).toMatch(/;/);
  });
});

describe('columns that are neither an indicator, a period nor a known ignorable', () => {
  it('refuses the file naming the column letter and its header', async () => {
    const file = await workbook([{
      name: 'Báo cáo',
      rows: [
        ['STT', 'Tỉnh/thành phố', 'Dân số', 'Chỉ tiêu lạ', 'Đơn vị tính', 'Ghi chú'],
        [1, 'Hà Nội', 100, 5, 'người', 'ok'],
      ],
    }]);

    const problems = await refusal(file, 'cot-la.xlsx', { period: '2021' });

    expect(problems.map(where)).toEqual([{ sheet: 'Báo cáo', line: 1, column: 'D', field: 'Chỉ tiêu lạ' }]);
  });
});

describe('real files that must import', () => {
  it('passes over title rows, a numbering row and the signature block, reads units as offices write them', async () => {
    const file = await workbook([{
      name: 'Biểu 01',
      rows: [
        ['UBND TỈNH …', null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['BÁO CÁO DÂN SỐ NĂM 2020'],
        ['STT', 'Đơn vị báo cáo', 'Dân số (người)', 'Ghi chú'],
        [1, 2, 3],
        [1, 'TP. Hồ Chí Minh', 1, null],
        [2, 'TP.HCM', 2, null],
        [3, 'Thủ đô Hà Nội', 3, null],
        [4, 'Tỉnh Nghệ An', 4, null],
        [5, 'UBND tỉnh Quảng Ninh', 5, null],
        [6, 'TP Hải Phòng', 6, null],
        [],
        [null, null, 'Hà Nội, ngày 15 tháng 1 năm 2021'],
        [null, 'NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ'],
        [null, '(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)'],
        [null, 'Nguyễn Văn A', 'Trần Thị B'],
      ],
    }]);

    const problems = await refusal(file, 'trung.xlsx', { period: '2020' });
    // "TP. Hồ Chí Minh" and "TP.HCM" are the same unit: read, then refused as a duplicate naming both rows.
    expect(problems).toEqual([expect.objectContaining({ line: 6, column: 'C', reasonEn: expect.stringMatching(/row 5/) })]);

    const fixed = await workbook([{ name: 'Biểu 01', rows: [
      ['STT', 'Địa phương', 'Dân số (người)'], ['(1)', '(2)', '(3)'],
      [1, 'TP.HCM', 2], [2, 'Thủ đô Hà Nội', 3], [3, 'Tỉnh Nghệ An', 4], [4, 'UBND tỉnh Quảng Ninh', 5], [5, 'TP Hải Phòng', 6],
      [null, 'NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ'], [null, 'Nguyễn Văn A', 'Trần Thị B'],
    ] }]);
    await importValueFile(core, testActor, fixed, 'dung.xlsx', { period: '2020' });
    expect(await stored('2020', ['population'])).toEqual([
      ['01', 'population', 3], ['22', 'population', 5], ['31', 'population', 6], ['40', 'population', 4], ['79', 'population', 2],
    ]);
  });

  it('reads a section heading right under the header as a heading, not as a second header row', async () => {
    const file = await workbook([{ name: 'Biểu', rows: [
      ['STT', 'Tỉnh/thành phố', 'Dân số'],
      ['I. CÁC TỈNH MIỀN BẮC'],
      [1, 'Hà Nội', 10],
      ['II. CÁC TỈNH MIỀN TRUNG'],
      [2, 'Nghệ An', 20],
    ], merges: ['A2:C2', 'A4:C4'] }]);

    await importValueFile(core, testActor, file, 'muc.xlsx', { period: '2008' });

    expect(await stored('2008', ['population'])).toEqual([['01', 'population', 10], ['40', 'population', 20]]);
  });

  it('reads the unit-column headers offices use', async () => {
    for (const [i, header] of ['Tên tỉnh, thành phố', 'Tỉnh/thành phố', 'Địa phương', 'Đơn vị báo cáo', 'Tỉnh', 'Bộ, ngành'].entries()) {
      const year = String(2010 + i);
      await importValueFile(core, testActor, Buffer.from(`${header};Dân số\nHà Nội;${i + 1}\n`), 'h.csv', { period: year });
      expect(await stored(year, ['population'])).toEqual([['01', 'population', i + 1]]);
    }
  });

  it('still refuses a row after the table that holds a value and an unknown unit', async () => {
    const file = await workbook([{ name: 'S', rows: [
      ['Tỉnh/thành phố', 'Dân số'], ['Hà Nội', 1],
      [null, 'NGƯỜI LẬP BIỂU'], ['Hà Tây', 7],
    ] }]);

    const problems = await refusal(file, 'sau-bang.xlsx', { period: '2019' });

    expect(problems.map(where)).toEqual([{ sheet: 'S', line: 4, column: 'A', field: 'Tỉnh/thành phố' }]);
  });

  it('reads the sheet that holds the table after an instructions sheet, and refuses two tables naming both sheets', async () => {
    const guide: Rows = [['HƯỚNG DẪN'], ['Cột "Mã tỉnh": ghi mã tỉnh'], ['Số viết 1.234,5']];
    const table: Rows = [['Mã tỉnh', 'Dân số'], ['01', '1.234']];
    await importValueFile(core, testActor, await workbook([{ name: 'Hướng dẫn', rows: guide }, { name: 'Biểu 1', rows: table }]), 'hd.xlsx', { period: '2018' });
    expect(await stored('2018', ['population'])).toEqual([['01', 'population', 1234]]);

    const problems = await refusal(await workbook([{ name: 'Biểu 1', rows: table }, { name: 'Biểu 2', rows: table }]), 'hai-bang.xlsx', { period: '2017' });
    expect(problems).toEqual([expect.objectContaining({ reasonEn: expect.stringMatching(/"Biểu 1".*"Biểu 2"/) })]);
  });
});

describe('units that ceased on 1 July 2025, and names a file cannot decide', () => {
  it('refuses a former province naming the unit it became, never a ward of the same name', async () => {
    const file = Buffer.from('Tỉnh/thành phố;Dân số\nHà Nội;1\nHải Dương;2\nThừa Thiên Huế;3\nBà Rịa - Vũng Tàu;4\n');

    const problems = await refusal(file, 'cu.csv', { period: '2016' });

    expect(problems.map((p) => [p.line, p.reasonEn])).toEqual([
      [3, expect.stringMatching(/Hải Dương.*1 July 2025.*Hải Phòng \(31\)/)],
      [4, expect.stringMatching(/Thừa Thiên Huế.*Huế \(46\)/)],
      [5, expect.stringMatching(/Bà Rịa - Vũng Tàu.*Hồ Chí Minh \(79\)/)],
    ]);
  });

  it('resolves names within the level of the file, and reports a name or code it cannot decide as ambiguous', async () => {
    // "Quảng Ninh" is a province and a commune; the rest of the table says it lists provinces.
    const provinces = Buffer.from('Đơn vị;Dân số\nHà Nội;1\nQuảng Ninh;2\nNghệ An;3\n');
    await importValueFile(core, testActor, provinces, 'tinh.csv', { period: '2015' });
    expect(await stored('2015', ['population'])).toEqual([['01', 'population', 1], ['22', 'population', 2], ['40', 'population', 3]]);

    const problems = await refusal(Buffer.from('Đơn vị;Dân số\n4;1\n'), 'ma.csv', { period: '2014' });
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 'A', reasonEn: expect.stringMatching(/ambiguous.*04.*00004/) })]);
    const communes = await refusal(Buffer.from('Xã/phường;Dân số\nBa Đình;1\n'), 'xa.csv', { period: '2014' });
    expect(communes).toEqual([expect.objectContaining({ line: 2, reasonEn: expect.stringMatching(/ambiguous.*00004/) })]);
  });
});

describe('clearer errors', () => {
  it('reads a UTF-16 CSV, big- or little-endian', async () => {
    const text = 'Mã tỉnh;Dân số\n01;7\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    await importValueFile(core, testActor, le, 'le.csv', { period: '2013' });
    await importValueFile(core, testActor, be, 'be.csv', { period: '2012' });
    expect([...await stored('2013', ['population']), ...await stored('2012', ['population'])]).toEqual([['01', 'population', 7], ['01', 'population', 7]]);
  });

  it('reads periods typed as dates in the header as their months', async () => {
    const file = await workbook([{ name: 'K', rows: [
      ['Mã tỉnh', 'Chỉ tiêu', new Date(Date.UTC(2024, 10, 1)), new Date(Date.UTC(2024, 11, 1))],
      ['01', 'Chứng thư chữ ký số đang hiệu lực', 6, 7],
    ] }]);

    await importValueFile(core, testActor, file, 'ky-ngay.xlsx');

    expect([...await stored('2024-11', ['digital_signature_certs']), ...await stored('2024-12', ['digital_signature_certs'])])
      .toEqual([['01', 'digital_signature_certs', 6], ['01', 'digital_signature_certs', 7]]);
  });

  it('reads a period typed as a date as its month, and refuses a date in the middle of a month for a monthly indicator', async () => {
    const file = await workbook([{ name: 'K', rows: [
      ['Mã tỉnh', 'Kỳ', 'Chứng thư chữ ký số đang hiệu lực'],
      ['01', new Date(Date.UTC(2024, 9, 1)), 5],
    ] }]);
    await importValueFile(core, testActor, file, 'ngay.xlsx');
    expect(await stored('2024-10', ['digital_signature_certs'])).toEqual([['01', 'digital_signature_certs', 5]]);

    const mid = await workbook([{ name: 'K', rows: [['Mã tỉnh', 'Kỳ', 'Chứng thư chữ ký số đang hiệu lực'], ['01', new Date(Date.UTC(2024, 9, 15)), 5]] }]);
    const problems = await refusal(mid, 'giua-thang.xlsx');
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 'B', reasonEn: expect.stringMatching(/date 15\/10\/2024.*by month/) })]);
  });
});
