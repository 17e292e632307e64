import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PeriodType } from '../periods/period.ts';
import { reason } from '../shared/messages.ts';
import { foldVietnamese } from '../shared/text.ts';
import { parseValueFile, type SheetContext } from './spreadsheet.ts';

const units: Record<string, string> = { '01': 'Hà Nội', '31': 'Hải Phòng', '79': 'Thành phố Hồ Chí Minh' };
const indicators: Record<string, { name: string; periodType: PeriodType }> = {
  PHU_SONG_5G: { name: 'Tỷ lệ phủ sóng 5G', periodType: 'month' },
  DVC_TOAN_TRINH: { name: 'Dịch vụ công trực tuyến toàn trình', periodType: 'month' },
  HO_SO_SO_HOA: { name: 'Hồ sơ được số hóa', periodType: 'quarter' },
  KINH_TE_SO: { name: 'Tỷ trọng kinh tế số', periodType: 'year' },
  LUOT_TRUY_CAP: { name: 'Lượt truy cập cổng dịch vụ công', periodType: 'day' },
};

function fakeContext(extra: Partial<SheetContext> = {}): SheetContext {
  return {
    resolveUnits: (texts) => new Map(texts.map((text) => {
      const code = text in units ? text : Object.keys(units).find((c) => foldVietnamese(units[c] ?? '') === foldVietnamese(text));
      return [text, code ? { code } : { problem: reason('sheetUnknownUnit', { text }) }];
    })),
    resolveIndicator: (text) => {
      const code = text in indicators ? text : Object.keys(indicators).find((c) => foldVietnamese(indicators[c]?.name ?? '') === foldVietnamese(text));
      const found = code === undefined ? undefined : indicators[code];
      return code && found ? { code, periodType: found.periodType } : undefined;
    },
    ...extra,
  };
}

async function xlsx(rows: ExcelJS.CellValue[][], sheetName = 'Báo cáo', build?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheetName);
  rows.forEach((cells, i) => {
    cells.forEach((value, j) => {
      if (value !== null) worksheet.getCell(i + 1, j + 1).value = value;
    });
  });
  build?.(worksheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (text: string) => Buffer.from(text, 'utf-8');

describe('parseValueFile — XLSX, one column per indicator', () => {
  it('imports every row of an office sheet with title rows, Vietnamese headers and Vietnamese numbers', async () => {
    const file = await xlsx([
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['BÁO CÁO CHỈ TIÊU CHUYỂN ĐỔI SỐ THÁNG 10/2025'],
      [],
      ['STT', 'Tên đơn vị', 'Tỷ lệ phủ sóng 5G (%)', 'Dịch vụ công trực tuyến toàn trình', 'Ghi chú'],
      ['(1)', '(2)', '(3)', '(4)', '(5)'],
      [1, 'Hà Nội', '1.234,5', 87, 'Theo báo cáo Sở'],
      [2, 'Hải Phòng', '59,2%', { formula: 'C6/10', result: 123.45 }, null],
      [3, 'Thành phố Hồ Chí Minh', 0.615, '1.234', null],
      [null, 'Tổng cộng', '9.999', 999, null],
    ], 'Báo cáo', (ws) => {
      ws.getCell('C8').numFmt = '0.0%';
    });

    const { rows, problems } = await parseValueFile(file, 'bao-cao.xlsx', fakeContext({ period: 'T10/2025', source: 'Sở TT&TT' }));

    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { unit: '01', indicator: 'PHU_SONG_5G', period: '2025-10', value: 1234.5, line: 6, source: 'Sở TT&TT', evidence: 'Theo báo cáo Sở' },
      { unit: '01', indicator: 'DVC_TOAN_TRINH', period: '2025-10', value: 87, line: 6, source: 'Sở TT&TT', evidence: 'Theo báo cáo Sở' },
      { unit: '31', indicator: 'PHU_SONG_5G', period: '2025-10', value: 59.2, line: 7, source: 'Sở TT&TT' },
      { unit: '31', indicator: 'DVC_TOAN_TRINH', period: '2025-10', value: 123.45, line: 7, source: 'Sở TT&TT' },
      { unit: '79', indicator: 'PHU_SONG_5G', period: '2025-10', value: 61.5, line: 8, source: 'Sở TT&TT' },
      { unit: '79', indicator: 'DVC_TOAN_TRINH', period: '2025-10', value: 1234, line: 8, source: 'Sở TT&TT' },
    ]);
  });

  it('takes the period of each row from a "Kỳ" column', async () => {
    const file = await xlsx([
      ['Mã đơn vị', 'Kỳ báo cáo', 'PHU_SONG_5G'],
      ['01', 'Tháng 9/2025', 50],
      ['01', '10/2025', 55],
    ]);

    const { rows, problems } = await parseValueFile(file, 'ky.xlsx', fakeContext());

    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.period, r.value])).toEqual([['2025-09', 50], ['2025-10', 55]]);
  });

  it('reads an Excel date in the "Kỳ" column as that day', async () => {
    const file = await xlsx([
      ['Mã đơn vị', 'Kỳ', 'Lượt truy cập cổng dịch vụ công'],
      ['01', new Date(Date.UTC(2025, 9, 7)), '12.500'],
    ]);

    const { rows, problems } = await parseValueFile(file, 'ngay.xlsx', fakeContext());

    expect(problems).toEqual([]);
    expect(rows).toEqual([{ unit: '01', indicator: 'LUOT_TRUY_CAP', period: '2025-10-07', value: 12500, line: 2 }]);
  });

  it('reads the sheet named "Số liệu" rather than the first one', async () => {
    const file = await xlsx([['Hướng dẫn nhập liệu']], 'Hướng dẫn', (_ws, wb) => {
      const data = wb.addWorksheet('Số liệu');
      data.addRow(['Mã ĐV', 'KINH_TE_SO']);
      data.addRow(['79', '18,5']);
    });

    const { rows, problems } = await parseValueFile(file, 'so-lieu.xlsx', fakeContext({ period: '2025' }));

    expect(problems).toEqual([]);
    expect(rows).toEqual([{ unit: '79', indicator: 'KINH_TE_SO', period: '2025', value: 18.5, line: 2 }]);
  });
});

