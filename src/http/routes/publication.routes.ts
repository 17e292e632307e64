import Type from 'typebox';
import type { Core } from '../../core.ts';
import { correctPublished } from '../../publication/correct-published.ts';
import { publicationMsg } from '../../publication/publication-messages.ts';
import { listCorrections, listPublishedPeriods, publicationOf } from '../../publication/publication.query.ts';
import { publishPeriod } from '../../publication/publish-period.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

const tags = ['công bố'];
const PeriodParam = Type.Object({ period: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'Tháng YYYY-MM' }) });

/** Published report periods and their corrections: public to read, central roles to write. */
export function publicationRoutes(api: TypedServer, core: Core): void {
  api.get('/api/publications', {
    schema: { tags, summary: 'Các kỳ báo cáo đã công bố, mới nhất trước: thời điểm, người công bố, ghi chú, số điểm đã đính chính' },
  }, async () => ({ periods: await listPublishedPeriods(core.db) }));

  api.post('/api/publications', {
    schema: {
      tags, summary: 'Công bố một tháng đã kết thúc: điểm và thứ hạng được chốt lại, công chúng xem được từ đây',
      body: Type.Object({
        period: Type.String({ maxLength: 20, description: 'Tháng YYYY-MM' }),
        note: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
      }),
    },
  }, async (req, reply) => {
    const { seq: _none, ...publication } = await publishPeriod(core, actorOf(req), req.body.period, req.body.note);
    return reply.status(201).send(publication);
  });

  api.post('/api/publications/:period/corrections', {
    schema: {
      tags, summary: 'Đính chính số liệu đã công bố (bắt buộc nêu lý do): điểm hiện tại thay điểm đã công bố, giá trị cũ và mới được lưu lại',
      params: PeriodParam,
      body: Type.Object({
        reason: Type.Optional(Type.String({ maxLength: 10_000, description: 'Lý do đính chính (bắt buộc, tối đa 2.000 ký tự)' })),
        units: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 5000, description: 'Chỉ đính chính nhóm xếp hạng của các đơn vị này (mặc định: tất cả)' })),
      }),
    },
  }, async (req, reply) => {
    const { period, corrections } = await correctPublished(core, actorOf(req), req.params.period, req.body.reason ?? '', { units: req.body.units });
    return reply.status(201).send({ period, corrections });
  });

  api.get('/api/publications/:period/corrections', {
    schema: { tags, summary: 'Các lần đính chính của một kỳ đã công bố: đơn vị, giá trị trước và sau, lý do, người và thời điểm', params: PeriodParam },
  }, async (req) => {
    const published = await publicationOf(core.db, req.params.period);
    if (!published) throw new NotFoundError(publicationMsg('notPublished', { period: req.params.period }).vi, { period: req.params.period });
    return { period: req.params.period, published, corrections: await listCorrections(core.db, req.params.period) };
  });
}
