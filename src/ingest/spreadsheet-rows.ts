import { foldVietnamese } from '../shared/text.ts';
import { cellText, type HeaderBand } from './spreadsheet-header.ts';
import type { SheetRow } from './spreadsheet-read.ts';

const TOTAL_LABELS = new Set(['tong cong', 'cong', 'tong so', 'total', 'grand total']);
/** A column label in the numbering row: "A", "B", "1", "(1)". */
const COLUMN_LABEL = /^\(?([A-Za-z]|\d{1,2})\)?$/;

/**
 * Rows that carry no values of their own: the "Tổng cộng"/"Cộng" total, and the column-numbering row
 * ("A | B | 1 | 2 | 3", "(1) | (2) | (3)" or "1 | 2 | 3") that official report forms put right under the header.
 */
export function skippedRow(row: SheetRow, header: HeaderBand, firstAfterHeader: boolean): boolean {
  return isTotalRow(row, header) || (firstAfterHeader && isColumnNumbering(row, header));
}

function isTotalRow(row: SheetRow, header: HeaderBand): boolean {
  const labels = [row.cells.find((cell) => cell !== undefined), ...header.units.map((c) => row.cells[c.index])];
  return labels.some((cell) => {
    const text = cellText(cell);
    return text !== undefined && TOTAL_LABELS.has(foldVietnamese(text));
  });
}

function isColumnNumbering(row: SheetRow, header: HeaderBand): boolean {
  const labels = row.cells.flatMap((cell) => (cell === undefined ? [] : [String(cell)]));
  if (labels.length < 2 || !labels.every((label) => COLUMN_LABEL.test(label))) return false;
  const numbers = labels.map((label) => /\d+/.exec(label)?.[0]).flatMap((n) => (n === undefined ? [] : [Number(n)]));
  if (!numbers.every((n, i) => i === 0 || n === (numbers[i - 1] ?? 0) + 1)) return false;
  const unitLabels = header.units.flatMap((c) => {
    const text = cellText(row.cells[c.index]);
    return text === undefined ? [] : [text];
  });
  // A real first row may be unit "01" with small values; a numbering row labels the unit column "B" or "(2)",
  // or numbers each column by its place ("1 | 2 | 3" from column A).
  if (unitLabels.every((label) => /^\(\d+\)$|^[A-Za-z]$/.test(label))) return true;
  return row.cells.every((cell, index) => cell === undefined || String(cell) === String(index + 1));
}
