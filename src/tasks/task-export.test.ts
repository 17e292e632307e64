import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportTasksXlsx, type TaskExportRow } from './task-export.ts';

const row = (overrides: Partial<TaskExportRow>): TaskExportRow => ({
  id: 1,
  directive: 'Thông báo 4/TB-VPCP',
  title: 'Đề án chuyển đổi số doanh nghiệp nhỏ và vừa',
  leadUnit: 'Bộ Khoa học và Công nghệ',
  coordinators: 'Bộ Công an, Bộ Xây dựng',
  responsible: { name: 'Nguyễn Văn A', position: 'Thứ trưởng', contact: 'a@most.gov.vn' },
  deadline: '2026-01-31',
  deadlineText: 'tháng 01/2026',
  deliverable: 'Đề án trình Thủ tướng',
  approver: 'Thủ tướng Chính phủ',
  progress: 40,
  status: 'dang_thuc_hien',
  dueSoon: false,
  completedOn: null,
  ...overrides,
});

async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  const sheet = workbook.getWorksheet('Nhiệm vụ');
  if (!sheet) throw new Error('no "Nhiệm vụ" sheet');
  return sheet;
}

const ddmmyyyy = (value: ExcelJS.CellValue) =>
  value instanceof Date ? `${String(value.getUTCDate()).padStart(2, '0')}/${String(value.getUTCMonth() + 1).padStart(2, '0')}/${value.getUTCFullYear()}` : value;

describe('exportTasksXlsx', () => {
  it('writes a titled, timestamped sheet with Vietnamese headers, status labels and dd/mm/yyyy dates', async () => {
    const buffer = await exportTasksXlsx([
      row({}),
      row({ id: 2, title: 'Khung kinh tế dữ liệu', status: 'chua_thuc_hien', dueSoon: true, deadlineText: '31/01/2026', progress: 0 }),
      row({ id: 3, title: 'Đô thị thông minh', status: 'hoan_thanh_qua_han', deadline: '2025-09-30', completedOn: '2025-10-03', progress: 100 }),
    ], { title: 'Nhiệm vụ chuyển đổi số', generatedAt: new Date('2025-10-05T07:30:00Z') });

    const sheet = await readBack(buffer);

    expect(sheet.getCell('A1').value).toBe('Nhiệm vụ chuyển đổi số');
    expect(sheet.getCell('A2').value).toBe('Xuất lúc 05/10/2025 14:30');
    expect(sheet.getRow(3).values).toEqual([
      undefined, 'STT', 'Văn bản', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Người chịu trách nhiệm', 'Chức vụ', 'Liên hệ',
      'Thời hạn (dd/mm/yyyy)', 'Sản phẩm', 'Thẩm quyền', 'Tiến độ (%)', 'Trạng thái', 'Ngày hoàn thành',
    ]);
    expect(sheet.getCell('A3').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBeDefined();
    expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);

    expect([4, 5, 6].map((r) => sheet.getCell(r, 13).value)).toEqual([
      'Đang thực hiện', 'Chưa thực hiện – sắp đến hạn', 'Hoàn thành quá hạn',
    ]);
    expect([4, 5, 6].map((r) => sheet.getCell(r, 1).value)).toEqual([1, 2, 3]);
    expect(sheet.getCell('I4').numFmt).toBe('dd/mm/yyyy');
    expect([4, 5, 6].map((r) => ddmmyyyy(sheet.getCell(r, 9).value))).toEqual(['31/01/2026', '31/01/2026', '30/09/2025']);
    expect([4, 5, 6].map((r) => ddmmyyyy(sheet.getCell(r, 14).value))).toEqual([null, null, '03/10/2025']);
    expect(sheet.getCell('I4').note).toBe('Theo văn bản: tháng 01/2026');
    expect(sheet.getCell('I5').note).toBeUndefined();
    expect(sheet.getCell('L4').value).toBe(40);
  });

  it('stores a formula-looking text as text with a leading apostrophe, never as a formula', async () => {
    const attack = "=cmd|' /C calc'!A0";
    const buffer = await exportTasksXlsx(
      [row({ title: attack, responsible: { name: '@SUM(1+1)', position: 'x', contact: 'y' }, deliverable: '+84 912 345 678', approver: '-1' })],
      { title: attack, generatedAt: new Date('2025-10-05T07:30:00Z') },
    );

    const sheet = await readBack(buffer);

    for (const address of ['A1', 'C4', 'F4', 'J4', 'K4']) {
      const cell = sheet.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(String(cell.value).startsWith("'")).toBe(true);
    }
    expect(sheet.getCell('C4').value).toBe(`'${attack}`);
    expect(sheet.getCell('C4').formula).toBeUndefined();
  });
});
