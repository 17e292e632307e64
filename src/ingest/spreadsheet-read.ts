import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Problem } from '../shared/errors.ts';
import { reason } from '../shared/messages.ts';
import { restoreFormulaText } from '../shared/spreadsheet-text.ts';
import { newWorkbook } from '../shared/workbook.ts';
import { refuseUnsafeXlsx } from './spreadsheet-guard.ts';
import { HEADER_SCAN_ROWS, isUnitHeader } from './spreadsheet-header.ts';

/** A non-empty cell: numbers stay numbers (Excel cells), everything else is trimmed text. */
export type SheetCell = string | number;
/** What a cell's value alone does not say: it was typed as a date, or it is a formula no tool has calculated. */
export type CellMark = 'date' | 'uncalculated';
/**
 * A non-empty row; `line` is the row number as Excel shows it (1-based), cells are indexed from column A = 0.
 * `fields` is a CSV record's field count, empty ones included.
 */
export interface SheetRow { line: number; cells: (SheetCell | undefined)[]; marks?: Map<number, CellMark>; fields?: number }
/** A merged range: rows as Excel numbers them, columns from A = 0. */
export interface MergedRange { top: number; left: number; bottom: number; right: number }
/** One worksheet (a CSV file is one sheet without a name). */
export interface Sheet { name?: string; rows: SheetRow[]; merges: ReadonlyMap<string, MergedRange> }
export type SheetRead = { ok: true; sheets: Sheet[] } | { ok: false; problem: Problem };

export const MAX_DATA_ROWS = 50_000;
export const MAX_CELL_MEGABYTES = 5;
const MAX_ROWS = MAX_DATA_ROWS + HEADER_SCAN_ROWS + 1;
const MAX_CELL_BYTES = MAX_CELL_MEGABYTES * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];
/** "%PDF-": a small PDF can be plain ASCII, which would otherwise pass for a CSV. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
const DELIMITERS = [';', '\t', ','] as const;

/**
 * Reads an XLSX or CSV file, told apart by content (not by name), into its sheets' non-empty rows.
 * `isHeaderCell` recognises a header cell, which tells a CSV's delimiter (value sheets: the unit column).
 */
export async function readSheet(data: Buffer, fileName: string, isHeaderCell: (cell: string) => boolean = isUnitHeader): Promise<SheetRead> {
  if (startsWith(data, ZIP_MAGIC)) return readXlsx(data, fileName);
  if (startsWith(data, OLE_MAGIC)) return fail(fileName, reason('sheetOldExcel'));
  if (startsWith(data, PDF_MAGIC)) return fail(fileName, reason('fileType'));
  const utf16 = utf16Of(data);
  if (utf16) return readUtf16(data, utf16, fileName, isHeaderCell);
  if (data.includes(0)) return fail(fileName, reason('fileType'));
  try {
    return readCsv(new TextDecoder('utf-8', { fatal: true }).decode(data), fileName, isHeaderCell);
  } catch {
    return fail(fileName, reason('sheetNotUtf8'));
  }
}

/** Excel's "Unicode text" and some exports write UTF-16: told by its byte-order mark, or by ASCII's zero bytes. */
function utf16Of(data: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (startsWith(data, UTF16LE_BOM)) return 'utf-16le';
  if (startsWith(data, UTF16BE_BOM)) return 'utf-16be';
  const pairs = Math.min(data.length, 256) >> 1;
  const zeros = (parity: number) => {
    let count = 0;
    for (let i = 0; i < pairs; i++) if (data[2 * i + parity] === 0) count++;
    return count;
  };
  const [even, odd] = [zeros(0), zeros(1)];
  if (pairs < 4) return undefined;
  return even === 0 && odd * 2 >= pairs ? 'utf-16le' : odd === 0 && even * 2 >= pairs ? 'utf-16be' : undefined;
}

