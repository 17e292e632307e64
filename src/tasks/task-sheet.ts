import { cellText, HEADER_SCAN_ROWS, withoutParentheses, type Column } from '../ingest/spreadsheet-header.ts';
import { columnLetter, readSheet, type SheetRow } from '../ingest/spreadsheet-read.ts';
import { sheetReason } from '../ingest/sheet-messages.ts';
import { isSignatureRow, pickTable } from '../ingest/spreadsheet-table.ts';
import { ProblemList, type Problem } from '../shared/errors.ts';
import { reason } from '../shared/messages.ts';
import { foldVietnamese } from '../shared/text.ts';
import { parseDeadline } from './deadline.ts';
import type { TaskInput } from './task-input.ts';

/** A unit code from a unit cell's text (code such as "BKHCN" or name such as "Bộ Khoa học và Công nghệ"). */
export type ResolveUnit = (text: string) => string | undefined;

/** The tasks as found and every problem the sheet itself shows; "6 rõ" completeness is left to the validator. */
export interface ParsedTaskSheet { tasks: TaskInput[]; problems: Problem[] }

type Field =
  | 'number' | 'title' | 'description' | 'leadUnit' | 'coordinators'
  | 'responsibleName' | 'responsiblePosition' | 'responsibleContact'
  | 'deadline' | 'deliverable' | 'approver';

/** Folded header texts, most specific first within each field. */
const FIELD_HEADERS: Record<Field, string[]> = {
  number: ['stt', 'so tt', 'tt'],
  title: ['nhiem vu', 'noi dung nhiem vu', 'ten nhiem vu', 'noi dung cong viec', 'ten cong viec', 'noi dung'],
  description: ['mo ta', 'ghi chu'],
  leadUnit: ['don vi chu tri', 'chu tri', 'co quan chu tri', 'co quan don vi chu tri', 'don vi chu tri thuc hien'],
  coordinators: ['don vi phoi hop', 'phoi hop', 'co quan phoi hop', 'co quan don vi phoi hop', 'don vi phoi hop thuc hien'],
  responsibleName: ['nguoi chiu trach nhiem', 'nguoi phu trach', 'can bo dau moi', 'ho va ten', 'ho ten'],
  responsiblePosition: ['chuc vu'],
  responsibleContact: ['lien he', 'thong tin lien he', 'dien thoai', 'so dien thoai', 'email'],
  deadline: ['thoi han', 'thoi han hoan thanh', 'thoi gian hoan thanh', 'han hoan thanh', 'deadline'],
  deliverable: ['san pham', 'san pham dau ra', 'ket qua san pham'],
  approver: ['cap co tham quyen', 'tham quyen', 'cap phe duyet', 'nguoi phe duyet', 'co quan tham dinh', 'cap co tham quyen phe duyet'],
};
const FIELDS = Object.keys(FIELD_HEADERS) as Field[];
/** Fields whose columns are joined ("Điện thoại" and "Email" are both contact); the others take their best column. */
const JOINED_FIELDS: ReadonlySet<Field> = new Set(['description', 'responsibleContact']);

/** The columns "6 rõ" needs; a sheet without one is rejected once, not once per row. */
const REQUIRED: { field: Field; column: string; rule: string; ruleEn: string }[] = [
  { field: 'title', column: 'Nhiệm vụ', rule: 'rõ việc', ruleEn: 'clear task' },
  { field: 'leadUnit', column: 'Đơn vị chủ trì', rule: 'rõ trách nhiệm', ruleEn: 'clear responsibility' },
  { field: 'responsibleName', column: 'Người chịu trách nhiệm', rule: 'rõ người', ruleEn: 'clear person' },
  { field: 'deadline', column: 'Thời hạn', rule: 'rõ thời gian', ruleEn: 'clear deadline' },
  { field: 'deliverable', column: 'Sản phẩm', rule: 'rõ sản phẩm', ruleEn: 'clear deliverable' },
  { field: 'approver', column: 'Cấp có thẩm quyền', rule: 'rõ thẩm quyền', ruleEn: 'clear approver' },
];

