import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit-log.ts';
import { systemActor } from '../auth/actor.ts';
import { createToken } from '../auth/tokens.ts';
import { addUser, setUserDisabled } from '../auth/users.ts';
import { openCore } from '../core.ts';
import { runNhipso } from '../testing/run-cli.ts';

let dir: string;
/** A database with five audited writes; each test works on its own copy. */
let seeded: string;
let head: { seq: number; hash: string };

function copyOfLog(name: string, tamper?: string): string {
  const file = join(dir, `${name}.db`);
  copyFileSync(seeded, file);
  if (tamper) {
    const sqlite = new Database(file);
    sqlite.prepare(tamper).run();
    sqlite.close();
  }
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-audit-cli-'));
  seeded = join(dir, 'seeded.db');
  const core = await openCore({ dbFile: seeded });
  const actor = systemActor('cli@test');
  await createToken(core, actor, { name: 'Cổng DVC Hà Nội', units: ['01'], eventTypes: ['dossier.*'] });
  await createToken(core, actor, { name: 'Cổng DVC TP HCM', units: ['79'], eventTypes: ['dossier.*'] });
  await addUser(core, actor, { username: 'nguyenvana', role: 'editor', unit: '79', password: 'mat-khau-rat-dai-123' });
  await setUserDisabled(core, actor, 'nguyenvana', true);
  await createToken(core, actor, { name: 'Hệ thống thanh toán', units: ['01', '79'], eventTypes: ['payment.*'] });
  const verified = await verifyAudit(core.db);
  await core.close();
  if (!verified.head || verified.records !== 5) throw new Error('the seeded log should hold five records');
  head = verified.head;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nhipso audit verify', () => {
  it('passes on an untouched log and agrees with the head written down', async () => {
    const result = await runNhipso(copyOfLog('intact'), 'audit', 'verify', '--expect-head', head.hash);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Nhật ký toàn vẹn: 5 bản ghi, đầu chuỗi seq 5 hash ${head.hash}.\n`);
  });

  it('names a record edited in the database and exits non-zero', async () => {
    const result = await runNhipso(copyOfLog('edited', `UPDATE audit_log SET after = '{"x":1}' WHERE seq = 2`), 'audit', 'verify');
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/seq 2 đã bị sửa/);
  });

  it('catches a record deleted from the middle', async () => {
    const result = await runNhipso(copyOfLog('gap', 'DELETE FROM audit_log WHERE seq = 3'), 'audit', 'verify');
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/seq 3 đã bị xóa/);
  });

  it('catches records cut from the end only against the head written down', async () => {
    const file = copyOfLog('truncated', 'DELETE FROM audit_log WHERE seq = 5');
    const unaided = await runNhipso(file, 'audit', 'verify');
    expect(unaided.code).toBe(0);
    expect(unaided.stdout).toMatch(/4 bản ghi/);
    const result = await runNhipso(file, 'audit', 'verify', '--expect-head', head.hash);
    expect(result.code).toBe(7);
    expect(result.stderr).toContain(head.hash);
    expect(result.stderr).toMatch(/seq 4/);
  });
});

describe('nhipso audit list and export', () => {
  it('lists the newest records first, only those touching a unit when asked', async () => {
    const file = copyOfLog('list');
    const forUnit = await runNhipso(file, 'audit', 'list', '--unit', '79', '--json');
    expect(forUnit.code).toBe(0);
    const records = JSON.parse(forUnit.stdout) as { seq: number; units: string[] }[];
    expect(records.map((r) => r.seq)).toEqual([5, 3, 2]);
    expect(records.every((r) => r.units.includes('79'))).toBe(true);

    const table = await runNhipso(file, 'audit', 'list', '--limit', '2');
    const lines = table.stdout.trim().split('\n');
    expect(lines.slice(0, -1).map((l) => l.split(/\s+/)[0])).toEqual(['STT', '5', '4']);
    expect(lines.at(-1)).toBe('2 bản ghi, mới nhất trước');
  });

  it('exports the records with their hashes to an Excel file, and refuses an unknown unit', async () => {
    const file = copyOfLog('export');
    const out = join(dir, 'nhat-ky.xlsx');
    const exported = await runNhipso(file, 'audit', 'export', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Đã xuất 5 bản ghi/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const cells = workbook.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    expect(cells).toContain(head.hash);

    const unknown = await runNhipso(file, 'audit', 'export', join(dir, 'khong-co.xlsx'), '--unit', 'XX');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"unit".*XX/);
    expect(existsSync(join(dir, 'khong-co.xlsx'))).toBe(false);
  });
});
