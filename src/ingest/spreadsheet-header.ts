import { normalizePeriodInput, type PeriodType } from '../periods/period.ts';
import { foldVietnamese } from '../shared/text.ts';
import type { UnitLevel } from '../units/unit-resolver.ts';
import type { CellMark, MergedRange, Sheet, SheetCell, SheetRow } from './spreadsheet-read.ts';
import { sheetReason, type SheetReason } from './sheet-messages.ts';

/** Title rows above the header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO…") are searched this far. */
export const HEADER_SCAN_ROWS = 30;
/** A header is at most this many rows: group titles above the columns' own headers. */
const MAX_HEADER_ROWS = 3;

/** An indicator as a header names it; `measure` is its unit of measure ("người", "%"). */
export interface IndicatorRef { code: string; periodType: PeriodType; measure?: string }
/** An indicator, or the codes a header could mean (never guessed between), or undefined when none. */
export type IndicatorMatch = IndicatorRef | { ambiguous: string[] } | undefined;
export type ResolveIndicator = (text: string) => IndicatorMatch;

export interface Column { index: number; header: string }
/** A column of numbers: its header names the indicator, the period, or both (a group title over sub-columns). */
export interface ValueColumn extends Column { indicator?: IndicatorRef; period?: string; periodIsDate?: boolean }
/** A problem of the header itself, found once rather than on every row. */
export interface HeaderProblem { line: number; column: Column; value?: string; why: SheetReason }

export interface HeaderBand {
  /** The first and last rows of the header; the data start below `lastLine`. */
  line: number;
  lastLine: number;
  /** Unit columns, codes before names: the first filled one in a row names the unit. */
  units: Column[];
  /** The level the unit column's header names ("Mã tỉnh", "Xã/phường"), if it names one. */
  unitLevel?: UnitLevel;
  period?: Column;
  indicator?: Column;
  source?: Column;
  evidence?: Column;
  values: ValueColumn[];
  /** Every column with a header, whatever its role: data under any other column is not read. */
  named: Set<number>;
  problems: HeaderProblem[];
  /** A CSV header's field count, which every data row must have. */
  fields?: number;
}

/** Folded header texts of the unit column, most specific first, with the level they name. */
const UNIT_HEADERS: [string, UnitLevel | undefined][] = [
  ['ma don vi', undefined], ['ma dv', undefined], ['ma', undefined], ['ma tinh', 'province'], ['ma xa', 'commune'],
  ['unit code', undefined], ['unit', undefined], ['don vi', undefined], ['ten don vi', undefined], ['don vi bao cao', undefined],
  ['dia phuong', undefined], ['ten dia phuong', undefined], ['tinh thanh pho', 'province'], ['ten tinh thanh pho', 'province'],
  ['ten tinh', 'province'], ['tinh', 'province'], ['tinh thanh', 'province'], ['xa phuong', 'commune'], ['ten xa', 'commune'], ['ten xa phuong', 'commune'],
  ['bo nganh', 'ministry'], ['ten bo nganh', 'ministry'],
];
const UNIT_HEADER_NAMES = UNIT_HEADERS.map(([name]) => name);
type Role = 'ignored' | 'period' | 'indicator' | 'source' | 'evidence';
const ROLES: Role[] = ['ignored', 'period', 'indicator', 'source', 'evidence'];
/** The only columns passed over: numbering and the unit of measure. Any other header must be understood. */
const ROLE_HEADERS: Record<Role, string[]> = {
  ignored: ['stt', 'so tt', 'tt', 'no', 'so thu tu', 'don vi tinh', 'dvt'],
  period: ['ky', 'ky bao cao', 'period'],
  indicator: ['chi tieu', 'ma chi tieu', 'ten chi tieu', 'indicator'],
  source: ['nguon', 'nguon du lieu', 'nguon so lieu', 'source'],
  evidence: ['minh chung', 'evidence', 'ghi chu', 'note', 'notes'],
};
/** A sub-column that is its group itself: "Bệnh viện" over "Tổng số" | "Triển khai bệnh án điện tử". */
const GROUP_ITSELF = new Set(['tong so', 'so luong']);

/** Header text is matched folded ("Mã ĐV" → "ma dv"), with or without a parenthesised note ("Kỳ (tháng)"). */
function headerKeys(text: string): string[] {
  return [foldVietnamese(text), foldVietnamese(withoutParentheses(text))];
}

