import type { FastifyRequest } from 'fastify';
import type { Core } from '../core.ts';
import { currentMonth, previousPeriod } from '../periods/period.ts';
import { readAccess, type ReadAccess } from '../publication/read-view.ts';
import { actorOf } from './actor.ts';

/** What every page of the dashboard reads before it can show anything (web/src/app-state.ts, session.ts). */
const APP_STATE = ['/api/health', '/api/indicators', '/api/session', '/api/periods'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The reads a page's first screen waits for, as the dashboard asks for them (same paths, same query order), so that
 * the page's HTML can start them beside its script instead of one round trip after another on a slow link. A hint
 * that no longer matches what the page asks costs the bytes of one answer and nothing else: the page asks again.
 */
export function firstScreenHints(core: Core): (req: FastifyRequest) => Promise<string[]> {
  return async (req) => {
    const url = new URL(req.url, 'http://page');
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const month = shownMonth(access, url.searchParams.get('period'));
    return [...APP_STATE, ...(month ? pageReads(core, url.pathname, month) : [])];
  };
}

/**
 * The month a page shows, picked as the dashboard picks it (app-state.ts, defaultPeriod); none when the public would
 * be refused it, since the page then asks for nothing.
 */
function shownMonth(access: ReadAccess, asked: string | null): string | undefined {
  if (asked !== null && MONTH.test(asked)) return access.live || access.published.includes(asked) ? asked : undefined;
  // A signed-in reader sees the latest complete month (decision 0028): the one before the running month, in all but
  // a system with no ended month yet, where the hint goes unused.
  return access.live ? previousPeriod(currentMonth(access.now)) : access.published[0];
}

function pageReads(core: Core, path: string, month: string): string[] {
  const period = `period=${month}`;
  if (path === '/') return [`/api/units/VN/kpis?${period}`, `/api/scorecard?level=province&${period}`, `/api/scorecard?level=ministry&${period}`];
  const segment = /^\/don-vi\/([^/]+)$/.exec(path)?.[1];
  const code = segment === undefined ? undefined : safeDecode(segment);
  if (code === undefined || !core.ctx.units.has(code)) return [];
  const unit = `/api/units/${encodeURIComponent(code)}`;
  return [unit, `${unit}/kpis?${period}`];
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
