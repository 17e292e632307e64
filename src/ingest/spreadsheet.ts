import { normalizePeriodInput, parsePeriod, type PeriodType } from '../periods/period.ts';
import { ProblemList, type Problem } from '../shared/errors.ts';
import { reason } from '../shared/messages.ts';
import type { ResolveUnits, UnitResolution } from '../units/unit-resolver.ts';
import { sheetReason } from './sheet-messages.ts';
import {
  cellText, findHeaderBand,
  type Column, type HeaderBand, type IndicatorRef, type ResolveIndicator, type ValueColumn,
} from './spreadsheet-header.ts';
import { columnLetter, MAX_DATA_ROWS, readSheet, type Sheet, type SheetRow } from './spreadsheet-read.ts';
import { skippedRow } from './spreadsheet-rows.ts';
import { isSignatureRow, pickTable } from './spreadsheet-table.ts';
import type { ValueInput } from './value-input.ts';
import { parseVietnameseNumber } from './vietnamese-number.ts';

/** What the sheet cannot say by itself: how to read unit and indicator names, and the defaults chosen at import. */
export interface SheetContext {
  /** The units named by a table's unit cells (codes or names), resolved together at the table's level. */
  resolveUnits: ResolveUnits;
  /** An indicator from a header or "Chỉ tiêu" cell (code or Vietnamese name). */
  resolveIndicator: ResolveIndicator;
  /** The period when the sheet has no "Kỳ" column (any form normalizePeriodInput reads). */
  period?: string;
  /** The indicator when a by-period sheet has no "Chỉ tiêu" column. */
  indicator?: string;
  /** The source when the sheet has no "Nguồn" column. */
  source?: string;
}

/** Where a value was in the file: its sheet, column letter and header (its row is the value's `line`). */
export type CellRef = Pick<Problem, 'sheet' | 'column' | 'field'>;
/** The valid rows with their cells, and every problem found; a caller writes nothing unless `problems` is empty. */
export interface ParsedValueFile { rows: ValueInput[]; cells: CellRef[]; problems: Problem[] }

const PERIOD_TYPE_VI: Record<PeriodType, string> = { day: 'ngày', month: 'tháng', quarter: 'quý', year: 'năm' };

/**
 * Turns a CSV or XLSX file, laid out the way offices keep them, into values: one row per unit and one column
 * per indicator ("bảng theo chỉ tiêu") or per period ("bảng theo kỳ"), under a header of one to three rows.
 * The whole file is checked, never just up to the first mistake; every problem names sheet, row and column.
 */
export async function parseValueFile(data: Buffer, fileName: string, ctx: SheetContext): Promise<ParsedValueFile> {
  const read = await readSheet(data, fileName);
  if (!read.ok) return { rows: [], cells: [], problems: [read.problem] };
  const picked = pickTable(read.sheets, (sheet) => findHeaderBand(sheet, ctx.resolveIndicator), (band) => band.values.length > 0);
  if (!picked) return { rows: [], cells: [], problems: [{ ...reason('sheetNoHeader'), value: fileName }] };
  if ('problem' in picked) return { rows: [], cells: [], problems: [picked.problem] };
  const { sheet, table: header } = picked;
  const problems = new ProblemList();
  const at = locator(sheet);
  for (const p of header.problems) problems.add({ ...at(p.line, p.column), value: p.value, ...p.why });
  const defaults = problems.isEmpty ? sheetDefaults(header, ctx, problems, at) : undefined;
  if (!defaults) return { rows: [], cells: [], problems: problems.items };
  const dataRows = tableRows(sheet, header);
  if (dataRows.length > MAX_DATA_ROWS) {
    return { rows: [], cells: [], problems: [{ ...reason('batchTooLarge', { max: MAX_DATA_ROWS }), value: fileName }] };
  }
  const unitTexts = dataRows.flatMap((row) => unitCell(row, header)?.text ?? []);
  const units = ctx.resolveUnits([...new Set(unitTexts)], header.unitLevel);
  const scope: RowScope = { header, ctx, defaults, problems, at, units, firstLine: new Map(), unnamed: new Set(), read: readColumns(header) };
  const values = dataRows.flatMap((row) => readRow(row, scope));
  if (values.length === 0 && problems.isEmpty) problems.add({ ...reason('sheetEmpty'), value: fileName });
  return { rows: values.map((v) => v.value), cells: values.map((v) => v.cell), problems: problems.items };
}

