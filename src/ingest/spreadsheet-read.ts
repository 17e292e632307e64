import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Problem } from '../shared/errors.ts';
import { reason } from '../shared/messages.ts';
import { restoreFormulaText } from '../shared/spreadsheet-text.ts';
import { foldVietnamese } from '../shared/text.ts';
import { newWorkbook } from '../shared/workbook.ts';
import { refuseUnsafeXlsx } from './spreadsheet-guard.ts';
import { HEADER_SCAN_ROWS, isUnitHeader } from './spreadsheet-header.ts';

/** A non-empty cell: numbers stay numbers (Excel cells), everything else is trimmed text. */
export type SheetCell = string | number;
/** A non-empty row; `line` is the row number as Excel shows it (1-based). */
export interface SheetRow { line: number; cells: (SheetCell | undefined)[] }
export type SheetRead = { ok: true; rows: SheetRow[] } | { ok: false; problem: Problem };

export const MAX_DATA_ROWS = 50_000;
export const MAX_CELL_MEGABYTES = 5;
const MAX_ROWS = MAX_DATA_ROWS + HEADER_SCAN_ROWS + 1;
const MAX_CELL_BYTES = MAX_CELL_MEGABYTES * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const UTF16LE_BOM = [0xff, 0xfe];
/** "%PDF-": a small PDF can be plain ASCII, which would otherwise pass for a CSV. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
const DELIMITERS = [';', '\t', ','] as const;

/**
 * Reads an XLSX or CSV file, told apart by content (not by name), into its non-empty rows.
 * `isHeaderCell` recognises a header cell, which tells a CSV's delimiter (value sheets: the unit column).
 */
export async function readSheet(data: Buffer, fileName: string, isHeaderCell: (cell: string) => boolean = isUnitHeader): Promise<SheetRead> {
  if (startsWith(data, ZIP_MAGIC)) return readXlsx(data, fileName);
  if (startsWith(data, OLE_MAGIC)) return fail(fileName, reason('sheetOldExcel'));
  if (startsWith(data, PDF_MAGIC)) return fail(fileName, reason('fileType'));
  if (startsWith(data, UTF16LE_BOM)) return readCsv(new TextDecoder('utf-16le').decode(data), fileName, isHeaderCell);
  if (data.includes(0)) return fail(fileName, reason('fileType'));
  try {
    return readCsv(new TextDecoder('utf-8', { fatal: true }).decode(data), fileName, isHeaderCell);
  } catch {
    return fail(fileName, reason('sheetNotUtf8'));
  }
}

function readCsv(text: string, fileName: string, isHeaderCell: (cell: string) => boolean): SheetRead {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: findDelimiter(text.split(/\r\n|\r|\n/, HEADER_SCAN_ROWS), isHeaderCell),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    return fail(fileName, reason('fileUnreadable', { reason: errorText(error) }));
  }
  const sheet = new SheetBuilder(fileName);
  for (const [index, record] of records.entries()) {
    const problem = sheet.add(index + 1, record.map((raw) => raw.trim() || undefined));
    if (problem) return problem;
  }
  return sheet.result();
}

/** The CSV delimiter is the one that splits the header line into a recognised header cell; `,` when no line says. */
function findDelimiter(lines: string[], isHeaderCell: (cell: string) => boolean): string {
  for (const line of lines) {
    const candidates = DELIMITERS.filter((d) => line.includes(d)).sort((a, b) => count(line, b) - count(line, a));
    const found = candidates.find((d) => line.split(d).some((cell) => isHeaderCell(cell.replace(/"/g, ''))));
    if (found) return found;
  }
  return ',';
}

function count(line: string, delimiter: string): number {
  return line.split(delimiter).length - 1;
}

async function readXlsx(data: Buffer, fileName: string): Promise<SheetRead> {
  const refusal = await refuseUnsafeXlsx(data);
  if (refusal) return fail(fileName, refusal);
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(toArrayBuffer(data));
  } catch (error) {
    return fail(fileName, reason('fileUnreadable', { reason: errorText(error) }));
  }
  const worksheet = pickWorksheet(workbook.worksheets);
  if (!worksheet) return fail(fileName, reason('sheetNoWorksheet'));
  const sheet = new SheetBuilder(fileName);
  for (let line = 1; line <= worksheet.rowCount; line++) {
    const row = worksheet.findRow(line);
    if (!row) continue;
    const cells: (SheetCell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[column - 1] = excelCell(cell.value, cell.numFmt);
    });
    const problem = sheet.add(line, cells);
    if (problem) return problem;
  }
  return sheet.result();
}

/** A sheet named "Số liệu" or "Data" wins; otherwise the first visible one. */
function pickWorksheet(sheets: ExcelJS.Worksheet[]): ExcelJS.Worksheet | undefined {
  const named = sheets.find((s) => /^(so lieu|data)\b/.test(foldVietnamese(s.name)));
  return named ?? sheets.find((s) => s.state === 'visible') ?? sheets[0];
}

function excelCell(value: ExcelJS.CellValue, numFmt: string | undefined): SheetCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return isPercentFormat(numFmt) ? asPercent(value) : value;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim() || undefined;
  if ('hyperlink' in value) return excelCell(value.text, numFmt);
  if ('error' in value) return value.error;
  return excelCell(value.result, numFmt);
}

/** A number shown as "59%" is stored as 0.59; callers expect percent units, as when "59%" is typed as text. */
function asPercent(value: number): number {
  return Number((value * 100).toPrecision(15));
}

function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && numFmt.replace(/"[^"]*"|\\./g, '').includes('%');
}

/** Excel dates arrive as UTC midnights of the day shown. */
function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** Keeps non-empty rows and enforces the size limits while reading, so a huge file stops early. */
class SheetBuilder {
  private readonly rows: SheetRow[] = [];
  private bytes = 0;

  constructor(private readonly fileName: string) {}

  add(line: number, read: (SheetCell | undefined)[]): SheetRead | undefined {
    // Our own exports put an apostrophe before formula-looking text; a re-import gets the text as it was.
    const cells = read.map((cell) => (typeof cell === 'string' ? restoreFormulaText(cell).trim() || undefined : cell));
    if (!cells.some((cell) => cell !== undefined)) return undefined;
    for (const cell of cells) if (cell !== undefined) this.bytes += Buffer.byteLength(String(cell));
    if (this.bytes > MAX_CELL_BYTES) return fail(this.fileName, reason('sheetTooLarge', { max: MAX_CELL_MEGABYTES }));
    if (this.rows.length >= MAX_ROWS) return fail(this.fileName, reason('batchTooLarge', { max: MAX_DATA_ROWS }));
    this.rows.push({ line, cells });
    return undefined;
  }

  result(): SheetRead {
    return { ok: true, rows: this.rows };
  }
}

function fail(fileName: string, why: { reason: string; reasonEn: string }): SheetRead {
  return { ok: false, problem: { ...why, value: fileName } };
}

function startsWith(data: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => data[i] === byte);
}

function toArrayBuffer(data: Buffer): ArrayBuffer {
  return new Uint8Array(data).buffer;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
