import Type, { type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core.ts';
import type { ChangeSet } from '../../kpi/apply-changes.ts';
import { AppError, NotFoundError, PayloadTooLargeError } from '../../shared/errors.ts';
import { msg } from '../../shared/messages.ts';
import { createDirective } from '../../tasks/directives.ts';
import { getEvidenceFile } from '../../tasks/evidence.query.ts';
import { exportTaskList } from '../../tasks/export-tasks.ts';
import { importTaskSheet } from '../../tasks/import-tasks.ts';
import { createTasks, decideCompletion, getTask, reportProgress, submitCompletion, type EvidenceFile, type ReportInput } from '../../tasks/task-commands.ts';
import { vietnamDate } from '../../tasks/deadline.ts';
import { taskActions } from '../../tasks/task-actions.ts';
import { parseTaskFilter } from '../../tasks/task-filter.ts';
import { directiveSummary, getTaskDetail, listDirectives, listTasks, unitTaskSummary } from '../../tasks/task.query.ts';
import { actorOf } from '../actor.ts';
import { requireAccount } from '../auth.ts';
import { readingMultipart, readUpload } from '../upload.ts';
import type { TypedServer } from '../server.ts';
import { TaskDetailAnswer, TaskListAnswer } from './task.schemas.ts';

const tags = ['nhiệm vụ'];
const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const MAX_EVIDENCE_FILES = 10;
/** Files are held in memory until the report is written: ten files at the per-file maximum would be too many. */
const MAX_REPORT_BYTES = 50 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Text = Type.Optional(Type.String());
/** Every "rõ" is optional here so that a missing one is named by the "6 rõ" check, not by a schema error. */
const TaskInput = Type.Object({
  title: Type.Optional(Type.String({ description: 'Rõ việc: nội dung nhiệm vụ' })),
  description: Text,
  leadUnit: Type.Optional(Type.String({ description: 'Rõ trách nhiệm: mã đơn vị chủ trì (đúng một đơn vị)' })),
  coordinators: Type.Optional(Type.Array(Type.String(), { maxItems: 200, description: 'Mã các đơn vị phối hợp' })),
  responsible: Type.Optional(Type.Object({ name: Text, position: Text, contact: Text }, { description: 'Rõ người: họ tên, chức vụ, liên hệ' })),
  deadline: Type.Optional(Type.String({ description: 'Rõ thời gian: 31/01/2026, tháng 01/2026, Quý 1/2026' })),
  deliverable: Type.Optional(Type.String({ description: 'Rõ sản phẩm' })),
  approver: Type.Optional(Type.String({ description: 'Rõ thẩm quyền: cấp nghiệm thu sản phẩm' })),
});
const TaskList = Type.Array(TaskInput, { minItems: 1, maxItems: 5000 });
const TasksBody = Type.Union([TaskList, Type.Object({ tasks: TaskList })]);
const Links = Type.Optional(Type.Array(Type.String({ maxLength: 2100 }), { maxItems: 100, description: 'Đường dẫn minh chứng (http/https)' }));
const Note = Type.Optional(Type.String({ maxLength: 5000 }));
const ProgressJson = Type.Object({ progress: Type.Number({ description: 'Tiến độ 0–100 (%)' }), note: Note, links: Links });
const CompletionJson = Type.Object({ note: Note, links: Links });
const AcceptJson = Type.Object({ note: Note });
const RejectJson = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 5000, description: 'Lý do không nghiệm thu' })) });
const REPORT_FORM = 'Gửi JSON, hoặc multipart/form-data với các trường progress, note, links (lặp lại hoặc mỗi dòng một đường dẫn) và một hay nhiều tệp minh chứng (mỗi tệp tối đa 20 MB).';