interface FieldColumn extends Column { field: Field; rank: number }
interface TaskHeader {
  line: number;
  /** The last header line: a second row may split a merged header ("Đơn vị thực hiện" → "Chủ trì" | "Phối hợp"). */
  lastLine: number;
  columns: Map<Field, FieldColumn[]>;
}
interface RowScope {
  header: TaskHeader;
  resolveUnit: ResolveUnit;
  problems: ProblemList;
  /** Where a cell is, as the person who opens the file sees it: sheet, row, column letter and header. */
  at: (row: SheetRow, column: Column) => Pick<Problem, 'sheet' | 'line' | 'column' | 'field'>;
}

/**
 * Reads a directive's task list kept as one row per task under Vietnamese headers (XLSX or CSV), checking the
 * whole file. Never throws: an unreadable file is a problem like any other.
 */
export async function parseTaskSheet(data: Buffer, fileName: string, resolveUnit: ResolveUnit): Promise<ParsedTaskSheet> {
  try {
    return await readTaskSheet(data, fileName, resolveUnit);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { tasks: [], problems: [{ ...reason('fileUnreadable', { reason: why }), value: fileName }] };
  }
}

async function readTaskSheet(data: Buffer, fileName: string, resolveUnit: ResolveUnit): Promise<ParsedTaskSheet> {
  const read = await readSheet(data, fileName, (cell) => matchField(cell) !== undefined);
  if (!read.ok) return { tasks: [], problems: [read.problem] };
  const picked = pickTable(read.sheets, (sheet) => findHeader(sheet.rows), () => true);
  if (!picked) return { tasks: [], problems: [{ ...reason('taskSheetNoHeader'), value: fileName }] };
  if ('problem' in picked) return { tasks: [], problems: [picked.problem] };
  const { sheet, table: header } = picked;
  const missing = missingColumns(header);
  if (missing.length > 0) return { tasks: [], problems: missing };
  const at = (row: SheetRow, column: Column) => ({
    ...(sheet.name !== undefined && { sheet: sheet.name }), line: row.line, column: columnLetter(column.index), field: column.header,
  });
  const scope: RowScope = { header, resolveUnit, problems: new ProblemList(), at };
  const tasks = taskRows(sheet.rows, header).map((row) => readTask(row, scope));
  if (tasks.length === 0 && scope.problems.isEmpty) scope.problems.add({ ...reason('taskSheetEmpty'), value: fileName });
  return { tasks, problems: scope.problems.items };
}

/**
 * The rows under the header that hold tasks, up to the signature block ("NGƯỜI LẬP BIỂU", the date line, names);
 * under it a row numbered like a task is still read, so a task there is never dropped.
 */
function taskRows(rows: SheetRow[], header: TaskHeader): SheetRow[] {
  const number = header.columns.get('number')?.[0];
  let ended = false;
  return rows.filter((row) => row.line > header.lastLine).filter((row) => {
    const numbered = number !== undefined && typeof row.cells[number.index] === 'number';
    if (!numbered && isSignatureRow(row)) ended = true;
    return (!ended || numbered) && !isSkipped(row, header);
  });
}

function matchField(header: string): { field: Field; rank: number } | undefined {
  const keys = [foldVietnamese(header), foldVietnamese(withoutParentheses(header))];
  for (const field of FIELDS) {
    const ranks = keys.map((key) => FIELD_HEADERS[field].indexOf(key)).filter((rank) => rank >= 0);
    if (ranks.length > 0) return { field, rank: Math.min(...ranks) };
  }
  return undefined;
}

function headerCells(row: SheetRow): FieldColumn[] {
  return row.cells.flatMap((cell, index) => {
    const header = cellText(cell)?.replace(/\s+/g, ' ').trim();
    const match = header ? matchField(header) : undefined;
    return header && match ? [{ index, header, ...match }] : [];
  });
}

/** The header is the first row near the top naming at least two task columns; title rows above it are passed over. */
function findHeader(rows: SheetRow[]): TaskHeader | undefined {
  for (const [i, row] of rows.slice(0, HEADER_SCAN_ROWS).entries()) {
    const cells = headerCells(row);
    if (cells.filter((c) => c.field !== 'number').length < 2) continue;
    const next = rows[i + 1];
    const sub = next ? subHeaderCells(next) : undefined;
    return { line: row.line, lastLine: sub && next ? next.line : row.line, columns: groupColumns([...cells, ...(sub ?? [])]) };
  }
  return undefined;
}

