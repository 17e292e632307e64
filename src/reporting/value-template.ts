import type ExcelJS from 'exceljs';
import type { UnitTree, TreeUnit } from '../units/unit-tree.ts';
import type { Catalogue } from '../indicators/catalogue.ts';
import { formatPeriodVi } from '../periods/period.ts';
import { neutraliseFormula } from '../shared/spreadsheet-text.ts';
import { newWorkbook } from '../shared/workbook.ts';
import { dueIndicators, type DueIndicator } from './due-indicators.ts';
import { reportDeadline } from './report-deadline.ts';
import { reportingMsg } from './reporting-messages.ts';

/** Whose rows the template holds: the unit itself, or the communes beneath a province. */
export type TemplateRows = 'unit' | 'communes';

/**
 * The office's sheet for a month, ready to fill (decision 0030): a title, then a two-row header the importer reads
 * (indicator name with its measure over the period it is owed for), one row per unit with its code and name, and
 * "Nguồn" and "Minh chứng" columns. An instructions sheet beside it holds no value column, so the import passes it by.
 */
export async function buildValueTemplate(units: UnitTree, catalogue: Catalogue, unit: TreeUnit, month: string, rows: TemplateRows): Promise<Buffer> {
  const listed = rows === 'unit' ? [unit] : units.children(unit.code).flatMap((c) => units.get(c) ?? []);
  const kind = rows === 'unit' ? unit.kind : 'commune';
  const due = dueIndicators(catalogue, kind, month);
  const book = await newWorkbook();
  book.creator = 'Nhịp Số';
  const sheet = book.addWorksheet('Báo cáo', { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }] });
  sheet.getCell(1, 1).value = neutraliseFormula(reportingMsg('templateTitle', { unit: unit.name, month: formatPeriodVi(month) }).vi);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const headers = ['Mã đơn vị', 'Tên đơn vị', ...due.map(indicatorHeader), 'Nguồn', 'Minh chứng'];
  headers.forEach((text, i) => headerCell(sheet.getCell(3, i + 1), text));
  due.forEach((d, i) => headerCell(sheet.getCell(4, i + 3), formatPeriodVi(d.period)));
  sheet.columns = headers.map((_, i) => ({ width: i === 1 ? 28 : i < 2 ? 12 : 22 }));
  listed.forEach((u, r) => {
    const row = sheet.getRow(5 + r);
    row.getCell(1).value = u.code;
    row.getCell(2).value = neutraliseFormula(u.name);
  });
  instructions(book.addWorksheet('Hướng dẫn'), due);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const indicatorHeader = ({ def }: DueIndicator) => `${def.name} (${def.measure})`;

function headerCell(cell: ExcelJS.Cell, text: string): void {
  cell.value = neutraliseFormula(text);
  cell.font = { bold: true };
  cell.alignment = { vertical: 'middle', wrapText: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
}

function instructions(sheet: ExcelJS.Worksheet, due: readonly DueIndicator[]): void {
  const lines = [
    reportingMsg('templateHowTo').vi,
    reportingMsg('templateNumbers').vi,
    ...due.map(({ def, period }) => reportingMsg('templateDeadline', { indicator: def.name, period: formatPeriodVi(period), deadline: reportDeadline(period).split('-').reverse().join('/') }).vi),
  ];
  sheet.getColumn(1).width = 110;
  lines.forEach((line, i) => { sheet.getCell(i + 1, 1).value = neutraliseFormula(line); });
}