const TaskId = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DirectiveRef = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 200, description: 'Mã số hoặc số hiệu văn bản, mã hóa URL (4%2FTB-VPCP)' }) });
const TaskQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 64, description: 'Mã đơn vị chủ trì hoặc phối hợp' })),
  role: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('coordinator'), Type.Literal('any')])),
  status: Type.Optional(Type.String({ maxLength: 200, description: 'Trạng thái, cách nhau bởi dấu phẩy: chua_thuc_hien, dang_thuc_hien, hoan_thanh_dung_han, hoan_thanh_qua_han, qua_han' })),
  directive: Type.Optional(Type.String({ maxLength: 200, description: 'Mã số hoặc số hiệu văn bản' })),
  deadlineFrom: Type.Optional(Type.String({ maxLength: 10, description: 'Thời hạn từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy)' })),
  deadlineTo: Type.Optional(Type.String({ maxLength: 10, description: 'Thời hạn đến ngày' })),
  overdue: Type.Optional(Type.Boolean({ description: 'Chỉ nhiệm vụ quá hạn' })),
  dueSoon: Type.Optional(Type.Boolean({ description: 'Chỉ nhiệm vụ sắp đến hạn' })),
  parent: Type.Optional(Type.String({ pattern: '^(\\d{1,12}|none)$', description: 'Nhiệm vụ con của nhiệm vụ này; "none": chỉ nhiệm vụ cấp trên cùng' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

export function taskRoutes(api: TypedServer, core: Core): void {
  directiveRoutes(api, core);
  taskReadRoutes(api, core);
  taskWriteRoutes(api, core);

  api.get('/api/evidence/:hash', {
    schema: { tags, summary: 'Tải tệp minh chứng theo mã băm SHA-256', params: Type.Object({ hash: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }) }) },
  }, async (req, reply) => {
    requireAccount(req);
    const file = await getEvidenceFile(core.db, req.params.hash.toLowerCase());
    return reply
      .header('content-type', safeMime(file.mime))
      .header('content-disposition', attachment(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.data);
  });
}

function directiveRoutes(api: TypedServer, core: Core): void {
  api.get('/api/directives', { schema: { tags, summary: 'Danh sách văn bản chỉ đạo với tỷ lệ hoàn thành nhiệm vụ' } }, async (req) => {
    requireAccount(req);
    return listDirectives(core.db);
  });

  api.post('/api/directives', {
    schema: {
      tags, summary: 'Đăng ký văn bản chỉ đạo (số hiệu, loại, ngày ban hành, cơ quan ban hành, trích yếu)',
      body: Type.Object({ number: Text, type: Text, issuedOn: Type.Optional(Type.String({ description: 'YYYY-MM-DD hoặc dd/mm/yyyy' })), issuer: Text, title: Text }),
    },
  }, async (req, reply) => {
    const { number = '', type = '', issuedOn = '', issuer = '', title = '' } = req.body;
    return reply.status(201).send(await createDirective(core, actorOf(req), { number, type, issuedOn, issuer, title }));
  });

  api.get('/api/directives/:ref', {
    schema: { tags, summary: 'Một văn bản: tỷ lệ hoàn thành, tiến độ bình quân, số nhiệm vụ theo trạng thái', params: DirectiveRef },
  }, async (req) => {
    requireAccount(req);
    return directiveSummary(core.db, req.params.ref);
  });

  api.post('/api/directives/:ref/tasks', {
    schema: {
      tags, summary: 'Giao nhiệm vụ theo văn bản: mọi nhiệm vụ phải đủ "6 rõ", nếu không thì không nhiệm vụ nào được ghi',
      params: DirectiveRef, body: TasksBody,
    },
  }, async (req, reply) => {
    const inputs = Array.isArray(req.body) ? req.body : req.body.tasks;
    const result = await createTasks(core, actorOf(req), req.params.ref, inputs);
    return reply.status(201).send({ ids: result.ids, changeId: result.seq });
  });

  api.post('/api/directives/:ref/tasks/import', {
    schema: {
      tags, summary: 'Nhập danh mục nhiệm vụ từ tệp XLSX hoặc CSV (một dòng một nhiệm vụ, tiêu đề cột tiếng Việt)',
      description: 'Gửi tệp dạng multipart (trường "file") hoặc nguyên thân yêu cầu kèm ?filename=. Một dòng sai thì cả tệp bị từ chối, mọi lỗi được nêu theo dòng và cột.',
      params: DirectiveRef,
      querystring: Type.Object({ filename: Type.Optional(Type.String({ maxLength: 200 })) }),
    },
  }, async (req, reply) => {
    const { data, fileName } = await readUpload(req, req.query.filename);
    const result = await importTaskSheet(core, actorOf(req), req.params.ref, data, fileName);
    return reply.status(201).send({ accepted: result.ids.length, ids: result.ids, changeId: result.seq });
  });
}

function taskReadRoutes(api: TypedServer, core: Core): void {
  api.get('/api/tasks', {
    schema: { tags, summary: 'Danh sách nhiệm vụ: quá hạn trước, rồi sắp đến hạn, rồi theo thời hạn', querystring: TaskQuery, response: { 200: TaskListAnswer } },
  }, async (req) => {
    requireAccount(req);
    return listTasks(core.db, core.ctx.units, parseTaskFilter(req.query, core.ctx.units), vietnamDate(core.ctx.now()));
  });

  api.get('/api/tasks/export.xlsx', {
    schema: { tags, summary: 'Xuất danh sách nhiệm vụ ra tệp Excel (cùng bộ lọc với danh sách)', querystring: TaskQuery },
  }, async (req, reply) => {
    requireAccount(req);
    const workbook = await exportTaskList(core, parseTaskFilter(req.query, core.ctx.units));
    return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="nhiem-vu.xlsx"').send(workbook);
  });

  api.get('/api/tasks/:id', {
    schema: { tags, summary: 'Một nhiệm vụ với nhiệm vụ cha, nhiệm vụ con, lịch sử, minh chứng và việc người đọc được làm', params: TaskId, response: { 200: TaskDetailAnswer } },
  }, async (req) => {
    requireAccount(req);
    const task = await getTaskDetail(core.db, core.ctx.units, req.params.id, vietnamDate(core.ctx.now()));
    return { ...task, actions: taskActions(actorOf(req), task, core.ctx.units) };
  });

  api.get('/api/units/:code/tasks/summary', {
    schema: { tags, summary: 'Nhiệm vụ một đơn vị chủ trì, theo trạng thái, và tỷ lệ hoàn thành đúng hạn', params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }) },
  }, async (req) => {
    requireAccount(req);
    const unit = core.ctx.units.get(req.params.code);
    if (!unit) throw new NotFoundError(msg('unitNotFound', { code: req.params.code }).vi);
    return { unit: { code: unit.code, name: unit.name }, ...(await unitTaskSummary(core.db, unit.code)) };
  });
}

