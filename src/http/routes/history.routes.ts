import Type from 'typebox';
import type { Core } from '../../core.ts';
import { getIndicatorStanding } from '../../kpi/indicator-standing.query.ts';
import { getKpiHistory } from '../../kpi/kpi-history.query.ts';
import { lastMonths } from '../../periods/period.ts';
import { monthView, readAccess } from '../../publication/read-view.ts';
import { getScoreHistory } from '../../scoring/score-history.query.ts';
import { peerGroupOf } from '../../scoring/scorecard.query.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { msg, reason } from '../../shared/messages.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

const Code = Type.String({ minLength: 1, maxLength: 64 });
const Month = Type.Optional(Type.String({
  pattern: '^\\d{4}-\\d{2}$',
  description: 'Tháng YYYY-MM. Mặc định: tháng hiện tại khi đã đăng nhập, tháng công bố gần nhất với công chúng (chưa đăng nhập chỉ xem được tháng đã công bố)',
}));
const Level = Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('ministry'), Type.Literal('commune')]));

/** Trends and standings the dashboard draws: a unit over time, an indicator across peers. The public sees published months only. */
export function historyRoutes(api: TypedServer, core: Core): void {
  api.get('/api/units/:code/history', {
    config: { readCache: true },
    schema: {
      tags: ['chỉ tiêu'], summary: 'Diễn biến của một đơn vị: chỉ số, trụ cột, hạng theo tháng và giá trị các chỉ tiêu qua các kỳ',
      params: Type.Object({ code: Code }),
      querystring: Type.Object({
        period: Month,
        months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, description: 'Số kỳ (mặc định 12)' })),
        indicators: Type.Optional(Type.String({ maxLength: 2000, description: 'Mã chỉ tiêu, cách nhau bởi dấu phẩy (mặc định: các chỉ tiêu tính điểm)' })),
      }),
    },
  }, async (req) => {
    const unit = core.ctx.units.get(req.params.code);
    if (!unit) throw new NotFoundError(msg('unitNotFound', { code: req.params.code }).vi);
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const { month, table, source } = await monthView(core.db, access, req.query.period);
    const count = req.query.months ?? 12;
    const asked = req.query.indicators?.split(',').map((c) => c.trim()).filter(Boolean);
    const codes = asked ?? core.ctx.catalogue.scored(unit.kind).map((d) => d.code);
    const unknown = codes.find((c) => !core.ctx.catalogue.get(c));
    if (unknown) throw new NotFoundError(msg('indicatorNotFound', { code: unknown }).vi);
    const months = lastMonths(month, count);
    const [scores, kpis] = await Promise.all([
      getScoreHistory(core.db, unit.code, months, table),
      getKpiHistory(core.db, core.ctx, unit.code, codes, month, count, access),
    ]);
    return { unit: unit.code, period: month, source, months, scores, kpis };
  });

  api.get('/api/indicators/:code/standing', {
    config: { readCache: true },
    schema: {
      tags: ['chỉ tiêu'], summary: 'Một chỉ tiêu trên các đơn vị cùng cấp: giá trị, kỳ trước, chỉ tiêu kế hoạch, mức đạt, xếp loại, hạng',
      params: Type.Object({ code: Code }),
      querystring: Type.Object({ level: Level, parent: Type.Optional(Code), period: Month }),
    },
  }, async (req) => {
    const def = core.ctx.catalogue.get(req.params.code);
    if (!def) throw new NotFoundError(msg('indicatorNotFound', { code: req.params.code }).vi);
    const level = req.query.level ?? 'province';
    if (level === 'commune' && !req.query.parent) {
      throw new ValidationError(msg('communeNeedsParent').vi, [{ field: 'parent', ...reason('communeNeedsParent') }]);
    }
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const { month, source } = await monthView(core.db, access, req.query.period);
    const standing = await getIndicatorStanding(core.db, core.ctx, def, peerGroupOf(level, req.query.parent), month, access);
    return { level, parent: req.query.parent ?? null, month, source, ...standing };
  });
}
