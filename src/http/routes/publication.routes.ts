import Type from 'typebox';
import type { Core } from '../../core.ts';
import { correctPublished } from '../../publication/correct-published.ts';
import { publicationMsg } from '../../publication/publication-messages.ts';
import { listCorrections, listPublishedPeriods, listValueCorrections, publicationOf } from '../../publication/publication.query.ts';
import { readAccess } from '../../publication/read-view.ts';
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
  }, async (req) => {
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    return { periods: await listPublishedPeriods(core.db, access.names) };
  });

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
    const { period, corrections, values } = await correctPublished(core, actorOf(req), req.params.period, req.body.reason ?? '', { units: req.body.units });
    return reply.status(201).send({ period, corrections, values });
  });

  api.get('/api/publications/:period/corrections', {
    schema: {
      tags, params: PeriodParam,
      summary: 'Các lần đính chính của một kỳ đã công bố: điểm (corrections) và giá trị chỉ tiêu (values) trước và sau, lý do, thời điểm (người đính chính: chỉ khi đã đăng nhập)',
    },
  }, async (req) => {
    const { period } = req.params;
    const published = await publicationOf(core.db, period);
    if (!published) throw new NotFoundError(publicationMsg('notPublished', { period }).vi, { period });
    const { names } = await readAccess(core.db, actorOf(req), core.ctx.now());
    return { period, published, corrections: await listCorrections(core.db, period, names), values: await listValueCorrections(core.db, period, names) };
  });
}
