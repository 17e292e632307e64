import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../testing/test-core.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInput } from '../tasks/task-input.ts';

let app: TestApp;
/** 15/11/2026, 10:00 in Hà Nội. */
const now = new Date('2026-11-15T03:00:00Z');

beforeAll(async () => {
  app = await startTestApp({ now });
});
afterAll(async () => {
  await app.dispose();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
const json = (res: Response): Promise<any> => res.json();
const post = (path: string, body: unknown) => app.admin.fetch((path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = async (path: string) => json(await app.admin.fetch((path)));

const sixClear = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Hoàn thiện Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số',
  leadUnit: 'BKHCN',
  coordinators: ['BTC', 'BCT'],
  responsible: { name: 'Nguyễn Văn A', position: 'Vụ trưởng', contact: 'a@mst.gov.vn' },
  deadline: 'Quý 4/2026',
  deliverable: 'Đề án trình Thủ tướng Chính phủ',
  approver: 'Thủ tướng Chính phủ',
  ...over,
});

let directives = 0;
/** A fresh directive per test, so no test leans on another's rows; its number has a "/" as real ones do. */
async function newDirective(): Promise<{ number: string; path: string }> {
  directives += 1;
  const number = `${directives}/TB-VPCP`;
  const res = await post('/api/directives', { number, type: 'Thông báo', issuedOn: '05/01/2026', issuer: 'Văn phòng Chính phủ', title: 'Kết luận của Thủ tướng về chuyển đổi số' });
  expect(res.status).toBe(201);
  return { number, path: `/api/directives/${encodeURIComponent(number)}` };
}

async function addTasks(directivePath: string, tasks: TaskInput[]): Promise<number[]> {
  const res = await post(`${directivePath}/tasks`, tasks);
  expect(res.status).toBe(201);
  return (await json(res)).ids;
}

async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Phụ lục');
  rows.forEach((cells) => ws.addRow(cells));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADERS = ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Người chịu trách nhiệm', 'Chức vụ', 'Điện thoại', 'Thời hạn', 'Sản phẩm', 'Cấp có thẩm quyền'];
const sheetTask = (n: number, title: string, lead: string, deadline: string) =>
  [n, title, lead, 'Bộ Tài chính; Bộ Xây dựng', 'Trần Thị B', 'Thứ trưởng', '024 3943 7766', deadline, 'Báo cáo kết quả', 'Thủ tướng Chính phủ'];

function upload(path: string, data: Buffer, fileName: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), fileName);
  return app.admin.fetch((path), { method: 'POST', body: form });
}

