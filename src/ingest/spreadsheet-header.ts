import { normalizePeriodInput, type PeriodType } from '../periods/period.ts';
import { foldVietnamese } from '../shared/text.ts';
import type { SheetCell, SheetRow } from './spreadsheet-read.ts';

/** Title rows above the header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO…") are searched this far. */
export const HEADER_SCAN_ROWS = 30;

export interface IndicatorRef { code: string; periodType: PeriodType }
export type ResolveIndicator = (text: string) => IndicatorRef | undefined;

export interface Column { index: number; header: string }
/** A column of numbers: its header names the indicator ("bảng theo chỉ tiêu") or the period ("bảng theo kỳ"). */
export interface ValueColumn extends Column { indicator?: IndicatorRef; period?: string }

export interface HeaderRow {
  line: number;
  /** Unit columns, codes before names: the first filled one in a row names the unit. */
  units: Column[];
  period?: Column;
  indicator?: Column;
  source?: Column;
  evidence?: Column;
  values: ValueColumn[];
}

/** Folded header texts, most specific first within each role. */
const UNIT_HEADERS = [
  'ma don vi', 'ma dv', 'ma', 'ma tinh', 'ma xa', 'unit code', 'unit',
  'don vi', 'ten don vi', 'tinh thanh pho', 'ten tinh', 'xa phuong', 'ten xa', 'bo nganh',
];
type Role = 'ignored' | 'period' | 'indicator' | 'source' | 'evidence';
const ROLES: Role[] = ['ignored', 'period', 'indicator', 'source', 'evidence'];
const ROLE_HEADERS: Record<Role, string[]> = {
  ignored: ['stt', 'so tt', 'tt', 'no'],
  period: ['ky', 'ky bao cao', 'period'],
  indicator: ['chi tieu', 'ma chi tieu', 'ten chi tieu', 'indicator'],
  source: ['nguon', 'nguon du lieu', 'nguon so lieu', 'source'],
  evidence: ['minh chung', 'evidence', 'ghi chu', 'note', 'notes'],
};

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
  return rankIn(UNIT_HEADERS, headerKeys(text)) !== undefined;
}

/** The header is the first row, near the top, with a unit column. */
export function findHeaderRow(rows: SheetRow[]): SheetRow | undefined {
  return rows.slice(0, HEADER_SCAN_ROWS).find((row) => row.cells.some((cell) => {
    const text = cellText(cell);
    return text !== undefined && isUnitHeader(text);
  }));
}

/** Gives every header cell its role; cells that are neither a known role, a period nor an indicator are ignored. */
export function readHeader(row: SheetRow, resolveIndicator: ResolveIndicator): HeaderRow {
  const header: HeaderRow = { line: row.line, units: [], values: [] };
  const unitRanks = new Map<Column, number>();
  const roleRanks = new Map<Role, number>();
  for (const [index, cell] of row.cells.entries()) {
    const text = cellText(cell)?.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const column: Column = { index, header: text };
    const keys = headerKeys(text);
    const unitRank = rankIn(UNIT_HEADERS, keys);
    if (unitRank !== undefined) {
      unitRanks.set(column, unitRank);
      continue;
    }
    const role = ROLES.find((r) => rankIn(ROLE_HEADERS[r], keys) !== undefined);
    if (role) {
      const rank = rankIn(ROLE_HEADERS[role], keys) ?? 0;
      if (role !== 'ignored' && rank < (roleRanks.get(role) ?? Infinity)) {
        roleRanks.set(role, rank);
        header[role] = column;
      }
      continue;
    }
    const value = valueColumn(column, resolveIndicator);
    if (value) header.values.push(value);
  }
  header.units = [...unitRanks.entries()].sort((a, b) => a[1] - b[1]).map(([column]) => column);
  return header;
}

function valueColumn(column: Column, resolveIndicator: ResolveIndicator): ValueColumn | undefined {
  const period = normalizePeriodInput(column.header);
  if (period) return { ...column, period };
  const indicator = resolveIndicatorText(resolveIndicator, column.header);
  return indicator ? { ...column, indicator } : undefined;
}

/** "Tỷ lệ phủ sóng 5G (%)": the measure in parentheses is dropped when the full text is not recognised. */
export function resolveIndicatorText(resolve: ResolveIndicator, text: string): IndicatorRef | undefined {
  const stripped = withoutParentheses(text);
  return resolve(text) ?? (stripped !== text ? resolve(stripped) : undefined);
}
