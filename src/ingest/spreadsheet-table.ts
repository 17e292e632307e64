import type { Problem } from '../shared/errors.ts';
import { foldVietnamese } from '../shared/text.ts';
import type { Sheet, SheetRow } from './spreadsheet-read.ts';
import { sheetReason } from './sheet-messages.ts';

export type PickedTable<T> = { sheet: Sheet; table: T } | { problem: Problem } | undefined;

/**
 * The sheet that holds the table, whatever comes before it (an instructions sheet, a cover): the one sheet where
 * `find` finds a table that `holdsData`; when none does, the first where it finds a header at all, so its problems
 * can be named. Two sheets with a table are refused rather than one of them picked.
 */
export function pickTable<T>(sheets: Sheet[], find: (sheet: Sheet) => T | undefined, holdsData: (table: T) => boolean): PickedTable<T> {
  const found = sheets.flatMap((sheet) => {
    const table = find(sheet);
    return table === undefined ? [] : [{ sheet, table }];
  });
  const withData = found.filter(({ table }) => holdsData(table));
  if (withData.length > 1) {
    return { problem: sheetReasonProblem(withData.map(({ sheet }) => `"${sheet.name ?? ''}"`).join(', ')) };
  }
  return withData[0] ?? found[0];
}

function sheetReasonProblem(sheets: string): Problem {
  return { ...sheetReason('sheetManyTables', { sheets }), value: sheets };
}

/** What the block under a report's table says: signatures, the place and date, "(Ký, ghi rõ họ tên)". */
const SIGNATURE_MARKS = [
  /\bnguoi lap( bieu)?\b/, /\bthu truong( don vi)?\b/, /\bky( ten)?,? ghi ro ho ten\b/, /\bky ten\b.*\bdong dau\b/,
  /\bngay\b.*\bthang\b.*\bnam\b/, /^noi nhan\b/, /^ghi chu\b/, /\bxac nhan cua\b/,
];

/** A row of the signature block: where the table ends. Cells in `notes` (a "Ghi chú" column) are not read. */
export function isSignatureRow(row: SheetRow, notes: ReadonlySet<number> = new Set()): boolean {
  const texts = row.cells.flatMap((cell, i) => (typeof cell === 'string' && !notes.has(i) ? [cell] : []));
  const text = foldVietnamese(texts.join(' '));
  return text !== '' && SIGNATURE_MARKS.some((mark) => mark.test(text));
}