describe('directives', () => {
  it('registers a directive and finds it by its number, which contains a slash', async () => {
    const { number, path } = await newDirective();
    const found = await get(path);
    expect(found).toMatchObject({ number, issued_on: '2026-01-05', total: 0, completionPercent: 0 });
    expect((await get('/api/directives')).map((d: { number: string }) => d.number)).toContain(number);
    expect((await post('/api/directives', { number, type: 'Thông báo', issuedOn: '05/01/2026', issuer: 'VPCP', title: 'Lặp' })).status).toBe(409);
    expect((await app.admin.fetch(('/api/directives/99%2FKHONG-CO'))).status).toBe(404);
  });

  it('refuses a directive without an issue date, naming the field', async () => {
    const res = await post('/api/directives', { number: '1/CT-TTg', type: 'Chỉ thị', issuer: 'Thủ tướng', title: 'Chuyển đổi số' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.problems).toEqual([expect.objectContaining({ field: 'issuedOn' })]);
  });
});

describe('tasks under "6 rõ"', () => {
  it('creates a task and shows it with its units named', async () => {
    const { path } = await newDirective();
    const [id] = await addTasks(path, [sixClear()]);
    const task = await get(`/api/tasks/${id}`);
    expect(task).toMatchObject({
      id, title: sixClear().title, status: 'chua_thuc_hien', deadline: '2026-12-31', deadlineText: 'Quý 4/2026',
      leadUnit: { code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ' },
    });
    expect(task.history).toContainEqual(expect.objectContaining({ kind: 'created' }));
  });

  const missing: [string, Partial<TaskInput>][] = [
    ['title', { title: '' }],
    ['leadUnit', { leadUnit: undefined }],
    ['responsible.name', { responsible: { position: 'Vụ trưởng', contact: 'a@mst.gov.vn' } }],
    ['responsible.position', { responsible: { name: 'Nguyễn Văn A', contact: 'a@mst.gov.vn' } }],
    ['responsible.contact', { responsible: { name: 'Nguyễn Văn A', position: 'Vụ trưởng' } }],
    ['deadline', { deadline: undefined }],
    ['deliverable', { deliverable: ' ' }],
    ['approver', { approver: undefined }],
  ];
  it.each(missing)('refuses a batch whose second task lacks %s, naming it, and writes nothing', async (field, over) => {
    const { number, path } = await newDirective();
    const res = await post(`${path}/tasks`, { tasks: [sixClear(), sixClear(over)] });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.problems).toEqual([expect.objectContaining({ line: 2, field, reason: expect.stringMatching(/rõ/) })]);
    expect((await get(`/api/tasks?directive=${encodeURIComponent(number)}`)).total).toBe(0);
  });

  it('lists by unit and role, status, deadline range and overdue, and shows a passed deadline as "qua_han"', async () => {
    const { number } = await newDirective();
    const d = encodeURIComponent(number);
    const [late = 0, soon = 0, later = 0] = await addTasks(`/api/directives/${d}`, [
      sixClear({ title: 'Báo cáo đã quá hạn', deadline: '10/11/2026' }),
      sixClear({ title: 'Sắp đến hạn', deadline: '20/11/2026', leadUnit: 'BCA', coordinators: ['BKHCN'] }),
      sixClear({ title: 'Còn xa', deadline: 'Quý 4/2026', leadUnit: '01', coordinators: [] }),
    ]);
    const ids = async (query: string) => (await get(`/api/tasks?directive=${d}&${query}`)).items.map((t: { id: number }) => t.id);

    expect(await ids('')).toEqual([late, soon, later]);
    expect((await get(`/api/tasks/${late}`)).status).toBe('qua_han');
    expect(await ids('overdue=true')).toEqual([late]);
    expect(await ids('dueSoon=true')).toEqual([soon]);
    expect(await ids('status=chua_thuc_hien,dang_thuc_hien')).toEqual([soon, later]);
    expect(await ids('unit=BKHCN')).toEqual([late, soon]);
    expect(await ids('unit=BKHCN&role=lead')).toEqual([late]);
    expect(await ids('unit=BKHCN&role=coordinator')).toEqual([soon]);
    expect(await ids('deadlineFrom=2026-11-15&deadlineTo=30/11/2026')).toEqual([soon]);
    expect(await ids('limit=1&offset=1')).toEqual([soon]);

    const bad = await app.admin.fetch((`/api/tasks?status=xong&deadlineFrom=31-12-2026&unit=KHONGCO`));
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.problems.map((p: { field: string }) => p.field)).toEqual(['unit', 'status', 'deadlineFrom']);
  });

  it('splits a task into sub-tasks under the same directive', async () => {
    const { path } = await newDirective();
    const [parent] = await addTasks(path, [sixClear({ leadUnit: '01', coordinators: [] })]);
    const res = await post(`/api/tasks/${parent}/subtasks`, [sixClear({ leadUnit: '00004', coordinators: [], deadline: '15/12/2026' })]);
    expect(res.status).toBe(201);
    const { ids } = await json(res);
    const detail = await get(`/api/tasks/${parent}`);
    expect(detail.subtaskList.map((t: { id: number }) => t.id)).toEqual(ids);
    expect((await post(`/api/tasks/${parent}/subtasks`, [sixClear({ leadUnit: '79', coordinators: [] })])).status).toBe(400);
  });
});