describe('parseValueFile — CSV', () => {
  it('reads a ";"-delimited CSV with a byte-order mark', async () => {
    const file = csv('\uFEFFMã đơn vị;Kỳ;PHU_SONG_5G;DVC_TOAN_TRINH\r\n01;T10/2025;59,2%;1.234,5\r\n31;T10/2025;60;"2,5"\r\n');

    const { rows, problems } = await parseValueFile(file, 'so-lieu.csv', fakeContext());

    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { unit: '01', indicator: 'PHU_SONG_5G', period: '2025-10', value: 59.2, line: 2 },
      { unit: '01', indicator: 'DVC_TOAN_TRINH', period: '2025-10', value: 1234.5, line: 2 },
      { unit: '31', indicator: 'PHU_SONG_5G', period: '2025-10', value: 60, line: 3 },
      { unit: '31', indicator: 'DVC_TOAN_TRINH', period: '2025-10', value: 2.5, line: 3 },
    ]);
  });

  it('reads a tab-delimited CSV and a comma-delimited one with quoted Vietnamese numbers', async () => {
    const tabbed = await parseValueFile(csv('Mã\tPHU_SONG_5G\n01\t1.234,5\n'), 'a.tsv', fakeContext({ period: '10/2025' }));
    const commas = await parseValueFile(csv('Mã,PHU_SONG_5G\n01,"1.234,5"\n'), 'a.csv', fakeContext({ period: '10/2025' }));

    expect(tabbed.rows.map((r) => r.value)).toEqual([1234.5]);
    expect(commas.rows.map((r) => r.value)).toEqual([1234.5]);
  });

  it('matches headers without regard to diacritics or case', async () => {
    const file = csv('MA DON VI;ky bao cao;Ty le phu song 5G (%);GHI CHU\n01;10/2025;70;da kiem tra\n');

    const { rows, problems } = await parseValueFile(file, 'khong-dau.csv', fakeContext());

    expect(problems).toEqual([]);
    expect(rows).toEqual([{ unit: '01', indicator: 'PHU_SONG_5G', period: '2025-10', value: 70, line: 2, evidence: 'da kiem tra' }]);
  });

  it('rejects a CSV that is not UTF-8', async () => {
    const file = Buffer.concat([csv('Mã;PHU_SONG_5G\n'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0x0a])]);

    const { problems } = await parseValueFile(file, 'windows-1258.csv', fakeContext({ period: '10/2025' }));

    expect(problems).toEqual([expect.objectContaining({ reasonEn: 'CSV files must be UTF-8 encoded' })]);
  });
});