function rankIn(names: string[], keys: string[]): number | undefined {
  const ranks = keys.map((key) => names.indexOf(key)).filter((rank) => rank >= 0);
  return ranks.length > 0 ? Math.min(...ranks) : undefined;
}

export function withoutParentheses(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The text of a cell, for headers, unit names and periods. */
export function cellText(cell: SheetCell | undefined): string | undefined {
  return cell === undefined ? undefined : String(cell);
}

export function isUnitHeader(text: string): boolean {
  return rankIn(UNIT_HEADER_NAMES, headerKeys(text)) !== undefined;
}

const isHeaderText = (cell: SheetCell | undefined) => {
  const text = cellText(cell);
  return text !== undefined && isUnitHeader(text);
};

/**
 * The header is the first row near the top with a unit column, and the rows right under it that hold no unit
 * (merged down from above) and are not the numbering row: group titles, then each column's own header.
 */
export function findHeaderBand(sheet: Sheet, resolveIndicator: ResolveIndicator): HeaderBand | undefined {
  const top = sheet.rows.slice(0, HEADER_SCAN_ROWS).findIndex((row) => row.cells.some(isHeaderText));
  const first = sheet.rows[top];
  if (!first) return undefined;
  const unitIndexes = first.cells.flatMap((cell, i) => (isHeaderText(cell) ? [i] : []));
  const band = [first];
  for (const row of sheet.rows.slice(top + 1, top + MAX_HEADER_ROWS)) {
    const previous = band[band.length - 1];
    if (!previous || row.line !== previous.line + 1 || !isSubHeader(row, unitIndexes)) break;
    band.push(row);
  }
  return readBand(band, sheet, resolveIndicator);
}

/**
 * A row under the header with no unit, some text right of the unit column, and no plain numbers but years: a
 * further header row. Text only at the left ("I. CÁC TỈNH MIỀN BẮC") is a section heading of the table.
 */
function isSubHeader(row: SheetRow, unitIndexes: number[]): boolean {
  if (unitIndexes.some((i) => row.cells[i] !== undefined)) return false;
  if (!row.cells.some((cell, i) => cell !== undefined && i > Math.max(...unitIndexes))) return false;
  const cells = row.cells.filter((cell): cell is SheetCell => cell !== undefined);
  const text = cells.filter((cell) => typeof cell === 'string');
  if (text.length === 0 || text.every((label) => /^\(?([A-Za-z]|\d{1,2})\)?$/.test(label))) return false;
  return cells.every((cell) => typeof cell === 'string' || (Number.isInteger(cell) && cell >= 1900 && cell <= 2100));
}

interface BandCell { line: number; text: string; mark?: CellMark }

function readBand(band: SheetRow[], sheet: Sheet, resolveIndicator: ResolveIndicator): HeaderBand {
  const first = band[0] as SheetRow;
  const last = band[band.length - 1] as SheetRow;
  const header: HeaderBand = {
    line: first.line, lastLine: last.line, units: [], values: [], named: new Set(), problems: [],
    ...(first.fields !== undefined && { fields: first.fields }),
  };
  const unitRanks = new Map<Column, number>();
  const roleRanks = new Map<Role, number>();
  for (const [index, cells] of bandColumns(band, sheet).entries()) {
    if (cells.length === 0) continue;
    header.named.add(index);
    const own = cells[cells.length - 1] as BandCell;
    const column: Column = { index, header: cells.map((c) => c.text).join(' / ') };
    const keys = headerKeys(own.text);
    const unitRank = rankIn(UNIT_HEADER_NAMES, keys);
    if (unitRank !== undefined) {
      unitRanks.set({ index, header: own.text }, unitRank);
      header.unitLevel ??= UNIT_HEADERS[unitRank]?.[1];
      continue;
    }
    const role = ROLES.find((r) => rankIn(ROLE_HEADERS[r], keys) !== undefined);
    if (role) {
      const rank = rankIn(ROLE_HEADERS[role], keys) ?? 0;
      if (role !== 'ignored' && rank < (roleRanks.get(role) ?? Infinity)) {
        roleRanks.set(role, rank);
        header[role] = { index, header: own.text };
      }
      continue;
    }
    readValueColumn(column, cells, resolveIndicator, header);
  }
  header.units = [...unitRanks.entries()].sort((a, b) => a[1] - b[1]).map(([column]) => column);
  return header;
}

/**
 * Each column's header texts, top to bottom: a merged cell's text stands in every cell it covers, and where a
 * sheet has no merges (a CSV) a group title stands over the sub-columns to its right until the next title.
 */
function bandColumns(band: SheetRow[], sheet: Sheet): BandCell[][] {
  const [top, bottom] = [band[0]?.line ?? 0, band[band.length - 1]?.line ?? 0];
  const merges = [...sheet.merges.values()].filter((m) => m.top <= bottom && m.bottom >= top);
  const width = Math.max(...band.map((row) => row.cells.length), ...merges.map((m) => m.right + 1));
  const grid = band.map((row) => Array.from({ length: width }, (_, i) => bandCell(row, i, band, merges)));
  if (sheet.merges.size === 0) spreadGroupTitles(grid);
  return Array.from({ length: width }, (_, i) => {
    const cells = grid.flatMap((row) => row[i] ?? []);
    return cells.filter((cell, k) => k === 0 || cell.text !== cells[k - 1]?.text);
  });
}

function bandCell(row: SheetRow, index: number, band: SheetRow[], merges: MergedRange[]): BandCell | undefined {
  const range = merges.find((m) => m.top <= row.line && row.line <= m.bottom && m.left <= index && index <= m.right);
  const master = range ? band.find((r) => r.line === range.top) : row;
  const at = range ? range.left : index;
  const text = cellText(master?.cells[at])?.replace(/\s+/g, ' ').trim();
  if (!master || !text) return undefined;
  const mark = master.marks?.get(at);
  return { line: master.line, text, ...(mark && { mark }) };
}

function spreadGroupTitles(grid: (BandCell | undefined)[][]): void {
  for (const [r, row] of grid.entries()) {
    const below = grid.slice(r + 1);
    if (below.length === 0) continue;
    const hasSub = (i: number) => below.some((lower) => lower[i] !== undefined);
    for (let i = 1; i < row.length; i++) {
      const left = row[i - 1];
      if (row[i] === undefined && left && hasSub(i) && hasSub(i - 1)) row[i] = left;
    }
  }
}

/** Reads the indicator and period a column's header texts name, or records why it cannot. */
function readValueColumn(column: Column, cells: BandCell[], resolveIndicator: ResolveIndicator, header: HeaderBand): void {
  const own = cells[cells.length - 1] as BandCell;
  const problem = (why: SheetReason): void => {
    header.problems.push({ line: own.line, column, value: own.text, why });
  };
  const periods = cells.flatMap((cell) => {
    const period = normalizePeriodInput(cell.text);
    return period ? [{ ...cell, period }] : [];
  });
  if (new Set(periods.map((p) => p.period)).size > 1) return problem(sheetReason('sheetTwoPeriods', { header: column.header }));
  const periodCell = periods[0];
  const names = cells.filter((cell) => !normalizePeriodInput(cell.text)).map((cell) => cell.text);
  const ownIsPeriod = periodCell?.text === own.text;
  const match = names.length > 0 ? matchIndicator(names, resolveIndicator) : undefined;
  if (match && 'ambiguous' in match) {
    return problem(sheetReason('sheetAmbiguousIndicator', { text: column.header, codes: match.ambiguous.join(', ') }));
  }
  if (!match && !ownIsPeriod) return problem(sheetReason('sheetUnknownColumn', { header: column.header }));
  header.values.push({
    ...column,
    ...(match && { indicator: match }),
    ...(periodCell && { period: periodCell.period }),
    ...(periodCell?.mark === 'date' && { periodIsDate: true }),
  });
}

/**
 * The indicator a column's texts name, trying the group titles with the column's own header first ("Thủ tục" +
 * "hành chính thuộc thẩm quyền"), then its own header alone; "Tổng số" under a title stands for the title, and so
 * does the title's own measure written under it ("Dân số" over "người").
 */
function matchIndicator(names: string[], resolveIndicator: ResolveIndicator): IndicatorMatch {
  const own = names[names.length - 1] ?? '';
  const texts = names.length > 1 && GROUP_ITSELF.has(foldVietnamese(own)) ? names.slice(0, -1) : names;
  for (let from = 0; from < texts.length; from++) {
    const match = resolveIndicator(texts.slice(from).join(' '));
    if (match) return match;
  }
  const above = names.length > 1 ? resolveIndicator(names.slice(0, -1).join(' ')) : undefined;
  return above && 'code' in above && isMeasureOf(own, above) ? above : undefined;
}

function isMeasureOf(text: string, indicator: IndicatorRef): boolean {
  const measure = indicator.measure;
  if (measure === undefined) return false;
  const folded = foldVietnamese(text);
  return text.trim() === measure.trim() || (folded !== '' && folded === foldVietnamese(measure));
}
