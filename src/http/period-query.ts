import type { FastifyInstance } from 'fastify';
import type { Core } from '../core.ts';
import { ValidationError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';

/**
 * Refuses a read asking for a `?period=` that is no real period (`2026-13`, `2026-02-30`, `2026-Q5`) or lies outside
 * the accepted window (see accepted-window.ts): 400 naming it, where the read would answer an empty table as if the
 * period simply held no data. One hook for every read route, so none can forget it.
 */
export function refuseBadPeriodQuery(app: FastifyInstance, core: Core): void {
  app.addHook('preValidation', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const period = (req.query as Record<string, unknown> | undefined)?.period;
    if (typeof period !== 'string') return;
    const why = core.ctx.window.queryRefusal(period, core.ctx.now());
    if (why) throw new ValidationError(msg('requestInvalid').vi, [{ field: 'period', value: period, ...why }]);
  });
}