function taskWriteRoutes(api: TypedServer, core: Core): void {
  api.post('/api/tasks/:id/subtasks', {
    schema: { tags, summary: 'Chia nhiệm vụ thành nhiệm vụ con cho đơn vị chủ trì hoặc đơn vị trực thuộc', params: TaskId, body: TasksBody },
  }, async (req, reply) => {
    const parent = await getTask(core.db, req.params.id);
    const inputs = Array.isArray(req.body) ? req.body : req.body.tasks;
    const result = await createTasks(core, actorOf(req), parent.directive_id, inputs, parent.id);
    return reply.status(201).send({ parentId: parent.id, ids: result.ids, changeId: result.seq });
  });

  api.post('/api/tasks/:id/progress', {
    schema: { tags, summary: 'Báo cáo tiến độ (0–100%) kèm ghi chú, đường dẫn và tệp minh chứng', description: REPORT_FORM, params: TaskId, body: jsonOnly(ProgressJson) },
  }, async (req) => {
    const { progress, ...report } = await readReport(req);
    return taskSummary(req.params.id, await reportProgress(core, actorOf(req), req.params.id, progress, report));
  });

  api.post('/api/tasks/:id/complete', {
    schema: { tags, summary: 'Báo cáo hoàn thành, bắt buộc kèm sản phẩm (tệp hoặc đường dẫn); chờ cấp có thẩm quyền nghiệm thu', description: REPORT_FORM, params: TaskId, body: jsonOnly(CompletionJson) },
  }, async (req) => taskSummary(req.params.id, await submitCompletion(core, actorOf(req), req.params.id, await readReport(req))));

  api.post('/api/tasks/:id/accept', {
    schema: { tags, summary: 'Cấp có thẩm quyền nghiệm thu: hoàn thành đúng hạn hoặc quá hạn theo ngày nộp sản phẩm', params: TaskId, body: jsonOnly(AcceptJson) },
  }, async (req) => {
    const { note } = jsonBody<Static<typeof AcceptJson>>(req);
    return taskSummary(req.params.id, await decideCompletion(core, actorOf(req), req.params.id, { accept: true, reason: note }));
  });

  api.post('/api/tasks/:id/reject', {
    schema: { tags, summary: 'Không nghiệm thu: nhiệm vụ trở lại "đang thực hiện", lý do được lưu', params: TaskId, body: jsonOnly(RejectJson) },
  }, async (req) => {
    const { reason: why } = jsonBody<Static<typeof RejectJson>>(req);
    return taskSummary(req.params.id, await decideCompletion(core, actorOf(req), req.params.id, { accept: false, reason: why }));
  });
}

