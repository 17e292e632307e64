import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core.ts';
import { runNhipso } from '../testing/run-cli.ts';

let dir: string;
let db: string;

const nhipso = (...args: string[]) => runNhipso(db, ...args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-cli-'));
  db = join(dir, 'cli.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nhipso CLI', () => {
  it('imports a CSV the way offices write it, then recompute agrees', async () => {
    const csv = join(dir, 'dan-so.csv');
    writeFileSync(csv, '\uFEFFMã đơn vị;Tên đơn vị;Dân số (người)\n01;Hà Nội;8.435.700\n79;TP Hồ Chí Minh;14.002.598\n');
    const imported = await nhipso('import', csv, '--period', 'Năm 2026');
    expect(imported.stderr).not.toMatch(/Lỗi/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Đã nhập 2 giá trị/);
    const recomputed = await nhipso('recompute');
    expect(recomputed.code).toBe(0);
    const core = await openCore({ dbFile: db });
    const vn = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', 'population').where('unit_code', '=', 'VN').where('period', '=', '2026').executeTakeFirst();
    await core.close();
    expect(vn?.value).toBe(8_435_700 + 14_002_598);
  });

  it('refuses a file with a bad row, names the row, and exits non-zero without writing', async () => {
    const csv = join(dir, 'sai.csv');
    writeFileSync(csv, 'Mã đơn vị,Dân số (người)\n01,100\n99,abc\n');
    const result = await nhipso('import', csv, '--period', '2025');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dòng 3/);
    const core = await openCore({ dbFile: db });
    const rows = await core.db.selectFrom('reported_values').select('id').where('period', '=', '2025').execute();
    await core.close();
    expect(rows).toEqual([]);
  });

  it('refuses a file with a value outside its indicator\'s range, naming the row and the range, without writing', async () => {
    const csv = join(dir, 'phu-song.csv');
    writeFileSync(csv, 'Mã đơn vị;Tỷ lệ dân số được phủ sóng 5G\n01;87,5\n79;150\n');
    const result = await nhipso('import', csv, '--period', 'Quý III/2026');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dòng 3, cột B "Tỷ lệ dân số được phủ sóng 5G": Giá trị 150 của chỉ tiêu "coverage_5g_pct" nằm ngoài khoảng cho phép từ 0 đến 100/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const core = await openCore({ dbFile: db });
    const rows = await core.db.selectFrom('reported_values').select('id').where('indicator_code', '=', 'coverage_5g_pct').execute();
    await core.close();
    expect(rows).toEqual([]);
  });

  it('prints every problem of a refused workbook with its sheet, row and column, exits 2, and prints no stack trace', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn').addRow(['Ghi số liệu ở trang "Báo cáo"']);
    const sheet = book.addWorksheet('Báo cáo');
    sheet.addRows([['Tỉnh/thành phố', 'Dân số'], ['Hà Nội', 1], ['Hải Dương', 2], ['Nghệ An', { formula: 'B2*2' }]]);
    const file = join(dir, 'bao-cao.xlsx');
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));

    const result = await nhipso('import', file, '--period', '2024');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/trang "Báo cáo", dòng 3, cột A "Tỉnh\/thành phố": .*Hải Dương.*Thành phố Hải Phòng \(31\)/);
    expect(result.stderr).toMatch(/trang "Báo cáo", dòng 4, cột B "Dân số": Ô B4: công thức chưa có kết quả tính/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says what is wrong when the file does not exist', async () => {
    const result = await nhipso('import', join(dir, 'khong-co.xlsx'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/khong-co\.xlsx/);
  });
});
