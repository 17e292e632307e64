import { isSignedIn, type Actor } from '../auth/actor.ts';
import { authMsg } from '../auth/auth-messages.ts';
import { periodsAs } from '../kpi/kpi-key.ts';
import type { KpiReader } from '../kpi/kpi.query.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import { currentMonth, type PeriodType } from '../periods/period.ts';
import type { ScoreTableName } from '../scoring/scorecard.query.ts';
import { ForbiddenError, UnauthorizedError, type AppError } from '../shared/errors.ts';
import { publicationMsg } from './publication-messages.ts';
import { listPublishedMonths, publicationOf, type PublicationStamp } from './publication.query.ts';
import { isPublicPeriod } from './public-periods.ts';

/**
 * What a reader may see: the one place that decides it. An account sees the live figures of every period and who
 * reported them. The public (and a source system's token) sees what publications made public only: scores as frozen
 * in `published_scores`, KPI values, reports and targets as copied into `published_kpi_values` for the periods
 * `isPublicPeriod` allows, and no account names.
 */
export interface ReadAccess extends KpiReader {
  live: boolean;
  /** Whether account names (who reported, published, corrected) may be shown. */
  names: boolean;
  /** A source system's token: it may read what the public reads; beyond that it is refused (403), not asked to log in. */
  token: boolean;
  /** Published months, newest first. */
  published: readonly string[];
  now: Date;
}

/** One month as a reader sees it: where its scores come from, and whether (and when) it was published. */
export interface MonthView {
  month: string;
  source: 'live' | 'published';
  table: ScoreTableName;
  published: PublicationStamp | null;
}

export async function readAccess(trx: Trx, actor: Actor, now: Date): Promise<ReadAccess> {
  const published = await listPublishedMonths(trx);
  if (isSignedIn(actor)) return { live: true, names: true, source: 'live', token: false, published, visible: () => true, now };
  const set = new Set(published);
  return { live: false, names: false, source: 'published', token: actor.kind === 'token', published, visible: (period) => isPublicPeriod(period, set), now };
}

/** The month asked for, or by default the current month (accounts) or the newest published one (the public). */
export async function monthView(trx: Trx, access: ReadAccess, asked: string | undefined): Promise<MonthView> {
  if (access.live) {
    const month = asked ?? currentMonth(access.now);
    return { month, source: 'live', table: 'scores', published: await publicationOf(trx, month) };
  }
  const month = asked ?? access.published[0];
  if (month === undefined) throw nothingPublished();
  if (!access.published.includes(month)) throw unpublished(access, month);
  return { month, source: 'published', table: 'published_scores', published: await publicationOf(trx, month) };
}

/**
 * The period an indicator page opens on: for an account the current month (mapped onto the indicator's own period
 * type by the caller); for the public the newest period of that type it may see, else the newest published month.
 */
export function defaultKpiPeriod(access: ReadAccess, type: PeriodType): string {
  if (access.live) return currentMonth(access.now);
  for (const month of access.published) {
    const period = periodsAs(month, type)[0];
    if (period && access.visible(period)) return period;
  }
  const latest = access.published[0];
  if (latest === undefined) throw nothingPublished();
  return latest;
}

/** Refuses a KPI period this reader may not see. */
export function checkVisible(access: ReadAccess, period: string): void {
  if (!access.visible(period)) throw unpublished(access, period);
}

function unpublished(access: ReadAccess, period: string): AppError {
  if (access.token) return new ForbiddenError(publicationMsg('tokenCannotRead', { period }).vi, { period });
  return new UnauthorizedError(authMsg('unpublishedPeriod', { period }).vi, { period });
}

const nothingPublished = () => new UnauthorizedError(publicationMsg('nothingPublished').vi, { period: null });