describe('parseValueFile — one column per period', () => {
  it('reads periods from the header and the indicator from a "Chỉ tiêu" column', async () => {
    const file = await xlsx([
      ['Mã ĐV', 'Chỉ tiêu', 'T1/2025', 'Tháng 2/2025', '03/2025', 'Ghi chú'],
      ['01', 'PHU_SONG_5G', '50,5', 51, null, 'thiếu tháng 3'],
      ['31', 'Tỷ lệ phủ sóng 5G (%)', 40, '41', '42,25', null],
    ]);

    const { rows, problems } = await parseValueFile(file, 'theo-ky.xlsx', fakeContext());

    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.unit, r.indicator, r.period, r.value])).toEqual([
      [2, '01', 'PHU_SONG_5G', '2025-01', 50.5],
      [2, '01', 'PHU_SONG_5G', '2025-02', 51],
      [3, '31', 'PHU_SONG_5G', '2025-01', 40],
      [3, '31', 'PHU_SONG_5G', '2025-02', 41],
      [3, '31', 'PHU_SONG_5G', '2025-03', 42.25],
    ]);
  });

  it('takes the indicator chosen at import when there is no "Chỉ tiêu" column', async () => {
    const file = csv('Tỉnh/Thành phố;Quý I/2025;Quý II/2025;2025\nHà Nội;10;20;\n');

    const { rows, problems } = await parseValueFile(file, 'quy.csv', fakeContext({ indicator: 'HO_SO_SO_HOA' }));

    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.indicator, r.period, r.value])).toEqual([['HO_SO_SO_HOA', '2025-Q1', 10], ['HO_SO_SO_HOA', '2025-Q2', 20]]);
  });

  it('flags a period column that does not fit the indicator', async () => {
    const file = csv('Mã;Quý I/2025;2025\n01;10;30\n');

    const { rows, problems } = await parseValueFile(file, 'quy.csv', fakeContext({ indicator: 'HO_SO_SO_HOA' }));

    expect(rows).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, field: '2025', value: '2025', reasonEn: 'Period "2025" does not fit indicator "HO_SO_SO_HOA" (reported by quarter)' }),
    ]);
  });
});