/** A row under the header whose every cell is itself a header ("Chủ trì" | "Phối hợp" under a merged cell). */
function subHeaderCells(row: SheetRow): FieldColumn[] | undefined {
  const cells = headerCells(row);
  const filled = row.cells.filter((cell) => cell !== undefined).length;
  return cells.length > 0 && cells.length === filled ? cells : undefined;
}

/** Sub-header cells come last and win over the merged cell above them. */
function groupColumns(cells: FieldColumn[]): Map<Field, FieldColumn[]> {
  const byIndex = new Map(cells.map((cell) => [cell.index, cell]));
  const columns = new Map<Field, FieldColumn[]>();
  for (const cell of [...byIndex.values()].sort((a, b) => a.rank - b.rank || a.index - b.index)) {
    columns.set(cell.field, [...(columns.get(cell.field) ?? []), cell]);
  }
  return columns;
}

function missingColumns(header: TaskHeader): Problem[] {
  return REQUIRED.filter(({ field }) => !header.columns.has(field)).map(({ column, rule, ruleEn }) => ({
    line: header.line, field: column, ...reason('taskSheetMissingColumn', { column, rule, ruleEn, line: header.line }),
  }));
}

function isSkipped(row: SheetRow, header: TaskHeader): boolean {
  const taskColumns = [...header.columns].flatMap(([field, columns]) => (field === 'number' ? [] : columns));
  if (!taskColumns.some((column) => row.cells[column.index] !== undefined)) return true;
  return isColumnNumbering(row) || isSectionHeading(row, header);
}

/** "(1) | (2) | (3)" or "A | B | 1 | 2": the column-numbering row official forms put under the header. */
function isColumnNumbering(row: SheetRow): boolean {
  const labels = row.cells.flatMap((cell) => (cell === undefined ? [] : [String(cell)]));
  return labels.length >= 3 && labels.every((label) => /^\(?([A-Za-z]|\d{1,2})\)?$/.test(label));
}

/**
 * "I. NHIỆM VỤ VỀ THỂ CHẾ": only the first one or two cells filled. A row numbered like a task ("1", "2.3") is
 * kept even so, because dropping a real but incomplete task would hide it from the "6 rõ" check.
 */
function isSectionHeading(row: SheetRow, header: TaskHeader): boolean {
  const all = [...header.columns.values()].flat();
  const title = header.columns.get('title')?.[0]?.index ?? 0;
  const edge = Math.min(Math.min(...all.map((c) => c.index)) + 1, title);
  if (row.cells.some((cell, index) => cell !== undefined && index > edge)) return false;
  const number = header.columns.get('number')?.[0];
  const numbered = number ? cellText(row.cells[number.index]) : undefined;
  return numbered === undefined || !/^\d+(\.\d+)*\.?$/.test(numbered);
}

function readTask(row: SheetRow, scope: RowScope): TaskInput {
  refuseUncalculated(row, scope);
  const text = (field: Field) => fieldText(row, scope.header, field);
  const name = text('responsibleName');
  const position = text('responsiblePosition');
  const contact = text('responsibleContact');
  const lead = scope.header.columns.get('leadUnit')?.[0];
  const coordinators = scope.header.columns.get('coordinators')?.[0];
  const deadline = scope.header.columns.get('deadline')?.[0];
  return {
    line: row.line,
    title: text('title'),
    description: text('description'),
    leadUnit: lead && readLeadUnit(row, lead, scope),
    coordinators: coordinators && readCoordinators(row, coordinators, scope),
    responsible: [name, position, contact].some((value) => value !== undefined) ? { name, position, contact } : undefined,
    deadline: deadline && readDeadline(row, deadline, scope),
    deliverable: text('deliverable'),
    approver: text('approver'),
  };
}