describe('reporting and acceptance', () => {
  it('moves to "dang_thuc_hien" on a progress report', async () => {
    const { path } = await newDirective();
    const [id] = await addTasks(path, [sixClear()]);
    const res = await post(`/api/tasks/${id}/progress`, { progress: 40, note: 'Đã lấy ý kiến các bộ', links: ['https://mst.gov.vn/du-thao'] });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id, status: 'dang_thuc_hien', progress: 40, changeId: expect.any(Number) });
    expect((await post(`/api/tasks/${id}/progress`, { progress: 20 })).status).toBe(400);

    const form = new FormData();
    form.append('progress', '70');
    form.append('links', 'https://mst.gov.vn/bien-ban');
    form.append('links', 'https://mst.gov.vn/cong-van');
    form.append('files', new Blob(['biên bản họp'], { type: 'text/plain' }), 'bien-ban.txt');
    const multipart = await app.admin.fetch((`/api/tasks/${id}/progress`), { method: 'POST', body: form });
    expect(await json(multipart)).toMatchObject({ id, progress: 70 });
    expect((await get(`/api/tasks/${id}`)).evidence).toHaveLength(4);
  });

  it('refuses an evidence file over 20 MB', async () => {
    const { path } = await newDirective();
    const [id] = await addTasks(path, [sixClear()]);
    const form = new FormData();
    form.append('progress', '10');
    form.append('files', new Blob([new Uint8Array(20 * 1024 * 1024 + 1)]), 'qua-lon.bin');
    const res = await app.admin.fetch((`/api/tasks/${id}/progress`), { method: 'POST', body: form });
    expect(res.status).toBe(413);
    expect((await get(`/api/tasks/${id}`)).progress).toBe(0);
  });

  it('types evidence by its content: a program named .pdf is refused, a PDF claimed as HTML is served as a PDF', async () => {
    const { path } = await newDirective();
    const [id] = await addTasks(path, [sixClear()]);
    const program = new FormData();
    program.append('progress', '10');
    program.append('files', new Blob([Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')])], { type: 'application/pdf' }), 'bao-cao.pdf');
    const refused = await app.admin.fetch(`/api/tasks/${id}/progress`, { method: 'POST', body: program });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.details.problems[0]).toMatchObject({ field: 'files', value: 'bao-cao.pdf' });
    expect((await get(`/api/tasks/${id}`)).progress).toBe(0);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const disguised = new FormData();
    disguised.append('progress', '20');
    disguised.append('files', new Blob([pdf], { type: 'text/html' }), 'bien-ban.html');
    expect((await app.admin.fetch(`/api/tasks/${id}/progress`, { method: 'POST', body: disguised })).status).toBe(200);
    const hash = createHash('sha256').update(pdf).digest('hex');
    expect((await app.admin.fetch(`/api/evidence/${hash}`)).headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses a completion without a deliverable', async () => {
    const { path } = await newDirective();
    const [id] = await addTasks(path, [sixClear()]);
    const res = await post(`/api/tasks/${id}/complete`, { note: 'Xong' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.problems).toEqual([expect.objectContaining({ field: 'deliverable' })]);
  });

  it('accepts a completion sent with a file: on time before the deadline, late after it; the file downloads unchanged', async () => {
    const { path } = await newDirective();
    const [onTime, late] = await addTasks(path, [sixClear(), sixClear({ deadline: '10/11/2026' })]);
    const pdf = Buffer.from('%PDF-1.4\nĐề án chuyển đổi số – bản trình Thủ tướng\n');
    for (const id of [onTime, late]) {
      const form = new FormData();
      form.append('note', 'Đã trình Thủ tướng');
      form.append('links', 'https://mst.gov.vn/de-an\nhttps://mst.gov.vn/to-trinh');
      form.append('files', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'Đề án.pdf');
      form.append('files', new Blob(['phụ lục'], { type: 'text/plain' }), 'phu-luc.txt');
      const submitted = await app.admin.fetch((`/api/tasks/${id}/complete`), { method: 'POST', body: form });
      expect(submitted.status).toBe(200);
      const accepted = id === onTime ? await post(`/api/tasks/${id}/accept`, { note: 'Đạt yêu cầu' }) : await app.admin.fetch((`/api/tasks/${id}/accept`), { method: 'POST' });
      expect(accepted.status).toBe(200);
    }
    expect((await get(`/api/tasks/${onTime}`)).status).toBe('hoan_thanh_dung_han');
    expect((await get(`/api/tasks/${late}`)).status).toBe('hoan_thanh_qua_han');

    const { evidence } = await get(`/api/tasks/${onTime}`);
    expect(evidence.map((e: { file_name: string | null; link: string | null }) => e.file_name ?? e.link)).toEqual([
      'Đề án.pdf', 'phu-luc.txt', 'https://mst.gov.vn/de-an', 'https://mst.gov.vn/to-trinh',
    ]);
    const hash = evidence[0].hash as string;
    const download = await app.admin.fetch((`/api/evidence/${hash}`));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;.*filename\*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n\.pdf/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.equals(pdf)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
    expect((await app.admin.fetch((`/api/evidence/${'0'.repeat(64)}`))).status).toBe(404);
    expect((await app.admin.fetch(('/api/evidence/..%2F..%2Fetc%2Fpasswd'))).status).toBe(400);
  });

  it('keeps the reason of a rejection in the history and returns the task to "dang_thuc_hien"', async () => {
    const { path } = await newDirective();
    const [id] = await addTasks(path, [sixClear()]);
    expect((await post(`/api/tasks/${id}/complete`, { links: ['https://mst.gov.vn/ban-du-thao'] })).status).toBe(200);
    expect((await post(`/api/tasks/${id}/reject`, {})).status).toBe(400);
    const res = await post(`/api/tasks/${id}/reject`, { reason: 'Chưa lấy ý kiến Bộ Tài chính' });
    expect(await json(res)).toMatchObject({ id, status: 'dang_thuc_hien' });
    const { history, status } = await get(`/api/tasks/${id}`);
    expect(status).toBe('dang_thuc_hien');
    expect(history).toContainEqual(expect.objectContaining({ kind: 'completion_rejected', note: 'Chưa lấy ý kiến Bộ Tài chính' }));
  });

  it("sums up a unit's tasks by status", async () => {
    const { path } = await newDirective();
    await addTasks(path, [sixClear({ leadUnit: 'BXD', coordinators: [], deadline: '10/11/2026' }), sixClear({ leadUnit: 'BXD', coordinators: [] })]);
    const summary = await get('/api/units/BXD/tasks/summary');
    expect(summary).toMatchObject({ unit: { code: 'BXD' }, total: 2, byStatus: { qua_han: 1, chua_thuc_hien: 1 }, onTimeRate: 0 });
    expect((await app.admin.fetch(('/api/units/KHONGCO/tasks/summary'))).status).toBe(404);
  });
});

describe('task lists as spreadsheets', () => {
  it('refuses a sheet with one bad row, naming the row, and writes nothing', async () => {
    const { number, path } = await newDirective();
    const file = await sheet([
      ['DANH MỤC NHIỆM VỤ'],
      HEADERS,
      sheetTask(1, 'Kết nối cơ sở dữ liệu dân cư', 'Bộ Công an', '31/12/2026'),
      sheetTask(2, 'Nhiệm vụ của đơn vị không có', 'Bộ Không Tồn Tại', '31/12/2026'),
      sheetTask(3, 'Số hóa hồ sơ đất đai', 'Thành phố Hà Nội', 'Quý 4/2026'),
    ]);
    const res = await upload(`${path}/tasks/import`, file, 'danh-muc.xlsx');
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.problems).toEqual([expect.objectContaining({ line: 4, field: 'Đơn vị chủ trì' })]);
    expect((await get(`/api/tasks?directive=${encodeURIComponent(number)}`)).total).toBe(0);

    const missingDeliverable = await sheet([HEADERS, sheetTask(1, 'Kết nối', 'BCA', '31/12/2026'), [2, 'Không có sản phẩm', 'BCA', null, 'A', 'B', 'C', '31/12/2026', null, 'Thủ tướng Chính phủ']]);
    const refused = await upload(`${path}/tasks/import`, missingDeliverable, 'thieu.xlsx');
    expect((await json(refused)).error.details.problems).toEqual([expect.objectContaining({ line: 3, field: 'deliverable' })]);
  });

  it('imports a good sheet whole, resolving units by code or by name', async () => {
    const { number, path } = await newDirective();
    const file = await sheet([
      HEADERS,
      sheetTask(1, 'Kết nối cơ sở dữ liệu dân cư', 'Bộ Công an', '31/12/2026'),
      sheetTask(2, 'Số hóa hồ sơ đất đai', 'thanh pho ha noi', 'Quý 4/2026'),
      sheetTask(3, 'Trung tâm dữ liệu quốc gia', 'BKHCN', 'tháng 12/2026'),
    ]);
    const res = await app.admin.fetch((`${path}/tasks/import?filename=danh-muc.xlsx`), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(file) });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ accepted: 3 });
    const { items } = await get(`/api/tasks?directive=${encodeURIComponent(number)}`);
    expect(items.map((t: { leadUnit: { code: string } }) => t.leadUnit.code)).toEqual(['BCA', '01', 'BKHCN']);
    expect(items[0].coordinators.map((c: { code: string }) => c.code).sort()).toEqual(['BTC', 'BXD']);
  });

  it('exports the listing as a workbook with the same rows in the same order', async () => {
    const { number, path } = await newDirective();
    await addTasks(path, [
      sixClear({ title: 'Còn xa', deadline: 'Quý 4/2026' }),
      sixClear({ title: 'Đã quá hạn', deadline: '10/11/2026', leadUnit: 'BCA', coordinators: [] }),
      sixClear({ title: '=HYPERLINK("http://x")', deadline: '20/11/2026' }),
    ]);
    const query = `directive=${encodeURIComponent(number)}`;
    const { items } = await get(`/api/tasks?${query}`);
    const res = await app.admin.fetch((`/api/tasks/export.xlsx?${query}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="nhiem-vu.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const ws = workbook.getWorksheet('Nhiệm vụ');
    const rows = [4, 5, 6, 7].map((r) => ws?.getRow(r).values as ExcelJS.CellValue[]);
    expect(rows.slice(0, 3).map((r) => [r[2], r[3], r[4], r[13]])).toEqual(items.map((t: { title: string; leadUnit: { name: string; code: string }; statusLabel: string; dueSoon: boolean }) => [
      number, t.title.startsWith('=') ? `'${t.title}` : t.title, `${t.leadUnit.name} (${t.leadUnit.code})`, t.dueSoon ? `${t.statusLabel} – sắp đến hạn` : t.statusLabel,
    ]));
    expect(rows[3]?.length ?? 0).toBe(0);
  });
});

describe('documentation', () => {
  it('lists the task routes in the OpenAPI document', async () => {
    const doc = await get('/api/openapi.json');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/directives/{ref}/tasks', '/api/tasks/{id}/progress', '/api/tasks/export.xlsx', '/api/evidence/{hash}']));
  });
});