describe('parseValueFile — problems', () => {
  it('lists every bad row with its row number, field and reason, not just the first', async () => {
    const file = await xlsx([
      ['Mã đơn vị', 'Kỳ', 'PHU_SONG_5G', 'KINH_TE_SO'],
      ['01', '10/2025', 'abc', null],
      ['31', '10/2025', 45, null],
      ['99', '10/2025', 50, null],
      ['79', null, 60, null],
      ['31', 'T10/2025', 46, null],
      ['79', '13/2025', 61, null],
      ['79', '2025', null, 18],
      ['79', '10/2025', '1.2.3,4,5', '12'],
    ]);

    const { rows, problems } = await parseValueFile(file, 'loi.xlsx', fakeContext());

    expect(rows.map((r) => [r.line, r.unit, r.indicator, r.value])).toEqual([[3, '31', 'PHU_SONG_5G', 45], [8, '79', 'KINH_TE_SO', 18]]);
    expect(problems.map(({ line, field, value, reasonEn }) => ({ line, field, value, reasonEn }))).toEqual([
      { line: 2, field: 'PHU_SONG_5G', value: 'abc', reasonEn: 'Cannot read the number "abc" (Vietnamese style: 1.234,5)' },
      { line: 4, field: 'Mã đơn vị', value: '99', reasonEn: 'Unknown unit "99" (by code or name)' },
      { line: 5, field: 'Kỳ', value: undefined, reasonEn: 'Missing period: a "Kỳ" column or a period chosen at import is needed' },
      { line: 6, field: 'PHU_SONG_5G', value: 46, reasonEn: 'Duplicate value: unit 31, indicator PHU_SONG_5G, period 2025-10 already at row 3' },
      { line: 7, field: 'Kỳ', value: '13/2025', reasonEn: 'Cannot read the period "13/2025" (e.g. 10/2025, T10/2025, Quý III/2025, 2025)' },
      { line: 9, field: 'PHU_SONG_5G', value: '1.2.3,4,5', reasonEn: 'Cannot read the number "1.2.3,4,5" (Vietnamese style: 1.234,5)' },
      { line: 9, field: 'KINH_TE_SO', value: '2025-10', reasonEn: 'Period "2025-10" does not fit indicator "KINH_TE_SO" (reported by year)' },
    ]);
    expect(problems[1]?.reason).toBe('Không nhận ra đơn vị "99" (theo mã hoặc tên)');
  });

  it('names the unknown unit by the text in the sheet, code or name', async () => {
    const file = csv('Tên đơn vị;PHU_SONG_5G\nHà Nội;1\nHà Tây;2\n');

    const { rows, problems } = await parseValueFile(file, 'x.csv', fakeContext({ period: '10/2025' }));

    expect(rows.map((r) => r.unit)).toEqual(['01']);
    expect(problems).toEqual([
      { line: 3, column: 'A', field: 'Tên đơn vị', value: 'Hà Tây', reason: 'Không nhận ra đơn vị "Hà Tây" (theo mã hoặc tên)', reasonEn: 'Unknown unit "Hà Tây" (by code or name)' },
    ]);
  });

  it('rejects binary content that is not XLSX', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00]);

    const image = await parseValueFile(png, 'anh.xlsx', fakeContext());
    const oldExcel = await parseValueFile(xls, 'cu.xls', fakeContext());

    expect(image).toEqual({ rows: [], cells: [], problems: [expect.objectContaining({ value: 'anh.xlsx', reasonEn: 'Only CSV or XLSX files are accepted' })] });
    expect(oldExcel.problems).toEqual([expect.objectContaining({ reason: expect.stringContaining('.xls') })]);
  });

  it('reports a zip that is not a workbook as unreadable', async () => {
    const notAWorkbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 1)]);

    const { problems } = await parseValueFile(notAWorkbook, 'hong.xlsx', fakeContext());

    expect(problems).toEqual([expect.objectContaining({ reasonEn: expect.stringMatching(/^Cannot read the file/) })]);
  });

  it('names a column it does not recognise, rather than passing over it', async () => {
    const file = csv('Báo cáo tháng 10\nSTT;Mã đơn vị;Chỉ số lạ;Ghi chú\n1;01;5;\n');

    const { rows, problems } = await parseValueFile(file, 'la.csv', fakeContext({ period: '10/2025' }));

    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 'C', field: 'Chỉ số lạ', reasonEn: expect.stringMatching(/^Column "Chỉ số lạ" is not recognised/) })]);
  });

  it('names the header rows when no column is an indicator or a period', async () => {
    const file = csv('Báo cáo tháng 10\nSTT;Mã đơn vị;Nguồn\n;;Nguồn số liệu\n1;01;Sở\n');

    const { rows, problems } = await parseValueFile(file, 'la.csv', fakeContext({ period: '10/2025' }));

    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 2, reasonEn: 'Header row 2–3 has no recognisable indicator or period column' })]);
  });

  it('asks for a unit column when it finds no header', async () => {
    const { problems } = await parseValueFile(csv('a;b\n1;2\n'), 'x.csv', fakeContext());

    expect(problems).toEqual([expect.objectContaining({ reasonEn: expect.stringMatching(/^No header row found/) })]);
  });

  it('asks once for a period when neither the sheet nor the import gives one', async () => {
    const { rows, problems } = await parseValueFile(csv('Mã;PHU_SONG_5G\n01;1\n31;2\n'), 'x.csv', fakeContext());

    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 1, field: 'Kỳ', reasonEn: expect.stringMatching(/^Missing period/) })]);
  });

  it('stops at the row limit', async () => {
    const body = Array.from({ length: 50_001 }, (_, i) => `01;${i}`).join('\n');

    const { rows, problems } = await parseValueFile(csv(`Mã;PHU_SONG_5G\n${body}\n`), 'lon.csv', fakeContext({ period: '10/2025' }));

    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ reasonEn: 'Batch too large: at most 50000 lines' })]);
  });
});