/** A formula without a calculated result would read as an empty cell: named instead, whatever column it is in. */
function refuseUncalculated(row: SheetRow, { header, problems, at }: RowScope): void {
  const columns = [...header.columns.values()].flat();
  for (const [index, mark] of row.marks ?? []) {
    if (mark !== 'uncalculated') continue;
    const column = columns.find((c) => c.index === index) ?? { index, header: '' };
    problems.add({ ...at(row, column), ...sheetReason('sheetFormulaNoResult', { cell: `${columnLetter(index)}${row.line}` }) });
  }
}

function fieldText(row: SheetRow, header: TaskHeader, field: Field): string | undefined {
  const columns = header.columns.get(field) ?? [];
  const texts = columns.slice(0, JOINED_FIELDS.has(field) ? undefined : 1).flatMap((column) => cellText(row.cells[column.index]) ?? []);
  return texts.length > 0 ? texts.join('; ') : undefined;
}

function readLeadUnit(row: SheetRow, column: Column, { resolveUnit, problems, at }: RowScope): string | undefined {
  const text = cellText(row.cells[column.index]);
  if (text === undefined) return undefined;
  const parts = splitUnits(text, resolveUnit);
  const where = { ...at(row, column), value: text };
  if (parts.length > 1) {
    const units = parts.map((part) => part.text).join('; ');
    problems.add({ ...where, ...reason('taskSheetOneLeadUnit', { count: parts.length, units }) });
    return undefined;
  }
  const code = parts[0]?.code;
  if (!code) problems.add({ ...where, ...reason('sheetUnknownUnit', { text }) });
  return code;
}

function readCoordinators(row: SheetRow, column: Column, { resolveUnit, problems, at }: RowScope): string[] | undefined {
  const text = cellText(row.cells[column.index]);
  if (text === undefined) return undefined;
  const codes = new Set<string>();
  for (const part of splitUnits(text, resolveUnit)) {
    if (part.code) codes.add(part.code);
    else problems.add({ ...at(row, column), value: part.text, ...reason('sheetUnknownUnit', { text: part.text }) });
  }
  return [...codes];
}

function readDeadline(row: SheetRow, column: Column, { problems, at }: RowScope): string | undefined {
  const text = cellText(row.cells[column.index]);
  if (text !== undefined && !parseDeadline(text)) {
    problems.add({ ...at(row, column), value: text, ...reason('taskSheetBadDeadline', { value: text }) });
  }
  return text;
}

interface UnitPart { text: string; code?: string }

const UNIT_SEPARATOR = /(\s*[,;\n][\s,;]*|\s+(?:và|với|cùng|&)\s+)/iu;
/** The most separators one unit name holds ("Bộ Văn hóa, Thể thao và Du lịch" has two); bounds the work per cell. */
const MAX_NAME_SEGMENTS = 6;

/**
 * Splits a cell into the units it names. Separators can sit inside a name ("Bộ Khoa học và Công nghệ"), so the
 * longest run of segments that resolves wins; runs that resolve to nothing are kept together as one unknown name.
 */
function splitUnits(text: string, resolve: ResolveUnit): UnitPart[] {
  const tokens = text.normalize('NFC').split(UNIT_SEPARATOR);
  const count = Math.ceil(tokens.length / 2);
  const span = (from: number, to: number) => tokens.slice(2 * from, 2 * to + 1).join('').trim();
  const parts: UnitPart[] = [];
  let unknownFrom: number | undefined;
  const flushUnknown = (to: number) => {
    const unknown = unknownFrom === undefined ? '' : span(unknownFrom, to);
    if (unknown) parts.push({ text: unknown });
    unknownFrom = undefined;
  };
  for (let i = 0; i < count;) {
    const match = longestUnit(i, Math.min(count, i + MAX_NAME_SEGMENTS) - 1, span, resolve);
    if (!match) {
      unknownFrom ??= i;
      i += 1;
      continue;
    }
    flushUnknown(i - 1);
    parts.push(match.part);
    i = match.next;
  }
  flushUnknown(count - 1);
  return parts;
}

function longestUnit(from: number, last: number, span: (from: number, to: number) => string, resolve: ResolveUnit) {
  for (let to = last; to >= from; to--) {
    const text = span(from, to);
    const code = text ? resolve(text) : undefined;
    if (code) return { part: { text, code }, next: to + 1 };
  }
  return undefined;
}