type Locate = (line: number, column?: Column) => Pick<Problem, 'sheet' | 'line' | 'column' | 'field'>;

/** Where a problem is, as the person who opens the file sees it: sheet, row, column letter and header. */
function locator(sheet: Sheet): Locate {
  return (line, column) => ({
    ...(sheet.name !== undefined && { sheet: sheet.name }),
    line,
    ...(column && { column: columnLetter(column.index), field: column.header }),
  });
}

interface Defaults { period?: string; indicator?: IndicatorRef }
interface RowScope {
  header: HeaderBand;
  ctx: SheetContext;
  defaults: Defaults;
  problems: ProblemList;
  at: Locate;
  units: Map<string, UnitResolution>;
  /** Where each unit + indicator + period was first seen. */
  firstLine: Map<string, number>;
  /** Columns without a header already reported. */
  unnamed: Set<number>;
  /** The columns whose cells are read, by index. */
  read: Map<number, Column>;
}

/** Checks the layout once, so a missing period or indicator is one problem rather than one per row. */
function sheetDefaults(header: HeaderBand, ctx: SheetContext, problems: ProblemList, at: Locate): Defaults | undefined {
  const line = header.line;
  const rows = header.lastLine === line ? String(line) : `${line}–${header.lastLine}`;
  const indicatorOnly = header.values.some((c) => c.indicator && !c.period);
  const periodOnly = header.values.some((c) => c.period && !c.indicator);
  if (indicatorOnly && periodOnly) problems.add({ ...at(line), ...reason('sheetMixedLayout', { line: rows }) });
  if (header.values.length === 0) problems.add({ ...at(line), ...reason('sheetUnknownLayout', { line: rows }) });
  const defaults: Defaults = {};
  if (ctx.period !== undefined) {
    defaults.period = normalizePeriodInput(ctx.period);
    if (!defaults.period) problems.add({ field: 'period', value: ctx.period, ...reason('sheetBadPeriod', { value: ctx.period }) });
  } else if (header.values.some((c) => !c.period) && !header.period) {
    problems.add({ ...at(line), field: 'Kỳ', ...reason('sheetMissingPeriod') });
  }
  if (ctx.indicator !== undefined) {
    const match = ctx.resolveIndicator(ctx.indicator);
    if (match && 'code' in match) defaults.indicator = match;
    else problems.add({ field: 'indicator', value: ctx.indicator, ...reason('sheetUnknownIndicator', { text: ctx.indicator }) });
  } else if (header.values.some((c) => !c.indicator) && !header.indicator) {
    problems.add({ ...at(line), field: 'Chỉ tiêu', ...reason('sheetMissingIndicator') });
  }
  return problems.isEmpty ? defaults : undefined;
}

/**
 * The table's rows: below the header, without the numbering row and totals, and up to the signature block.
 * Under the signature block a row is still read when it holds a value, so a value there is never dropped.
 */
function tableRows(sheet: Sheet, header: HeaderBand): SheetRow[] {
  const notes = new Set([header.evidence?.index, header.source?.index].filter((i): i is number => i !== undefined));
  let ended = false;
  return sheet.rows.filter((row) => row.line > header.lastLine).filter((row, i) => {
    const holdsValue = holdsNumber(row, header);
    if (!holdsValue && isSignatureRow(row, notes)) ended = true;
    if (ended && !holdsValue) return false;
    return !skippedRow(row, header, i === 0);
  });
}

