import Type from 'typebox';
import type { Core } from '../../core.ts';
import { currentMonth } from '../../periods/period.ts';
import { getReportingCompleteness } from '../../reporting/completeness.query.ts';
import { getReportDue } from '../../reporting/report-due.query.ts';
import { reportingMsg, reportingReason } from '../../reporting/reporting-messages.ts';
import { storeValueEvidence } from '../../reporting/value-evidence.ts';
import { buildValueTemplate } from '../../reporting/value-template.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { msg, reason } from '../../shared/messages.ts';
import { actorOf } from '../actor.ts';
import { requireAccount } from '../auth.ts';
import { readUpload } from '../upload.ts';
import type { TypedServer } from '../server.ts';
import { Completeness, ReportDueSchema, StoredEvidenceSchema } from './reporting.schemas.ts';

const tags = ['báo cáo'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Code = Type.String({ minLength: 1, maxLength: 64 });
const Month = Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'Tháng YYYY-MM; mặc định tháng hiện tại' }));

/** What a unit must report and by when, how complete reporting is, the office's template and value evidence. */
export function reportingRoutes(api: TypedServer, core: Core): void {
  api.get('/api/reporting/due', {
    schema: {
      tags, summary: 'Chỉ tiêu đơn vị phải báo cáo trong kỳ: đơn vị tính, giá trị kỳ trước, chỉ tiêu kế hoạch, đã báo cáo chưa, hạn báo cáo',
      querystring: Type.Object({ unit: Type.Optional(Code), period: Month }),
      response: { 200: ReportDueSchema },
    },
  }, async (req) => {
    const actor = requireAccount(req);
    const unit = req.query.unit ?? (actor.kind === 'user' ? actor.unit : null);
    if (!unit) throw new ValidationError(msg('requestInvalid').vi, [{ field: 'unit', ...reason('required') }]);
    const due = await getReportDue(core.db, core.ctx, unit, req.query.period ?? currentMonth(core.ctx.now()));
    if (!due) throw new NotFoundError(msg('unitNotFound', { code: unit }).vi);
    return due;
  });

  api.get('/api/reporting/completeness', {
    schema: {
      tags, summary: 'Tỷ lệ báo cáo đầy đủ theo tỉnh (chính tỉnh và các xã, phường) và cả nước',
      querystring: Type.Object({ period: Month }),
      response: { 200: Completeness },
    },
  }, async (req) => {
    requireAccount(req);
    return getReportingCompleteness(core.db, core.ctx, req.query.period ?? currentMonth(core.ctx.now()));
  });

  api.get('/api/reporting/template.xlsx', {
    schema: {
      tags, summary: 'Mẫu Excel báo cáo số liệu của một đơn vị (hoặc các xã, phường của một tỉnh) cho một tháng; nhập lại được bằng /api/values/import',
      querystring: Type.Object({ unit: Code, period: Month, rows: Type.Optional(Type.Union([Type.Literal('unit'), Type.Literal('communes')])) }),
    },
  }, async (req, reply) => {
    requireAccount(req);
    const unit = core.ctx.units.get(req.query.unit);
    if (!unit) throw new NotFoundError(msg('unitNotFound', { code: req.query.unit }).vi);
    const rows = req.query.rows ?? 'unit';
    if (rows === 'communes' && unit.kind !== 'province') {
      throw new ValidationError(reportingMsg('communesOfProvince').vi, [{ field: 'rows', value: rows, ...reportingReason('communesOfProvince') }]);
    }
    const month = req.query.period ?? currentMonth(core.ctx.now());
    const data = await buildValueTemplate(core.ctx.units, core.ctx.catalogue, unit, month, rows);
    const fileName = `mau-bao-cao-${unit.code}${rows === 'communes' ? '-cac-xa' : ''}-${month}.xlsx`;
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${fileName}"`).send(data);
  });

  api.post('/api/values/evidence', {
    schema: {
      tags, summary: 'Gửi tệp minh chứng cho số liệu báo cáo của một đơn vị; trả về địa chỉ tệp để ghi vào trường evidence',
      querystring: Type.Object({ unit: Code, filename: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 201: StoredEvidenceSchema },
    },
  }, async (req, reply) => {
    const { data, fileName } = await readUpload(req, req.query.filename);
    const stored = await storeValueEvidence(core, actorOf(req), req.query.unit, { fileName, mime: 'application/octet-stream', data });
    return reply.status(201).send(stored);
  });
}
