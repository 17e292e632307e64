import type ExcelJS from 'exceljs';

/**
 * An empty exceljs workbook, the library loaded on first use: importing it took 0.27–1.1 s here (three runs), which
 * every CLI command (`nhipso --help` 1.83 s against 2.18 s, medians of 5) and every server start would otherwise pay.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { Workbook } = (await import('exceljs')).default;
  return new Workbook();
}