function readUtf16(data: Buffer, encoding: 'utf-16le' | 'utf-16be', fileName: string, isHeaderCell: (cell: string) => boolean): SheetRead {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(data);
  } catch {
    return fail(fileName, reason('sheetNotUtf8'));
  }
  // Binary content can look like UTF-16 by its zero bytes; text holds no control characters but line ends and tabs.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return fail(fileName, reason('fileType'));
  return readCsv(text, fileName, isHeaderCell);
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
  sheet.begin(undefined, new Map());
  for (const [index, record] of records.entries()) {
    const problem = sheet.add(index + 1, record.map((raw) => raw.trim() || undefined), undefined, record.length);
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
  if (workbook.worksheets.length === 0) return fail(fileName, reason('sheetNoWorksheet'));
  const sheets = new SheetBuilder(fileName);
  for (const worksheet of workbook.worksheets) {
    const merges = new Map<string, MergedRange>();
    sheets.begin(worksheet.name, merges);
    const problem = readWorksheet(worksheet, sheets, merges);
    if (problem) return problem;
  }
  return sheets.result();
}

/** Reads the rows, and each merged range from the cells it covers (exceljs's own model of a sheet copies every row). */
function readWorksheet(worksheet: ExcelJS.Worksheet, sheets: SheetBuilder, merges: Map<string, MergedRange>): SheetRead | undefined {
  for (let line = 1; line <= worksheet.rowCount; line++) {
    const row = worksheet.findRow(line);
    if (!row) continue;
    const cells: (SheetCell | undefined)[] = [];
    const marks = new Map<number, CellMark>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (cell.isMerged && cell.master.address !== cell.address) {
        extend(merges, cell.master, line, column - 1);
        return;
      }
      cells[column - 1] = excelCell(cell.value, cell.numFmt);
      const mark = markOf(cell.value);
      if (mark) marks.set(column - 1, mark);
    });
    const problem = sheets.add(line, cells, marks.size > 0 ? marks : undefined);
    if (problem) return problem;
  }
  return undefined;
}

function extend(merges: Map<string, MergedRange>, master: ExcelJS.Cell, line: number, index: number): void {
  const [top, left] = [Number(master.row), Number(master.col) - 1];
  const range = merges.get(master.address) ?? { top, left, bottom: top, right: left };
  merges.set(master.address, { ...range, bottom: Math.max(range.bottom, line), right: Math.max(range.right, index) });
}

/** Column A for index 0, as Excel names columns. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function markOf(value: ExcelJS.CellValue): CellMark | undefined {
  if (value instanceof Date) return 'date';
  if (value === null || typeof value !== 'object') return undefined;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return 'uncalculated';
    return result instanceof Date ? 'date' : undefined;
  }
  return undefined;
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
  private readonly sheets: Sheet[] = [];
  private rows = 0;
  private bytes = 0;

  constructor(private readonly fileName: string) {}

  begin(name: string | undefined, merges: ReadonlyMap<string, MergedRange>): void {
    this.sheets.push({ ...(name !== undefined && { name }), rows: [], merges });
  }

  add(line: number, read: (SheetCell | undefined)[], marks?: Map<number, CellMark>, fields?: number): SheetRead | undefined {
    // Our own exports put an apostrophe before formula-looking text; a re-import gets the text as it was.
    const cells = read.map((cell) => (typeof cell === 'string' ? restoreFormulaText(cell).trim() || undefined : cell));
    if (!cells.some((cell) => cell !== undefined) && !marks) return undefined;
    for (const cell of cells) if (cell !== undefined) this.bytes += Buffer.byteLength(String(cell));
    if (this.bytes > MAX_CELL_BYTES) return fail(this.fileName, reason('sheetTooLarge', { max: MAX_CELL_MEGABYTES }));
    if (this.rows >= MAX_ROWS) return fail(this.fileName, reason('batchTooLarge', { max: MAX_DATA_ROWS }));
    this.rows++;
    this.sheets.at(-1)?.rows.push({ line, cells, ...(marks && { marks }), ...(fields !== undefined && { fields }) });
    return undefined;
  }

  result(): SheetRead {
    return { ok: true, sheets: this.sheets };
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
