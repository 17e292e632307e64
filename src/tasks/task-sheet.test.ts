import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../shared/text.ts';
import { parseTaskSheet } from './task-sheet.ts';

const units: Record<string, string> = {
  BKHCN: 'Bộ Khoa học và Công nghệ',
  BCA: 'Bộ Công an',
  BXD: 'Bộ Xây dựng',
  BGDDT: 'Bộ Giáo dục và Đào tạo',
  BVHTTDL: 'Bộ Văn hóa, Thể thao và Du lịch',
};

function resolveUnit(text: string): string | undefined {
  if (text in units) return text;
  return Object.keys(units).find((code) => foldVietnamese(units[code] ?? '') === foldVietnamese(text));
}

async function xlsx(rows: ExcelJS.CellValue[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet('Phụ lục');
  rows.forEach((cells, i) => {
    cells.forEach((value, j) => {
      if (value !== null) worksheet.getCell(i + 1, j + 1).value = value;
    });
  });
  build?.(worksheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADERS = [
  'STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Người chịu trách nhiệm', 'Chức vụ',
  'Điện thoại', 'Thời hạn', 'Sản phẩm', 'Cấp có thẩm quyền', 'Ghi chú',
];
const task = (stt: number, title: string, lead: string, deadline: ExcelJS.CellValue, extra: Partial<Record<'coordinators' | 'note', string>> = {}) => [
  stt, title, lead, extra.coordinators ?? null, 'Nguyễn Văn A', 'Thứ trưởng', '024 3943 7766', deadline,
  'Đề án trình Thủ tướng', 'Thủ tướng Chính phủ', extra.note ?? null,
];

describe('parseTaskSheet', () => {
  it('reads every task of an office sheet, with its row number, under Vietnamese headers', async () => {
    const file = await xlsx([
      ['PHỤ LỤC'],
      ['DANH MỤC NHIỆM VỤ TRIỂN KHAI THÔNG BÁO 4/TB-VPCP'],
      [],
      HEADERS,
      ['I. NHIỆM VỤ VỀ THỂ CHẾ'],
      task(1, 'Xây dựng đề án chuyển đổi số doanh nghiệp nhỏ và vừa', 'Bộ Khoa học và Công nghệ', 'Tháng 01/2026', {
        coordinators: 'BCA; Bộ Xây dựng\nBộ Văn hóa, Thể thao và Du lịch', note: 'Ưu tiên',
      }),
      task(2, 'Báo cáo ngành nghề chịu tác động của AI', 'BGDDT', 'Quý 1/2026'),
    ], (ws) => ws.mergeCells('A5:K5'));

    const { tasks, problems } = await parseTaskSheet(file, 'phu-luc.xlsx', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks).toEqual([
      {
        line: 6,
        title: 'Xây dựng đề án chuyển đổi số doanh nghiệp nhỏ và vừa',
        description: 'Ưu tiên',
        leadUnit: 'BKHCN',
        coordinators: ['BCA', 'BXD', 'BVHTTDL'],
        responsible: { name: 'Nguyễn Văn A', position: 'Thứ trưởng', contact: '024 3943 7766' },
        deadline: 'Tháng 01/2026',
        deliverable: 'Đề án trình Thủ tướng',
        approver: 'Thủ tướng Chính phủ',
      },
      {
        line: 7,
        title: 'Báo cáo ngành nghề chịu tác động của AI',
        leadUnit: 'BGDDT',
        responsible: { name: 'Nguyễn Văn A', position: 'Thứ trưởng', contact: '024 3943 7766' },
        deadline: 'Quý 1/2026',
        deliverable: 'Đề án trình Thủ tướng',
        approver: 'Thủ tướng Chính phủ',
      },
    ]);
  });

  it('matches headers written without diacritics, in other words, or with a note in parentheses', async () => {
    const file = await xlsx([
      ['TT', 'Ten nhiem vu', 'Co quan chu tri', 'Phoi hop', 'Can bo dau moi', 'Dien thoai', 'Email',
        'Thoi gian hoan thanh (dd/mm/yyyy)', 'San pham dau ra', 'Cap phe duyet'],
      [1, 'Khung kinh tế dữ liệu quốc gia', 'bộ công an', 'BKHCN', 'Trần Thị B', '0912 345 678', 'b@bca.gov.vn',
        '31/01/2026', 'Khung và lộ trình', 'Chính phủ'],
    ]);

    const { tasks, problems } = await parseTaskSheet(file, 'khong-dau.xlsx', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks).toEqual([{
      line: 2,
      title: 'Khung kinh tế dữ liệu quốc gia',
      leadUnit: 'BCA',
      coordinators: ['BKHCN'],
      responsible: { name: 'Trần Thị B', contact: '0912 345 678; b@bca.gov.vn' },
      deadline: '31/01/2026',
      deliverable: 'Khung và lộ trình',
      approver: 'Chính phủ',
    }]);
  });

  it('reports a missing required column once, naming the header row and the "rõ" it breaks', async () => {
    const file = await xlsx([
      ['DANH MỤC NHIỆM VỤ'],
      HEADERS.filter((header) => header !== 'Sản phẩm'),
      [1, 'Nhiệm vụ một', 'BKHCN', null, 'Nguyễn Văn A', null, null, '31/01/2026', 'Thủ tướng Chính phủ'],
      [2, 'Nhiệm vụ hai', 'BCA', null, 'Trần Thị B', null, null, '28/02/2026', 'Thủ tướng Chính phủ'],
    ]);

    const { tasks, problems } = await parseTaskSheet(file, 'thieu-cot.xlsx', resolveUnit);

    expect(tasks).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, field: 'Sản phẩm' });
    expect(problems[0]?.reason).toContain('Thiếu cột Sản phẩm (rõ sản phẩm)');
    expect(problems[0]?.reasonEn).toContain('clear deliverable');
  });

  it('names the row, column and text of every unknown unit and unreadable deadline, and keeps the rows', async () => {
    const file = await xlsx([
      HEADERS,
      task(1, 'Nhiệm vụ có đơn vị lạ', 'Bộ Không Tồn Tại', '31/01/2026'),
      task(2, 'Nhiệm vụ có thời hạn lạ', 'BKHCN', 'sớm nhất có thể'),
      task(3, 'Nhiệm vụ có đơn vị phối hợp lạ', 'BXD', 'Quý IV/2025', { coordinators: 'BCA, Sở Không Có' }),
      task(4, 'Nhiệm vụ đúng', 'BCA', '2026'),
    ]);

    const { tasks, problems } = await parseTaskSheet(file, 'loi.xlsx', resolveUnit);

    expect(problems).toEqual([
      expect.objectContaining({ sheet: 'Phụ lục', line: 2, column: 'C', field: 'Đơn vị chủ trì', value: 'Bộ Không Tồn Tại', reason: expect.stringContaining('Bộ Không Tồn Tại') }),
      expect.objectContaining({ sheet: 'Phụ lục', line: 3, column: 'H', field: 'Thời hạn', value: 'sớm nhất có thể', reasonEn: expect.stringContaining('deadline') }),
      expect.objectContaining({ sheet: 'Phụ lục', line: 4, column: 'D', field: 'Đơn vị phối hợp', value: 'Sở Không Có' }),
    ]);
    expect(tasks.map((t) => [t.line, t.leadUnit, t.deadline, t.coordinators])).toEqual([
      [2, undefined, '31/01/2026', undefined],
      [3, 'BKHCN', 'sớm nhất có thể', undefined],
      [4, 'BXD', 'Quý IV/2025', ['BCA']],
      [5, 'BCA', '2026', undefined],
    ]);
  });

  it('rejects a lead-unit cell naming two units, however they are joined', async () => {
    const file = await xlsx([
      HEADERS,
      task(1, 'Đề án đô thị thông minh', 'Bộ Xây dựng và Bộ Khoa học và Công nghệ', '30/09/2025'),
      task(2, 'Sàn giao dịch bất động sản', 'BXD, BCA', '31/12/2025'),
      task(3, 'Văn hóa số', 'Bộ Văn hóa, Thể thao và Du lịch', '31/12/2025'),
    ]);

    const { tasks, problems } = await parseTaskSheet(file, 'hai-chu-tri.xlsx', resolveUnit);

    expect(problems).toEqual([
      expect.objectContaining({ line: 2, field: 'Đơn vị chủ trì', reason: expect.stringContaining('đúng một đơn vị chủ trì') }),
      expect.objectContaining({ line: 3, field: 'Đơn vị chủ trì', reasonEn: expect.stringContaining('exactly one lead unit') }),
    ]);
    expect(problems[0]?.reason).toContain('Bộ Xây dựng; Bộ Khoa học và Công nghệ');
    expect(tasks.map((t) => t.leadUnit)).toEqual([undefined, undefined, 'BVHTTDL']);
  });

  it('skips section headings, but keeps a numbered row that only has a title for the "6 rõ" check', async () => {
    const file = await xlsx([
      HEADERS,
      ['I. NHIỆM VỤ VỀ THỂ CHẾ'],
      task(1, 'Ban hành 16 nghị định, thông tư', 'BKHCN', '31/12/2025'),
      ['II', 'NHIỆM VỤ VỀ HẠ TẦNG VÀ DỮ LIỆU'],
      [null, 'a) Cơ sở dữ liệu chuyên ngành'],
      task(2, 'Hoàn thiện cơ sở dữ liệu học sinh', 'BGDDT', 'Quý IV/2025'),
      [3, 'Cơ sở dữ liệu đất đai'],
    ], (ws) => ws.mergeCells('A2:K2'));

    const { tasks, problems } = await parseTaskSheet(file, 'muc.xlsx', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks.map((t) => [t.line, t.title])).toEqual([
      [3, 'Ban hành 16 nghị định, thông tư'],
      [6, 'Hoàn thiện cơ sở dữ liệu học sinh'],
      [7, 'Cơ sở dữ liệu đất đai'],
    ]);
    expect(tasks[2]).toEqual({ line: 7, title: 'Cơ sở dữ liệu đất đai' });
  });

  it('reads an Excel date cell as the dd/mm/yyyy deadline it shows', async () => {
    const file = await xlsx([
      HEADERS,
      task(1, 'Cấp điện cho 117 thôn', 'BCA', new Date(Date.UTC(2025, 10, 30))),
    ], (ws) => {
      ws.getCell('H2').numFmt = 'dd/mm/yyyy';
    });

    const { tasks, problems } = await parseTaskSheet(file, 'ngay.xlsx', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks[0]?.deadline).toBe('30/11/2025');
  });

  it('reads a two-row header ("Đơn vị thực hiện" over "Chủ trì" | "Phối hợp") and skips the column-numbering row', async () => {
    const file = await xlsx([
      ['STT', 'Nhiệm vụ', 'Đơn vị thực hiện', null, 'Người chịu trách nhiệm', 'Thời hạn', 'Kết quả, sản phẩm', 'Thẩm quyền'],
      [null, null, 'Chủ trì', 'Phối hợp'],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'],
      [1, 'Gia nhập DEPA', 'BXD', 'BCA và Bộ Khoa học và Công nghệ', 'Lê Văn C', '12/2025', 'Hiệp định', 'Quốc hội'],
    ], (ws) => {
      ws.mergeCells('C1:D1');
      for (const column of ['A', 'B', 'E', 'F', 'G', 'H']) ws.mergeCells(`${column}1:${column}2`);
    });

    const { tasks, problems } = await parseTaskSheet(file, 'hai-dong.xlsx', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks).toEqual([{
      line: 4,
      title: 'Gia nhập DEPA',
      leadUnit: 'BXD',
      coordinators: ['BCA', 'BKHCN'],
      responsible: { name: 'Lê Văn C' },
      deadline: '12/2025',
      deliverable: 'Hiệp định',
      approver: 'Quốc hội',
    }]);
  });

  it('reads a comma-separated CSV file', async () => {
    const csv = [
      'STT,Nhiệm vụ,Đơn vị chủ trì,Người phụ trách,Hạn hoàn thành,Sản phẩm,Người phê duyệt',
      '1,"Chương trình kinh tế số, xã hội số 2026–2030",BKHCN,Phạm Thị D,Quý 1/2026,Chương trình,Thủ tướng Chính phủ',
    ].join('\n');

    const { tasks, problems } = await parseTaskSheet(Buffer.from(csv, 'utf-8'), 'nhiem-vu.csv', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks).toEqual([expect.objectContaining({
      line: 2, title: 'Chương trình kinh tế số, xã hội số 2026–2030', leadUnit: 'BKHCN', deadline: 'Quý 1/2026',
    })]);
  });

  it('answers a file without a task header, or not a spreadsheet at all, with a problem instead of throwing', async () => {
    const noHeader = await xlsx([['Tên đơn vị', 'Tỷ lệ phủ sóng 5G'], ['Hà Nội', 59]]);
    const binary = Buffer.from([0x00, 0x01, 0x02, 0x03]);
    const brokenZip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]);

    for (const [file, key] of [[noHeader, 'dòng tiêu đề'], [binary, 'CSV hoặc XLSX'], [brokenZip, 'Không đọc được']] as const) {
      const { tasks, problems } = await parseTaskSheet(file, 'tep.xlsx', resolveUnit);
      expect(tasks).toEqual([]);
      expect(problems).toEqual([expect.objectContaining({ reason: expect.stringContaining(key), value: 'tep.xlsx' })]);
    }
  });

  it('says so when the header is there but no task is', async () => {
    const { tasks, problems } = await parseTaskSheet(await xlsx([HEADERS, ['I. NHIỆM VỤ']]), 'rong.xlsx', resolveUnit);

    expect(tasks).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ reasonEn: 'The task list has no tasks' })]);
  });
});

