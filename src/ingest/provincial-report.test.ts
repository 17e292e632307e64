import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, testActor } from '../testing/test-core.ts';
import { importValueFile } from './submit.ts';

/**
 * A yearly report as a provincial office sends it: an instructions sheet first, title rows, a two-row merged
 * header, the numbering row, Vietnamese numbers, a "Ghi chú" column, a total row and the signature block.
 */

let core: Awaited<ReturnType<typeof createTestCore>>;
beforeAll(async () => {
  core = await createTestCore();
});
afterAll(async () => core.dispose());

const INDICATORS = ['population', 'adult_population', 'households_total', 'grdp_bn_vnd', 'digital_economy_value_bn_vnd'];
const HEADER_TOP = ['STT', 'Tên tỉnh, thành phố', 'Dân số (người)', null, 'Hộ gia đình (hộ)', 'Tổng sản phẩm trên địa bàn (GRDP) (tỷ đồng)', 'Giá trị tăng thêm kinh tế số (tỷ đồng)', 'Ghi chú'];
const HEADER_SUB = [null, null, 'Tổng số', 'Trưởng thành', null, null, null, null];
const NUMBERING = ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'];
/** Unit as written, then its code and the five values as stored. */
const REPORTED: [string, string, (string | number)[], number[]][] = [
  ['TP. Hà Nội', '01', ['8.718.000', '6.540.300', '2.456.789', '1.430.549,6', '254.345,75'], [8718000, 6540300, 2456789, 1430549.6, 254345.75]],
  ['TP.HCM', '79', [14002598, '10.501.948', '4.200.001', '2.012.345,5', '401.234,1'], [14002598, 10501948, 4200001, 2012345.5, 401234.1]],
  ['Tỉnh Nghệ An', '40', ['3.470.988', '2.430.000', '950.000', '234.567,8', '12.345,6'], [3470988, 2430000, 950000, 234567.8, 12345.6]],
  ['Thành phố Đà Nẵng', '48', ['3.065.628', '2.146.000', 890_123, '310.000', '41.000,25'], [3065628, 2146000, 890123, 310000, 41000.25]],
  ['Quảng Ninh', '22', ['1.381.200', '966.840', '1.234', '311.111,1', '9.876,5'], [1381200, 966840, 1234, 311111.1, 9876.5]],
];

function titleRows(): (string | null)[][] {
  return [
    ['UBND TỈNH NGHỆ AN', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['SỞ KHOA HỌC VÀ CÔNG NGHỆ', null, null, null, 'Độc lập - Tự do - Hạnh phúc'],
    [],
    ['BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ NĂM 2024'],
    ['(Kèm theo Công văn số 123/SKHCN-CĐS ngày 05/01/2025)'],
    [],
  ];
}

function signatureRows(): (string | null)[][] {
  return [
    [],
    [null, null, null, null, null, 'Nghệ An, ngày 05 tháng 01 năm 2025'],
    [null, 'NGƯỜI LẬP BIỂU', null, null, null, 'THỦ TRƯỞNG ĐƠN VỊ'],
    [null, '(Ký, ghi rõ họ tên)', null, null, null, '(Ký tên, đóng dấu)'],
    [],
    [null, 'Nguyễn Văn An', null, null, null, 'Trần Thị Bình'],
  ];
}

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const guide = book.addWorksheet('Hướng dẫn');
  guide.addRows([['HƯỚNG DẪN GHI BIỂU'], ['1. Cột "Tên tỉnh, thành phố": ghi tên đơn vị hành chính hiện hành.'], ['2. Số liệu ghi theo kiểu Việt Nam, ví dụ 1.234,5.']]);
  const sheet = book.addWorksheet('Biểu 01-CĐS');
  const data = REPORTED.map(([unit, , values], i) => [i + 1, unit, ...values, i === 1 ? 'Số liệu sơ bộ' : null]);
  const total = [null, 'Tổng cộng', ...INDICATORS.map((_, j) => ({ formula: `SUM(${'CDEFG'[j]}10:${'CDEFG'[j]}14)`, result: 1 }))];
  sheet.addRows([...titleRows(), HEADER_TOP, HEADER_SUB, NUMBERING, ...data, total, ...signatureRows()]);
  for (const range of ['A1:C1', 'E1:H1', 'A4:H4', 'A5:H5', 'A7:A8', 'B7:B8', 'C7:D7', 'E7:E8', 'F7:F8', 'G7:G8', 'H7:H8']) sheet.mergeCells(range);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same report saved by Excel as "CSV UTF-8 (comma delimited)": every row as wide as the sheet, merged text in its first cell. */
function officeCsv(): Buffer {
  const quote = (cell: string | number | null) => (cell === null ? '' : /[",\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell));
  const widen = (row: (string | number | null)[]) => [...row, ...Array<null>(8 - row.length).fill(null)].slice(0, 8);
  const data = REPORTED.map(([unit, , values], i) => [i + 1, unit, ...values, i === 1 ? 'Số liệu sơ bộ' : null]);
  const rows = [...titleRows(), HEADER_TOP, HEADER_SUB, NUMBERING, ...data, ...signatureRows()];
  return Buffer.from(`\uFEFF${rows.map((row) => widen(row).map(quote).join(',')).join('\r\n')}\r\n`, 'utf-8');
}

async function stored(period: string): Promise<[string, string, number | null][]> {
  const rows = await core.db.selectFrom('kpi_values').select(['unit_code', 'indicator_code', 'reported'])
    .where('period', '=', period).where('indicator_code', 'in', INDICATORS).where('reported', 'is not', null)
    .orderBy('unit_code').orderBy('indicator_code').execute();
  return rows.map((r) => [r.unit_code, r.indicator_code, r.reported]);
}

function expected(): [string, string, number][] {
  const all = REPORTED.flatMap(([, code, , values]) => INDICATORS.map((indicator, j): [string, string, number] => [code, indicator, values[j] ?? NaN]));
  return all.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

describe('a provincial report as offices send it', () => {
  it('stores every value of the workbook exactly', async () => {
    const result = await importValueFile(core, testActor, await workbook(), 'bieu-01-cds-2024.xlsx', { period: 'Năm 2024' });

    expect(result.accepted).toBe(25);
    expect(await stored('2024')).toEqual(expected());
    const note = await core.db.selectFrom('reported_values').select('evidence').where('unit_code', '=', '79').where('period', '=', '2024').execute();
    expect(note.map((n) => n.evidence)).toEqual(Array(5).fill('Số liệu sơ bộ'));
  });

  it('stores the same values from the report saved as CSV', async () => {
    const result = await importValueFile(core, testActor, officeCsv(), 'bieu-01-cds-2023.csv', { period: '2023' });

    expect(result.accepted).toBe(25);
    expect(await stored('2023')).toEqual(expected());
  });
});
