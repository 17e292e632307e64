import Type from 'typebox';
import type { Core } from '../../core.ts';
import { syntheticDataProbe } from '../../ingest/provenance.query.ts';
import { getIndicatorValues, getUnitKpis } from '../../kpi/kpi.query.ts';
import { periodsAs } from '../../kpi/kpi-key.ts';
import { parsePeriod } from '../../periods/period.ts';
import { checkVisible, defaultKpiPeriod, monthView, readAccess } from '../../publication/read-view.ts';
import { getScorecard, getUnitScore, peerGroupOf } from '../../scoring/scorecard.query.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { msg, reason } from '../../shared/messages.ts';
import { getUnit, listUnits } from '../../units/unit.repository.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

const Code = Type.String({ minLength: 1, maxLength: 64 });
const Month = Type.Optional(Type.String({
  pattern: '^\\d{4}-\\d{2}$',
  description: 'Tháng YYYY-MM. Mặc định: tháng hiện tại khi đã đăng nhập, tháng công bố gần nhất với công chúng (chưa đăng nhập chỉ xem được tháng đã công bố)',
}));
const Period = Type.Optional(Type.String({ maxLength: 10, description: 'Kỳ: YYYY-MM-DD, YYYY-MM, YYYY-Qn hoặc YYYY (chưa đăng nhập: chỉ kỳ đã công bố)' }));

export function readRoutes(api: TypedServer, core: Core): void {
  const synthetic = syntheticDataProbe(core.db);
  api.get('/api/health', {
    schema: {
      tags: ['hệ thống'],
      summary: 'Tình trạng máy chủ; synthetic: có dữ liệu minh họa (tổng hợp); ingest: lô đang chờ ghi và lô đã ghi chưa tính vào chỉ tiêu',
    },
  }, async () => {
    // The newest change and when it was committed: the dashboard's "Số liệu cập nhật lúc …" is the data's time, not the fetch's.
    const row = await core.db.selectFrom('changes').select(['seq', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return {
      status: 'ok', units: core.ctx.units.size, indicators: core.ctx.catalogue.all().length, lastChange: row?.seq ?? 0, lastChangeAt: row?.at ?? null,
      synthetic: await synthetic(), ingest: core.events.backlog(), time: new Date().toISOString(),
    };
  });

  api.get('/api/units', {
    config: { readCache: true },
    schema: {
      tags: ['đơn vị'], summary: 'Danh sách, tìm kiếm đơn vị (có hoặc không dấu)',
      querystring: Type.Object({
        kind: Type.Optional(Type.Union([Type.Literal('nation'), Type.Literal('ministry'), Type.Literal('province'), Type.Literal('commune')])),
        parent: Type.Optional(Code),
        q: Type.Optional(Type.String({ maxLength: 100 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        offset: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
    },
  }, async (req) => listUnits(core.db, req.query));

  api.get('/api/units/:code', { schema: { tags: ['đơn vị'], summary: 'Một đơn vị', params: Type.Object({ code: Code }) } }, async (req) => {
    const unit = await getUnit(core.db, req.params.code);
    if (!unit) throw new NotFoundError(msg('unitNotFound', { code: req.params.code }).vi);
    return { ...unit, children: core.ctx.units.children(unit.code).length };
  });

  api.get('/api/units/:code/kpis', {
    config: { readCache: true },
    schema: { tags: ['chỉ tiêu'], summary: 'Bảng chỉ tiêu của một đơn vị trong tháng', params: Type.Object({ code: Code }), querystring: Type.Object({ period: Month }) },
  }, async (req) => {
    if (!core.ctx.units.has(req.params.code)) throw new NotFoundError(msg('unitNotFound', { code: req.params.code }).vi);
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const { month, table, source, published } = await monthView(core.db, access, req.query.period);
    const [score, kpis] = await Promise.all([
      getUnitScore(core.db, req.params.code, month, table),
      getUnitKpis(core.db, core.ctx, req.params.code, month, access),
    ]);
    return { unit: req.params.code, period: month, source, published, score, kpis };
  });

  api.get('/api/scorecard', {
    config: { readCache: true },
    schema: {
      tags: ['xếp hạng'], summary: 'Chỉ số, điểm trụ cột, thứ hạng, xếp loại và thay đổi của mọi đơn vị cùng cấp',
      querystring: Type.Object({
        level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('ministry'), Type.Literal('commune')])),
        parent: Type.Optional(Code),
        period: Month,
      }),
    },
  }, async (req) => {
    const level = req.query.level ?? 'province';
    if (level === 'commune' && !req.query.parent) {
      throw new ValidationError(msg('communeNeedsParent').vi, [{ field: 'parent', ...reason('communeNeedsParent') }]);
    }
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const { month, table, source, published } = await monthView(core.db, access, req.query.period);
    const units = await getScorecard(core.db, core.ctx, peerGroupOf(level, req.query.parent), month, table);
    return { level, parent: req.query.parent ?? null, period: month, source, published, units };
  });

  api.get('/api/indicators/:code/values', {
    config: { readCache: true },
    schema: { tags: ['chỉ tiêu'], summary: 'Giá trị một chỉ tiêu trên các đơn vị', params: Type.Object({ code: Code }), querystring: Type.Object({ period: Period, parent: Type.Optional(Code) }) },
  }, async (req) => {
    const def = core.ctx.catalogue.get(req.params.code);
    if (!def) throw new NotFoundError(msg('indicatorNotFound', { code: req.params.code }).vi);
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const asked = req.query.period ?? defaultKpiPeriod(access, def.periodType);
    // A month asked of a yearly indicator means the year that contains it.
    const [period = asked] = parsePeriod(asked) ? periodsAs(asked, def.periodType) : [];
    if (!parsePeriod(asked) || parsePeriod(period)?.type !== def.periodType) {
      throw new ValidationError(msg('badPeriod', { value: asked, type: def.periodType }).vi, [{ field: 'period', value: asked, ...reason('badPeriod', { value: asked, type: def.periodType }) }]);
    }
    checkVisible(access, period);
    return { indicator: def.code, period, values: await getIndicatorValues(core.db, core.ctx, access, def.code, period, req.query.parent) };
  });
}
