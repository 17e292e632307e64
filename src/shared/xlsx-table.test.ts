import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableToXlsx } from './xlsx-table.ts';

interface Row { name: string; source: string; change: number | null }

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

describe('tableToXlsx', () => {
  it('keeps every text cell it writes from running as a formula, and numbers as numbers', async () => {
    const buffer = await tableToXlsx<Row>({
      sheet: 'Chỉ tiêu',
      title: '=HYPERLINK("http://evil","x")',
      notes: ['@SUM(1+1)'],
      columns: [
        { header: 'Đơn vị', width: 20, value: (r) => r.name },
        { header: '+Nguồn', width: 20, value: (r) => r.source },
        { header: 'Thay đổi', width: 10, value: (r) => r.change, format: '#,##0.##' },
      ],
      rows: [
        { name: "=cmd|' /C calc'!A0", source: '-Sở TT&TT', change: -3.5 },
        { name: 'Hà Nội', source: 'Cổng dịch vụ công', change: null },
      ],
    });

    const sheet = await sheetOf(buffer);

    expect(sheet.getCell('A1').value).toBe('\'=HYPERLINK("http://evil","x")');
    expect(sheet.getCell('A2').value).toBe("'@SUM(1+1)");
    expect(sheet.getRow(4).values).toEqual([undefined, 'Đơn vị', "'+Nguồn", 'Thay đổi']);
    expect(sheet.getRow(5).values).toEqual([undefined, "'=cmd|' /C calc'!A0", "'-Sở TT&TT", -3.5]);
    expect(sheet.getRow(6).values).toEqual([undefined, 'Hà Nội', 'Cổng dịch vụ công']);
    for (const address of ['A1', 'A2', 'B4', 'A5', 'B5']) expect(sheet.getCell(address).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('C5').type).toBe(ExcelJS.ValueType.Number);
  });
});
