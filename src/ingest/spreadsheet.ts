import { normalizePeriodInput, parsePeriod, type PeriodType } from '../periods/period.ts';
import { ProblemList, type Problem } from '../shared/errors.ts';
import { reason } from '../shared/messages.ts';
import {
  cellText, findHeaderRow, readHeader, resolveIndicatorText,
  type Column, type HeaderRow, type IndicatorRef, type ValueColumn,
} from './spreadsheet-header.ts';
import { skippedRow } from './spreadsheet-rows.ts';
import { MAX_DATA_ROWS, readSheet, type SheetRow } from './spreadsheet-read.ts';
import type { ValueInput } from './value-input.ts';
import { parseVietnameseNumber } from './vietnamese-number.ts';

/** What the sheet cannot say by itself: how to read unit and indicator names, and the defaults chosen at import. */
export interface SheetContext {
  /** A unit code from the text of a unit cell (code or name), or undefined when there is no such unit. */
  resolveUnit(text: string): string | undefined;
  /** An indicator from a header or "Chỉ tiêu" cell (code or Vietnamese name). */
  resolveIndicator(text: string): { code: string; periodType: PeriodType } | undefined;
  /** The period when the sheet has no "Kỳ" column (any form normalizePeriodInput reads). */
  period?: string;
  /** The indicator when a by-period sheet has no "Chỉ tiêu" column. */
  indicator?: string;
  /** The source when the sheet has no "Nguồn" column. */
  source?: string;
}

/** The valid rows and every problem found; a caller writes nothing unless `problems` is empty. */
export interface ParsedValueFile { rows: ValueInput[]; problems: Problem[] }

const PERIOD_TYPE_VI: Record<PeriodType, string> = { day: 'ngày', month: 'tháng', quarter: 'quý', year: 'năm' };

/**
 * Turns a CSV or XLSX file, laid out the way offices keep them, into values: one row per unit and one column
 * per indicator ("bảng theo chỉ tiêu") or per period ("bảng theo kỳ"). The whole file is checked, never just
 * up to the first mistake.
 */
export async function parseValueFile(data: Buffer, fileName: string, ctx: SheetContext): Promise<ParsedValueFile> {
  const read = await readSheet(data, fileName);
  if (!read.ok) return { rows: [], problems: [read.problem] };
  const headerRow = findHeaderRow(read.rows);
  if (!headerRow) return { rows: [], problems: [{ ...reason('sheetNoHeader'), value: fileName }] };
  const header = readHeader(headerRow, (text) => ctx.resolveIndicator(text));
  const problems = new ProblemList();
  const defaults = sheetDefaults(header, ctx, problems);
  if (!defaults) return { rows: [], problems: problems.items };
  const body = read.rows.filter((row) => row.line > header.line);
  const dataRows = body.filter((row, i) => !skippedRow(row, header, i === 0));
  if (dataRows.length > MAX_DATA_ROWS) {
    return { rows: [], problems: [{ ...reason('batchTooLarge', { max: MAX_DATA_ROWS }), value: fileName }] };
  }
  const scope: RowScope = { header, ctx, defaults, problems, firstLine: new Map() };
  const rows = dataRows.flatMap((row) => readRow(row, scope));
  if (rows.length === 0 && problems.isEmpty) problems.add({ ...reason('sheetEmpty'), value: fileName });
  return { rows, problems: problems.items };
}

interface Defaults { period?: string; indicator?: IndicatorRef }
interface RowScope {
  header: HeaderRow;
  ctx: SheetContext;
  defaults: Defaults;
  problems: ProblemList;
  /** Where each unit + indicator + period was first seen. */
  firstLine: Map<string, number>;
}

/** Checks the layout once, so a missing period or indicator is one problem rather than one per row. */
function sheetDefaults(header: HeaderRow, ctx: SheetContext, problems: ProblemList): Defaults | undefined {
  const line = header.line;
  const byIndicator = header.values.some((c) => c.indicator);
  const byPeriod = header.values.some((c) => c.period);
  if (byIndicator && byPeriod) problems.add({ line, ...reason('sheetMixedLayout', { line }) });
  if (!byIndicator && !byPeriod) problems.add({ line, ...reason('sheetUnknownLayout', { line }) });
  const defaults: Defaults = {};
  if (ctx.period !== undefined) {
    defaults.period = normalizePeriodInput(ctx.period);
    if (!defaults.period) problems.add({ field: 'period', value: ctx.period, ...reason('sheetBadPeriod', { value: ctx.period }) });
  } else if (byIndicator && !header.period) {
    problems.add({ line, field: 'Kỳ', ...reason('sheetMissingPeriod') });
  }
  if (ctx.indicator !== undefined) {
    defaults.indicator = resolveIndicatorText(ctx.resolveIndicator, ctx.indicator);
    if (!defaults.indicator) problems.add({ field: 'indicator', value: ctx.indicator, ...reason('sheetUnknownIndicator', { text: ctx.indicator }) });
  } else if (byPeriod && !header.indicator) {
    problems.add({ line, field: 'Chỉ tiêu', ...reason('sheetMissingIndicator') });
  }
  return problems.isEmpty ? defaults : undefined;
}

