import type { Core } from '../../core.ts';
import { Attention, AttentionQuery } from '../../attention/attention.schema.ts';
import { getAttention } from '../../attention/get-attention.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

export function attentionRoutes(api: TypedServer, core: Core): void {
  api.get('/api/attention', {
    config: { readCache: true },
    schema: {
      tags: ['cần chú ý'],
      summary: 'Cần chú ý: đơn vị trực thuộc tụt xếp loại hoặc tụt nhiều bậc, nhiệm vụ quá hạn và sắp đến hạn (cần đăng nhập), chỉ tiêu xa kế hoạch nhất',
      querystring: AttentionQuery,
      response: { 200: Attention },
    },
  }, async (req) => getAttention(core, actorOf(req), req.query));
}
