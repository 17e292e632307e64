import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core.ts';
import { importValueFile, previewValueFile, submitEvents, submitValues } from '../../ingest/submit.ts';
import { describePreview } from '../../reporting/import-preview.ts';
import { ImportPreviewSchema, ImportSummarySchema } from './reporting.schemas.ts';
import { actorOf } from '../actor.ts';
import { readUpload } from '../upload.ts';
import type { TypedServer } from '../server.ts';
import { AppError } from '../../shared/errors.ts';
import { eventReason } from '../../ingest/event-messages.ts';


const Source = Type.Optional(Type.String({ maxLength: 200 }));

export function ingestRoutes(api: TypedServer, core: Core): void {
  // A batch is announced as soon as its request starts, so that a fold about to run can wait for it (event-commits.ts).
  const arrivals = new WeakMap<FastifyRequest, () => void>();
  const withdraw = async (req: FastifyRequest) => arrivals.get(req)?.();
  api.post('/api/events', {
    onRequest: async (req) => void arrivals.set(req, core.events.expect()),
    onResponse: withdraw,
    onRequestAbort: withdraw,
    schema: {
      tags: ['nhập liệu'],
      summary: 'Nhận một lô sự kiện NDJSON (mỗi dòng một sự kiện: id, type, unit, time, attributes)',
      description:
        'Cả lô được kiểm tra trước khi ghi; một dòng sai thì cả lô bị từ chối và mọi lỗi được liệt kê. Gửi lại lô đã nhận không thay đổi gì. ' +
        'Mặc định trả lời khi mọi chỉ tiêu, điểm và thứ hạng đã cập nhật (derived: true). ack=stored: trả lời ngay khi lô đã ghi bền vững; ' +
        'kết quả tính theo sau trên luồng /api/stream (thông điệp có batches chứa batchId).',
      querystring: Type.Object({
        source: Source,
        ack: Type.Optional(Type.Union([Type.Literal('derived'), Type.Literal('stored')], { description: 'derived (mặc định) hoặc stored' })),
      }),
      // Bytes (application/x-ndjson) or text (text/plain), so no type to check here: the parser checks every line.
      body: Type.Unsafe<Buffer | string>({ description: 'NDJSON (Content-Type: application/x-ndjson)' }),
    },
  }, async (req, reply) => {
    const batch = typeof req.body === 'string' || Buffer.isBuffer(req.body) || req.body === undefined ? req.body ?? '' : notNdjson();
    const result = await submitEvents(core, actorOf(req), batch, req.query.source ?? null, req.query.ack ?? 'derived', arrivals.get(req));
    const counts = summary(result);
    // Answered on storage alone, the batch's effects are not known yet: counts of changes are null, not 0.
    const body = result.derived ? { ...counts, derived: true } : { ...counts, changedKpis: null, changedScores: null, derived: false };
    return reply.status(result.accepted > 0 ? 201 : 200).send(body);
  });

  api.post('/api/values', {
    schema: {
      tags: ['nhập liệu'],
      summary: 'Nhận số liệu báo cáo (đơn vị, chỉ tiêu, kỳ, giá trị, nguồn, minh chứng)',
      body: Type.Union([
        Type.Array(Type.Unknown(), { maxItems: 50_000 }),
        Type.Object({ values: Type.Array(Type.Unknown(), { maxItems: 50_000 }), source: Source }),
      ]),
    },
  }, async (req, reply) => {
    const body = req.body;
    const values = Array.isArray(body) ? body : body.values;
    const source = Array.isArray(body) ? null : body.source ?? null;
    const result = await submitValues(core, actorOf(req), values, source);
    return reply.status(201).send(summary(result));
  });

  api.post('/api/values/import', {
    schema: {
      tags: ['nhập liệu'],
      summary: 'Nhập số liệu từ tệp CSV hoặc XLSX (một dòng một đơn vị, một cột một chỉ tiêu hoặc một kỳ)',
      description: 'Gửi tệp dạng multipart (trường "file") hoặc nguyên thân yêu cầu kèm ?filename=. Số viết kiểu Việt Nam: 1.234,5. ' +
        'Mọi giá trị được ghi, hoặc cả tệp bị từ chối: mỗi lỗi ghi trang tính (sheet), dòng (line), cột (column, field) và lý do.',
      querystring: Type.Object({
        filename: Type.Optional(Type.String({ maxLength: 200 })),
        period: Type.Optional(Type.String({ maxLength: 20 })),
        indicator: Type.Optional(Type.String({ maxLength: 64 })),
        source: Source,
        dryRun: Type.Optional(Type.Boolean({ description: 'true: đọc và kiểm tra tệp như khi nhập, trả về các giá trị sẽ được ghi; không ghi, không lưu nhật ký' })),
      }),
      response: { 200: ImportPreviewSchema, 201: ImportSummarySchema },
    },
  }, async (req, reply) => {
    const { data, fileName } = await readUpload(req, req.query.filename);
    const options = { period: req.query.period, indicator: req.query.indicator, source: req.query.source };
    if (req.query.dryRun) return reply.status(200).send(describePreview(core, await previewValueFile(core, actorOf(req), data, fileName, options)));
    const result = await importValueFile(core, actorOf(req), data, fileName, options);
    return reply.status(201).send(summary(result));
  });
}


/** A body Fastify parsed (JSON, a form): the sender used the wrong content type for a batch of events. */
function notNdjson(): never {
  const problem = eventReason('notNdjson');
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', problem.reason, { problems: [problem] });
}

function summary(result: { accepted: number; duplicates?: number; batchId: number | null; seq: number | null; changes: { kpis: unknown[]; scores: unknown[] } }) {
  return {
    accepted: result.accepted,
    duplicates: result.duplicates ?? 0,
    batchId: result.batchId,
    changeId: result.seq,
    changedKpis: result.changes.kpis.length,
    changedScores: result.changes.scores.length,
  };
}
