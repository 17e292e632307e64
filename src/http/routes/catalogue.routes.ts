import Type from 'typebox';
import type { Core } from '../../core.ts';
import { IndicatorDefinition } from '../../indicators/indicator.ts';
import { saveIndicator, saveTargets } from '../../indicators/manage.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { msg, reason } from '../../shared/messages.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';
import { uncoerced } from '../uncoerced.ts';


export function catalogueRoutes(api: TypedServer, core: Core): void {
  api.get('/api/indicators', {
    schema: { tags: ['chỉ tiêu'], summary: 'Danh mục chỉ tiêu, trụ cột và loại sự kiện (eventTypes: thuộc tính và kiểu của chúng)', querystring: Type.Object({ pillar: Type.Optional(Type.String({ maxLength: 64 })) }) },
  }, async (req) => ({
    pillars: core.ctx.catalogue.pillars,
    frameworks: core.ctx.catalogue.frameworks,
    eventTypes: core.ctx.catalogue.eventTypes,
    indicators: core.ctx.catalogue.all().filter((d) => !req.query.pillar || d.pillar === req.query.pillar),
  }));

  api.get('/api/indicators/:code', { schema: { tags: ['chỉ tiêu'], summary: 'Định nghĩa một chỉ tiêu', params: Type.Object({ code: Type.String({ maxLength: 64 }) }) } }, async (req) => {
    const def = core.ctx.catalogue.get(req.params.code);
    if (!def) throw new NotFoundError(msg('indicatorNotFound', { code: req.params.code }).vi);
    return def;
  });

  api.put('/api/indicators/:code', {
    validatorCompiler: uncoerced,
    schema: { tags: ['chỉ tiêu'], summary: 'Thêm hoặc sửa một chỉ tiêu (cả danh mục được kiểm tra lại)', params: Type.Object({ code: Type.String({ maxLength: 64 }) }), body: IndicatorDefinition },
  }, async (req) => {
    if (req.body.code !== req.params.code) {
      throw new ValidationError(msg('requestInvalid').vi, [{ field: 'code', value: req.body.code, ...reason('unknownIndicator', { code: req.params.code }) }]);
    }
    await saveIndicator(core, actorOf(req), req.body);
    return core.ctx.catalogue.get(req.params.code);
  });

  api.put('/api/targets', {
    schema: {
      tags: ['chỉ tiêu'], summary: 'Đặt chỉ tiêu kế hoạch theo đơn vị, chỉ tiêu và kỳ',
      body: Type.Array(Type.Object({ indicator: Type.String({ maxLength: 64 }), unit: Type.String({ maxLength: 32 }), period: Type.String({ maxLength: 20 }), value: Type.Number() }), { minItems: 1, maxItems: 50_000 }),
    },
  }, async (req) => {
    const result = await saveTargets(core, actorOf(req), req.body);
    return { accepted: result.accepted, changeId: result.seq, changedScores: result.changes.scores.length };
  });
}
