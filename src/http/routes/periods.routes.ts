import type { Core } from '../../core.ts';
import { periodOf } from '../../periods/period.ts';
import { readAccess } from '../../publication/read-view.ts';
import { listScoredMonths } from '../../scoring/score-periods.query.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

/**
 * The months the dashboard can show, for its month picker, newest first: every month with scores for an account
 * (from the first holding data of its own), the published ones for the public; `published` lets the picker mark
 * which months are published. `current` is the running month, whose figures are still arriving ("kỳ đang diễn ra",
 * data up to `dataUntil`); `latestComplete`, the newest month that has ended — what a signed-in reader sees first.
 */
export function periodRoutes(api: TypedServer, core: Core): void {
  api.get('/api/periods', {
    config: { readCache: true },
    schema: {
      tags: ['xếp hạng'],
      summary: 'Các tháng xem được (YYYY-MM, mới nhất trước): đã có điểm khi đăng nhập, đã công bố với công chúng; published: các tháng đã công bố; current: tháng đang diễn ra, dataUntil: số liệu đến ngày; latestComplete: tháng đã kết thúc gần nhất',
    },
  }, async (req) => {
    const now = core.ctx.now();
    const access = await readAccess(core.db, actorOf(req), now);
    const months = access.live ? await listScoredMonths(core.db, core.ctx.window.months(now)) : [...access.published];
    const current = periodOf('month', now);
    return { months, published: access.published, current, dataUntil: periodOf('day', now), latestComplete: months.find((m) => m < current) ?? null };
  });
}
