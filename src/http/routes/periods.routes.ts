import type { Core } from '../../core.ts';
import { readAccess } from '../../publication/read-view.ts';
import { listScoredMonths } from '../../scoring/score-periods.query.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

/**
 * The months the dashboard can show, for its month picker, newest first: every month with scores for an account,
 * the published ones for the public; `published` lets the picker mark which months are published.
 */
export function periodRoutes(api: TypedServer, core: Core): void {
  api.get('/api/periods', {
    config: { readCache: true },
    schema: { tags: ['xếp hạng'], summary: 'Các tháng xem được (YYYY-MM, mới nhất trước): đã có điểm khi đăng nhập, đã công bố với công chúng; published: các tháng đã công bố' },
  }, async (req) => {
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    return { months: access.live ? await listScoredMonths(core.db, core.ctx.window.months(core.ctx.now())) : [...access.published], published: access.published };
  });
}
