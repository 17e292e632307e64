import type ExcelJS from 'exceljs';
import { neutraliseFormula } from '../shared/spreadsheet-text.ts';
import { TASK_STATUS_LABELS, type TaskStatus } from './task-status.ts';
import { newWorkbook } from '../shared/workbook.ts';

/** One task as the export shows it: names, not codes, and its computed status. */
export interface TaskExportRow {
  id: number;
  directive: string;
  title: string;
  /** Lead unit's name. */
  leadUnit: string;
  /** Coordinating units' names, already joined. */
  coordinators: string;
  responsible: { name: string; position: string; contact: string };
  /** YYYY-MM-DD, the last day the deadline allows. */
  deadline: string;
  /** The deadline as the directive wrote it ("Quý 1/2026"). */
  deadlineText: string;
  deliverable: string;
  approver: string;
  progress: number;
  status: TaskStatus;
  dueSoon: boolean;
  /** YYYY-MM-DD */
  completedOn: string | null;
}

export interface TaskExportOptions { title: string; generatedAt: Date }

type CellValue = string | number | Date | null;
interface ExportColumn {
  header: string;
  width: number;
  wrap?: boolean;
  date?: boolean;
  value: (row: TaskExportRow, index: number) => CellValue;
  note?: (row: TaskExportRow) => string | undefined;
}

const COLUMNS: ExportColumn[] = [
  { header: 'STT', width: 6, value: (_, index) => index + 1 },
  { header: 'Văn bản', width: 22, wrap: true, value: (row) => row.directive },
  { header: 'Nhiệm vụ', width: 50, wrap: true, value: (row) => row.title },
  { header: 'Đơn vị chủ trì', width: 26, wrap: true, value: (row) => row.leadUnit },
  { header: 'Đơn vị phối hợp', width: 30, wrap: true, value: (row) => row.coordinators },
  { header: 'Người chịu trách nhiệm', width: 24, wrap: true, value: (row) => row.responsible.name },
  { header: 'Chức vụ', width: 18, wrap: true, value: (row) => row.responsible.position },
  { header: 'Liên hệ', width: 22, wrap: true, value: (row) => row.responsible.contact },
  { header: 'Thời hạn (dd/mm/yyyy)', width: 14, date: true, value: (row) => excelDate(row.deadline), note: deadlineNote },
  { header: 'Sản phẩm', width: 36, wrap: true, value: (row) => row.deliverable },
  { header: 'Thẩm quyền', width: 24, wrap: true, value: (row) => row.approver },
  { header: 'Tiến độ (%)', width: 11, value: (row) => row.progress },
  { header: 'Trạng thái', width: 30, wrap: true, value: statusLabel },
  { header: 'Ngày hoàn thành', width: 15, date: true, value: (row) => (row.completedOn ? excelDate(row.completedOn) : null) },
];
const TITLE_ROW = 1;
const TIME_ROW = 2;
const HEADER_ROW = 3;

/** The task list as an XLSX workbook for those who still work in Excel ("không giấy tờ", but Excel stays). */
export async function exportTasksXlsx(rows: TaskExportRow[], options: TaskExportOptions): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Nhịp Số';
  workbook.created = options.generatedAt;
  const sheet = workbook.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  writeTitle(sheet, options);
  writeHeader(sheet);
  rows.forEach((row, index) => writeTask(sheet, HEADER_ROW + 1 + index, row, index));
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeTitle(sheet: ExcelJS.Worksheet, { title, generatedAt }: TaskExportOptions): void {
  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.value = neutraliseFormula(title);
  titleCell.font = { bold: true, size: 14 };
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMNS.length);
  const timeCell = sheet.getCell(TIME_ROW, 1);
  timeCell.value = `Xuất lúc ${vietnamTime(generatedAt)}`;
  timeCell.font = { italic: true };
  sheet.mergeCells(TIME_ROW, 1, TIME_ROW, COLUMNS.length);
}

function writeHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(HEADER_ROW);
  COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

function writeTask(sheet: ExcelJS.Worksheet, line: number, task: TaskExportRow, index: number): void {
  const row = sheet.getRow(line);
  COLUMNS.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    const value = column.value(task, index);
    cell.value = typeof value === 'string' ? neutraliseFormula(value) : value;
    cell.alignment = { vertical: 'top', wrapText: column.wrap ?? false };
    if (column.date) cell.numFmt = 'dd/mm/yyyy';
    const note = column.note?.(task);
    if (note) cell.note = note;
  });
}

function statusLabel(row: TaskExportRow): string {
  const label = TASK_STATUS_LABELS[row.status].vi;
  return row.dueSoon ? `${label} – sắp đến hạn` : label;
}

/** "Quý 1/2026" is exported as 31/03/2026; the wording of the directive stays visible as a note. */
function deadlineNote(row: TaskExportRow): string | undefined {
  const [year, month, day] = row.deadline.split('-');
  const text = row.deadlineText.trim();
  return text && text !== `${day}/${month}/${year}` ? `Theo văn bản: ${text}` : undefined;
}

/** A real date cell (sortable and filterable in Excel) at UTC midnight, as Excel stores dates. */
function excelDate(isoDate: string): Date | string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : date;
}

/** dd/mm/yyyy HH:mm in Vietnam time (UTC+7). */
function vietnamTime(instant: Date): string {
  const t = new Date(instant.getTime() + 7 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
