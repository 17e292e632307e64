import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core.ts';
import { runNhipso } from '../testing/run-cli.ts';

let dir: string;
let db: string;

const nhipso = (...args: string[]) => runNhipso(db, ...args);

const HEADERS = ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Người chịu trách nhiệm', 'Chức vụ', 'Liên hệ', 'Thời hạn', 'Sản phẩm', 'Cấp có thẩm quyền'];
const row = (n: number, title: string, lead: string, deadline: string) =>
  [n, title, lead, 'Nguyễn Văn A', 'Thứ trưởng', 'a@gov.vn', deadline, 'Báo cáo kết quả', 'Thủ tướng Chính phủ'];

async function writeSheet(file: string, rows: (string | number)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Nhiệm vụ');
  rows.forEach((r) => ws.addRow(r));
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-task-cli-'));
  db = join(dir, 'cli.db');
  const added = await nhipso('directives', 'add', '--number', '4/TB-VPCP', '--type', 'Thông báo', '--issued-on', '05/01/2026', '--issuer', 'Văn phòng Chính phủ', '--title', 'Kết luận của Thủ tướng');
  expect(added.stderr).toBe('');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nhipso tasks', () => {
  it('imports a task sheet into a directive, then lists and exports the tasks', async () => {
    const file = join(dir, 'danh-muc.xlsx');
    await writeSheet(file, [
      HEADERS,
      row(1, 'Hoàn thiện cơ sở dữ liệu quốc gia về dân cư và kết nối với các bộ, ngành, địa phương', 'Bộ Công an', '31/12/2030'),
      row(2, 'Số hóa hồ sơ đất đai', 'Thành phố Hà Nội', 'Quý 4/2030'),
    ]);
    const imported = await nhipso('tasks', 'import', file, '--directive', '4/TB-VPCP');
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Đã nhập 2 nhiệm vụ/);

    const [listed, directives] = await Promise.all([nhipso('tasks', 'list', '--directive', '4/TB-VPCP', '--status', 'chua_thuc_hien'), nhipso('directives', 'list')]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Mã\s+Thời hạn\s+Trạng thái\s+Đơn vị chủ trì\s+Nhiệm vụ$/);
    expect(lines[1]).toMatch(/^1\s+31\/12\/2030\s+Chưa thực hiện\s+Bộ Công an\s+Hoàn thiện cơ sở dữ liệu .*…$/);
    expect(lines[2]).toMatch(/^2\s+31\/12\/2030\s+Chưa thực hiện\s+Hà Nội\s+Số hóa hồ sơ đất đai$/);
    expect(lines[3]).toBe('2/2 nhiệm vụ');
    expect(directives.stdout).toMatch(/4\/TB-VPCP\s+05\/01\/2026\s+2 nhiệm vụ/);

    const out = join(dir, 'nhiem-vu.xlsx');
    expect((await nhipso('tasks', 'export', out, '--unit', 'BCA')).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync(out)).buffer);
    const sheet = workbook.getWorksheet('Nhiệm vụ');
    expect([sheet?.getCell('D4').value, sheet?.getCell('D5').value]).toEqual(['Bộ Công an (BCA)', null]);
  });

  it('refuses a sheet with a bad row, naming it, and exits non-zero without writing', async () => {
    const file = join(dir, 'sai.xlsx');
    await writeSheet(file, [HEADERS, row(1, 'Nhiệm vụ tốt', 'BCA', '31/12/2030'), row(2, 'Thời hạn sai', 'BCA', 'sớm nhất có thể')]);
    const result = await nhipso('tasks', 'import', file, '--directive', '4/TB-VPCP');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dòng 3/);
    const core = await openCore({ dbFile: db });
    const titles = await core.db.selectFrom('tasks').select('title').execute();
    await core.close();
    expect(titles.map((t) => t.title)).not.toContain('Nhiệm vụ tốt');
  });

  it('exits non-zero on a file that is not a sheet, or an unknown status', async () => {
    const junk = join(dir, 'rac.xlsx');
    writeFileSync(junk, 'không phải tệp Excel');
    const [notSheet, badStatus] = await Promise.all([
      nhipso('tasks', 'import', junk, '--directive', '4/TB-VPCP'),
      nhipso('tasks', 'list', '--status', 'xong'),
    ]);
    expect(notSheet.code).toBe(2);
    expect(notSheet.stderr).toMatch(/VALIDATION_FAILED/);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/"status"/);
  });
});
