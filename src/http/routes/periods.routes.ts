import type { Core } from '../../core.ts';
import { listScoredMonths } from '../../scoring/score-periods.query.ts';
import type { TypedServer } from '../server.ts';

/** The months the dashboard can show: those with scores, for its month picker. */
export function periodRoutes(api: TypedServer, core: Core): void {
  api.get('/api/periods', {
    schema: { tags: ['xếp hạng'], summary: 'Các tháng đã có điểm, mới nhất trước (YYYY-MM)' },
  }, async () => ({ months: await listScoredMonths(core.db) }));
}