/** Validates JSON bodies only, so that multipart bodies (and an empty accept) reach the handler. */
const jsonOnly = (schema: object) => ({ content: { 'application/json': { schema } } });

/** A body the route's JSON schema has already checked; no body at all reads as `{}`. */
function jsonBody<T extends object>(req: FastifyRequest): Partial<T> {
  if (req.body === undefined || req.body === null) return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', msg('requestInvalid').vi);
  return req.body as Partial<T>;
}

/** A progress or completion report, from JSON or from a multipart form with evidence files. */
async function readReport(req: FastifyRequest): Promise<ReportInput & { progress: number }> {
  if (!req.isMultipart()) {
    const body = jsonBody<Static<typeof ProgressJson>>(req);
    return { progress: body.progress ?? Number.NaN, note: body.note, links: body.links };
  }
  return readingMultipart(() => readReportForm(req));
}

async function readReportForm(req: FastifyRequest): Promise<ReportInput & { progress: number }> {
  const files: EvidenceFile[] = [];
  const links: string[] = [];
  let note: string | undefined;
  let progress = Number.NaN;
  let total = 0;
  const parts = req.parts({ limits: { files: MAX_EVIDENCE_FILES, fileSize: MAX_EVIDENCE_BYTES, fields: 200, fieldSize: 64 * 1024 } });
  for await (const part of parts) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      total += data.length;
      if (total > MAX_REPORT_BYTES) throw new PayloadTooLargeError(msg('requestInvalid').vi, { maxBytes: MAX_REPORT_BYTES });
      if (data.length > 0 || part.filename) files.push({ fileName: part.filename || 'tep-minh-chung', mime: part.mimetype, data });
      continue;
    }
    const value = typeof part.value === 'string' ? part.value : '';
    if (part.fieldname === 'progress') progress = value.trim() === '' ? Number.NaN : Number(value);
    else if (part.fieldname === 'note') note = value;
    else if (part.fieldname === 'links') links.push(...value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
  }
  return { progress, note, links, files };
}


function taskSummary(id: number, result: { changes: ChangeSet; seq: number | null }) {
  const task = result.changes.tasks?.find((t) => t.id === id);
  return { id, status: task?.status, dueSoon: task?.dueSoon, progress: task?.progress, changeId: result.seq };
}

/** Uploaded types are the sender's word: anything not shaped like a media type is served as bytes. */
function safeMime(mime: string): string {
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i.test(mime) ? mime : 'application/octet-stream';
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so "Báo cáo.pdf" survives the download. */
function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
