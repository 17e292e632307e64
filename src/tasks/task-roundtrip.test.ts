import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, testActor } from '../testing/test-core.ts';
import { createDirective } from './directives.ts';
import { exportTaskList } from './export-tasks.ts';
import { importTaskSheet } from './import-tasks.ts';
import { createTasks } from './task-commands.ts';
import { listTasks } from './task.query.ts';

let core: Awaited<ReturnType<typeof createTestCore>>;
afterEach(async () => core.dispose());

describe('a task list exported to Excel', () => {
  it('imports back into another directive as the same tasks', async () => {
    core = await createTestCore({ now: new Date('2026-01-10T03:00:00Z') });
    for (const number of ['4/TB-VPCP', '5/TB-VPCP']) {
      await createDirective(core, testActor, { number, type: 'Thông báo', issuedOn: '2026-01-05', issuer: 'Văn phòng Chính phủ', title: 'Kết luận' });
    }
    await createTasks(core, testActor, '4/TB-VPCP', [
      { title: 'Khung Kinh tế dữ liệu quốc gia', leadUnit: 'BCA', coordinators: ['BKHCN', '00004'], responsible: { name: 'Trần B', position: 'Cục trưởng', contact: '=b@bca.gov.vn' }, deadline: 'tháng 01/2026', deliverable: 'Khung và lộ trình', approver: 'Thủ tướng Chính phủ' },
      { title: 'Rà soát hạ tầng số cấp xã', leadUnit: '00004', responsible: { name: 'Lê C', position: 'Chủ tịch UBND phường', contact: '024 0000' }, deadline: 'Quý 1/2026', deliverable: 'Báo cáo rà soát', approver: 'UBND Thành phố Hà Nội' },
    ]);
    const xlsx = await exportTaskList(core, { directive: '4/TB-VPCP' });
    await importTaskSheet(core, testActor, '5/TB-VPCP', xlsx, 'nhiem-vu.xlsx');
    const shape = async (directive: string) => (await listTasks(core.db, core.ctx.units, { directive }, '2026-01-10')).items.map((t) => ({
      title: t.title, lead: t.leadUnit.code, coordinators: t.coordinators.map((c) => c.code).sort(), responsible: t.responsible,
      deadline: t.deadline, deliverable: t.deliverable, approver: t.approver,
    }));
    const original = await shape('4/TB-VPCP');
    expect(original).toHaveLength(2);
    expect(await shape('5/TB-VPCP')).toEqual(original);
  });

  it('gives back formula-looking text as it was written, though the sheet held it neutralised', async () => {
    core = await createTestCore({ now: new Date('2026-01-10T03:00:00Z') });
    for (const number of ['6/TB-VPCP', '7/TB-VPCP']) {
      await createDirective(core, testActor, { number, type: 'Thông báo', issuedOn: '2026-01-05', issuer: 'Văn phòng Chính phủ', title: 'Kết luận' });
    }
    const task = (title: string, deliverable: string) => ({
      title, leadUnit: 'BCA', responsible: { name: '@Trần B', position: '+Cục trưởng', contact: '-' }, deadline: 'Quý 1/2026', deliverable, approver: 'Thủ tướng Chính phủ',
    });
    await createTasks(core, testActor, '6/TB-VPCP', [
      task("=cmd|' /C calc'!A0", '=HYPERLINK("http://evil","x")'),
      task('- Xây dựng nền tảng dữ liệu', "'=1+1"),
    ]);
    const xlsx = await exportTaskList(core, { directive: '6/TB-VPCP' });
    await importTaskSheet(core, testActor, '7/TB-VPCP', xlsx, 'nhiem-vu.xlsx');
    const shape = async (directive: string) => (await listTasks(core.db, core.ctx.units, { directive }, '2026-01-10')).items
      .map((t) => ({ title: t.title, deliverable: t.deliverable, responsible: t.responsible }));

    expect(await shape('7/TB-VPCP')).toEqual(await shape('6/TB-VPCP'));
    expect((await shape('7/TB-VPCP')).map((t) => t.title).sort()).toEqual(["- Xây dựng nền tảng dữ liệu", "=cmd|' /C calc'!A0"]);
  });
});
