import { neutraliseFormula } from './spreadsheet-text.ts';
import { newWorkbook } from './workbook.ts';

export interface XlsxColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
  /** Excel number format, e.g. '#,##0.00'. */
  format?: string;
}

export interface XlsxTable<T> {
  sheet: string;
  title: string;
  /** Lines under the title: period, "DỮ LIỆU MINH HỌA" notice, export time. */
  notes: string[];
  columns: XlsxColumn<T>[];
  rows: readonly T[];
}

/** One table as an XLSX workbook: a title, notes, a frozen bold header with filters, one row per item. */
export async function tableToXlsx<T>(table: XlsxTable<T>): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Nhịp Số';
  const headerRow = table.notes.length + 3;
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: headerRow }] });
  sheet.columns = table.columns.map((c) => ({ width: c.width }));
  sheet.getCell(1, 1).value = neutraliseFormula(table.title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  table.notes.forEach((note, i) => {
    sheet.getCell(2 + i, 1).value = neutraliseFormula(note);
    sheet.getCell(2 + i, 1).font = { italic: true };
  });
  const header = sheet.getRow(headerRow);
  table.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = neutraliseFormula(column.header);
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });
  table.rows.forEach((row, r) => {
    const line = sheet.getRow(headerRow + 1 + r);
    table.columns.forEach((column, i) => {
      const value = column.value(row);
      const cell = line.getCell(i + 1);
      cell.value = typeof value === 'string' ? neutraliseFormula(value) : value;
      if (column.format && typeof value === 'number') cell.numFmt = column.format;
    });
  });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