function holdsNumber(row: SheetRow, header: HeaderBand): boolean {
  return header.values.some((c) => {
    const cell = row.cells[c.index];
    return row.marks?.get(c.index) === 'uncalculated' || (cell !== undefined && parseVietnameseNumber(cell) !== undefined);
  });
}

function unitCell(row: SheetRow, header: HeaderBand): { column: Column; text: string } | undefined {
  const column = header.units.find((c) => row.cells[c.index] !== undefined);
  const text = column ? cellText(row.cells[column.index]) : undefined;
  return column && text !== undefined ? { column, text } : undefined;
}

function readRow(row: SheetRow, scope: RowScope): { value: ValueInput; cell: CellRef }[] {
  const { header, problems, at } = scope;
  if (header.fields !== undefined && row.fields !== undefined && row.fields !== header.fields) {
    problems.add({ ...at(row.line), ...sheetReason('sheetFieldCount', { count: row.fields, expected: header.fields }) });
    return [];
  }
  reportUnreadCells(row, scope);
  const filled = header.values.filter((column) => row.cells[column.index] !== undefined);
  if (filled.length === 0) return [];
  const unit = rowUnit(row, scope);
  const period = filled.some((c) => !c.period) ? rowPeriod(row, scope) : undefined;
  const indicator = filled.some((c) => !c.indicator) ? rowIndicator(row, scope) : undefined;
  const source = text(row, header.source) ?? scope.ctx.source;
  const evidence = text(row, header.evidence);
  const values: { value: ValueInput; cell: CellRef }[] = [];
  for (const column of filled) {
    const value = readValue(row, column, scope);
    const cellIndicator = column.indicator ?? indicator;
    const cellPeriod = column.period ? { key: column.period, isDate: column.periodIsDate === true } : period;
    if (value === undefined || !unit || !cellIndicator || !cellPeriod) continue;
    const fitted = fits(row, column, cellIndicator, cellPeriod, scope);
    if (!fitted) continue;
    const input: ValueInput = {
      unit, indicator: cellIndicator.code, period: fitted, value, line: row.line,
      ...(source !== undefined && { source }),
      ...(evidence !== undefined && { evidence }),
    };
    const { line, ...cell } = at(row.line, column);
    if (!isDuplicate(row, column, input, scope)) values.push({ value: input, cell });
  }
  return values;
}

/**
 * A formula no tool calculated in a column that is read or has no header, and data in a column without a header:
 * neither may pass unread. (A "STT" of `=ROW()-9` left uncalculated hides nothing.)
 */
function reportUnreadCells(row: SheetRow, { header, problems, at, unnamed, read }: RowScope): void {
  for (const [index, mark] of row.marks ?? []) {
    if (mark !== 'uncalculated' || (header.named.has(index) && !read.has(index))) continue;
    const column = read.get(index) ?? { index, header: '' };
    problems.add({ ...at(row.line, column), ...sheetReason('sheetFormulaNoResult', { cell: `${columnLetter(index)}${row.line}` }) });
  }
  for (const [index, cell] of row.cells.entries()) {
    if (cell === undefined || header.named.has(index) || unnamed.has(index)) continue;
    unnamed.add(index);
    problems.add({ ...at(row.line, { index, header: '' }), value: cell, ...sheetReason('sheetNoHeaderColumn') });
  }
}

function readColumns(header: HeaderBand): Map<number, Column> {
  const columns = [...header.units, header.period, header.indicator, header.source, header.evidence, ...header.values];
  return new Map(columns.flatMap((c) => (c ? [[c.index, c] as const] : [])));
}

function rowUnit(row: SheetRow, { header, problems, at, units }: RowScope): string | undefined {
  const cell = unitCell(row, header);
  if (!cell) {
    problems.add({ ...at(row.line, header.units[0]), ...reason('required') });
    return undefined;
  }
  const resolved = units.get(cell.text);
  if (resolved && 'code' in resolved) return resolved.code;
  const why = resolved?.problem ?? reason('sheetUnknownUnit', { text: cell.text });
  problems.add({ ...at(row.line, cell.column), value: cell.text, ...why });
  return undefined;
}