describe('task lists as offices send them', () => {
  it('reads the sheet that holds the list after an instructions sheet, and stops at the signature block', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn').addRow(['Ghi mỗi nhiệm vụ một dòng; cột "Thời hạn" ghi ngày hoặc tháng']);
    const sheet = book.addWorksheet('Danh mục');
    for (const row of [
      HEADERS,
      task(1, 'Xây dựng kho dữ liệu dùng chung', 'BCA', '12/2026'),
      [],
      [null, null, null, null, null, null, null, 'Hà Nội, ngày 01 tháng 12 năm 2026'],
      [null, 'NGƯỜI LẬP BIỂU', null, null, null, null, null, 'THỦ TRƯỞNG ĐƠN VỊ'],
      [null, '(Ký, ghi rõ họ tên)', null, null, null, null, null, '(Ký tên, đóng dấu)'],
      [null, 'Nguyễn Văn A', null, null, null, null, null, 'Trần Thị B'],
    ]) sheet.addRow(row);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    const { tasks, problems } = await parseTaskSheet(file, 'co-huong-dan.xlsx', resolveUnit);

    expect(problems).toEqual([]);
    expect(tasks.map((t) => [t.line, t.title, t.leadUnit])).toEqual([[2, 'Xây dựng kho dữ liệu dùng chung', 'BCA']]);
  });

  it('refuses a formula cell no tool has calculated, naming the cell', async () => {
    const file = await xlsx([HEADERS, task(1, 'Nhiệm vụ A', 'BCA', { formula: 'DATE(2026,12,31)' })]);

    const { problems } = await parseTaskSheet(file, 'cong-thuc.xlsx', resolveUnit);

    expect(problems).toEqual([expect.objectContaining({ sheet: 'Phụ lục', line: 2, column: 'H', field: 'Thời hạn', reason: expect.stringMatching(/H2: công thức chưa có kết quả tính/) })]);
  });
});

describe('semicolon CSV task lists', () => {
  it('reads a CSV exported by Vietnamese-locale Excel, split by ";"', async () => {
    const csv = '\uFEFFSTT;Nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Người chịu trách nhiệm;Chức vụ;Liên hệ;Thời hạn;Sản phẩm;Thẩm quyền\n'
      + '1;Xây dựng Khung Kinh tế dữ liệu;BCA;BKHCN;Nguyễn Văn B;Cục trưởng;b@bca.gov.vn;tháng 01/2026;Khung Kinh tế dữ liệu quốc gia;Thủ tướng Chính phủ\n';
    const { tasks, problems } = await parseTaskSheet(Buffer.from(csv), 'nhiem-vu.csv', (t) => (['BCA', 'BKHCN'].includes(t) ? t : undefined));
    expect(problems).toEqual([]);
    expect(tasks).toEqual([expect.objectContaining({ leadUnit: 'BCA', coordinators: ['BKHCN'], deadline: 'tháng 01/2026', line: 2 })]);
  });
});