function readRow(row: SheetRow, scope: RowScope): ValueInput[] {
  const filled = scope.header.values.filter((column) => row.cells[column.index] !== undefined);
  if (filled.length === 0) return [];
  const unit = rowUnit(row, scope);
  const period = filled.some((c) => !c.period) ? rowPeriod(row, scope) : undefined;
  const indicator = filled.some((c) => !c.indicator) ? rowIndicator(row, scope) : undefined;
  const source = text(row, scope.header.source) ?? scope.ctx.source;
  const evidence = text(row, scope.header.evidence);
  const values: ValueInput[] = [];
  for (const column of filled) {
    const value = readValue(row, column, scope.problems);
    const cellIndicator = column.indicator ?? indicator;
    const cellPeriod = column.period ?? period;
    if (value === undefined || !unit || !cellIndicator || !cellPeriod) continue;
    if (!fits(row, column, cellIndicator, cellPeriod, scope.problems)) continue;
    const input: ValueInput = {
      unit, indicator: cellIndicator.code, period: cellPeriod, value, line: row.line,
      ...(source !== undefined && { source }),
      ...(evidence !== undefined && { evidence }),
    };
    if (!isDuplicate(row, column, input, scope)) values.push(input);
  }
  return values;
}

function rowUnit(row: SheetRow, { header, ctx, problems }: RowScope): string | undefined {
  const column = header.units.find((c) => row.cells[c.index] !== undefined);
  const unitText = text(row, column);
  if (!column || unitText === undefined) {
    problems.add({ line: row.line, field: header.units[0]?.header, ...reason('required') });
    return undefined;
  }
  const unit = ctx.resolveUnit(unitText);
  if (!unit) problems.add({ line: row.line, field: column.header, value: unitText, ...reason('sheetUnknownUnit', { text: unitText }) });
  return unit;
}

function rowPeriod(row: SheetRow, { header, defaults, problems }: RowScope): string | undefined {
  const periodText = text(row, header.period);
  if (periodText === undefined) {
    if (!defaults.period) problems.add({ line: row.line, field: header.period?.header, ...reason('sheetMissingPeriod') });
    return defaults.period;
  }
  const period = normalizePeriodInput(periodText);
  if (!period) problems.add({ line: row.line, field: header.period?.header, value: periodText, ...reason('sheetBadPeriod', { value: periodText }) });
  return period;
}

function rowIndicator(row: SheetRow, { header, ctx, defaults, problems }: RowScope): IndicatorRef | undefined {
  const indicatorText = text(row, header.indicator);
  if (indicatorText === undefined) {
    if (!defaults.indicator) problems.add({ line: row.line, field: header.indicator?.header, ...reason('sheetMissingIndicator') });
    return defaults.indicator;
  }
  const indicator = resolveIndicatorText(ctx.resolveIndicator, indicatorText);
  if (!indicator) {
    problems.add({ line: row.line, field: header.indicator?.header, value: indicatorText, ...reason('sheetUnknownIndicator', { text: indicatorText }) });
  }
  return indicator;
}

function readValue(row: SheetRow, column: ValueColumn, problems: ProblemList): number | undefined {
  const raw = row.cells[column.index];
  const value = raw === undefined ? undefined : parseVietnameseNumber(raw);
  if (value === undefined) problems.add({ line: row.line, field: column.header, value: raw, ...reason('notANumber', { value: String(raw) }) });
  return value;
}

function fits(row: SheetRow, column: Column, indicator: IndicatorRef, period: string, problems: ProblemList): boolean {
  const type = parsePeriod(period)?.type;
  if (type === indicator.periodType) return true;
  problems.add({
    line: row.line, field: column.header, value: period,
    ...reason('sheetPeriodMismatch', {
      value: period, indicator: indicator.code, type: indicator.periodType, typeVi: PERIOD_TYPE_VI[indicator.periodType],
    }),
  });
  return false;
}

/** The same unit, indicator and period twice in one file is a mistake, whichever value is right. */
function isDuplicate(row: SheetRow, column: Column, value: ValueInput, scope: RowScope): boolean {
  const key = `${value.unit}\u0000${value.indicator}\u0000${value.period}`;
  const first = scope.firstLine.get(key);
  if (first === undefined) {
    scope.firstLine.set(key, row.line);
    return false;
  }
  scope.problems.add({
    line: row.line, field: column.header, value: row.cells[column.index],
    ...reason('sheetDuplicate', { unit: value.unit, indicator: value.indicator, period: value.period, first }),
  });
  return true;
}

function text(row: SheetRow, column: Column | undefined): string | undefined {
  return column ? cellText(row.cells[column.index]) : undefined;
}