interface RowPeriod { key: string; isDate: boolean }

function rowPeriod(row: SheetRow, { header, defaults, problems, at }: RowScope): RowPeriod | undefined {
  const periodText = text(row, header.period);
  if (periodText === undefined || !header.period) {
    if (!defaults.period) problems.add({ ...at(row.line, header.period), ...reason('sheetMissingPeriod') });
    return defaults.period === undefined ? undefined : { key: defaults.period, isDate: false };
  }
  const period = normalizePeriodInput(periodText);
  if (!period) problems.add({ ...at(row.line, header.period), value: periodText, ...reason('sheetBadPeriod', { value: periodText }) });
  return period === undefined ? undefined : { key: period, isDate: row.marks?.get(header.period.index) === 'date' };
}

function rowIndicator(row: SheetRow, { header, ctx, defaults, problems, at }: RowScope): IndicatorRef | undefined {
  const indicatorText = text(row, header.indicator);
  if (indicatorText === undefined) {
    if (!defaults.indicator) problems.add({ ...at(row.line, header.indicator), ...reason('sheetMissingIndicator') });
    return defaults.indicator;
  }
  const match = ctx.resolveIndicator(indicatorText);
  if (match && 'code' in match) return match;
  const why = match
    ? sheetReason('sheetAmbiguousIndicator', { text: indicatorText, codes: match.ambiguous.join(', ') })
    : reason('sheetUnknownIndicator', { text: indicatorText });
  problems.add({ ...at(row.line, header.indicator), value: indicatorText, ...why });
  return undefined;
}

function readValue(row: SheetRow, column: ValueColumn, { problems, at }: RowScope): number | undefined {
  const raw = row.cells[column.index];
  const value = raw === undefined ? undefined : parseVietnameseNumber(raw);
  if (value === undefined) problems.add({ ...at(row.line, column), value: raw, ...reason('notANumber', { value: String(raw) }) });
  return value;
}

/**
 * The period key the value is stored under, or undefined (with the problem) when the period does not fit the
 * indicator. A date cell on the first of a month is that month for a monthly indicator: Excel turns "10/2025"
 * typed in a cell into 1 October 2025.
 */
function fits(row: SheetRow, column: ValueColumn, indicator: IndicatorRef, period: RowPeriod, { header, problems, at }: RowScope): string | undefined {
  const parsed = parsePeriod(period.key);
  if (parsed?.type === indicator.periodType) return period.key;
  const [year, month, day] = period.key.split('-');
  if (period.isDate && indicator.periodType === 'month' && day === '01') return `${year}-${month}`;
  // A date typed in the "Kỳ" column is that column's problem; any other misfit is the value's.
  const where = period.isDate && !column.period && header.period ? at(row.line, header.period) : at(row.line, column);
  const params = { indicator: indicator.code, type: indicator.periodType, typeVi: PERIOD_TYPE_VI[indicator.periodType] };
  const why = period.isDate && parsed?.type === 'day'
    ? sheetReason('sheetDatePeriod', { ...params, date: `${day}/${month}/${year}` })
    : reason('sheetPeriodMismatch', { ...params, value: period.key });
  problems.add({ ...where, value: period.key, ...why });
  return undefined;
}

/** The same unit, indicator and period twice in one file is a mistake, whichever value is right. */
function isDuplicate(row: SheetRow, column: ValueColumn, value: ValueInput, scope: RowScope): boolean {
  const key = `${value.unit}\u0000${value.indicator}\u0000${value.period}`;
  const first = scope.firstLine.get(key);
  if (first === undefined) {
    scope.firstLine.set(key, row.line);
    return false;
  }
  scope.problems.add({
    ...scope.at(row.line, column), value: row.cells[column.index],
    ...reason('sheetDuplicate', { unit: value.unit, indicator: value.indicator, period: value.period, first }),
  });
  return true;
}

function text(row: SheetRow, column: Column | undefined): string | undefined {
  return column ? cellText(row.cells[column.index]) : undefined;
}
