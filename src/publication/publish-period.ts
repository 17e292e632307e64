import type { Core } from '../core.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import type { Actor } from '../writes/write-gate.ts';
import { publicationMsg, publicationReason } from './publication-messages.ts';
import { publishKpiValues } from './kpi-snapshot.ts';
import { isPublished } from './publication.query.ts';
import { checkEndedMonth, checkReportMonth } from './report-month.ts';
import { SCORE_COLUMNS } from './score-snapshot.ts';

export const MAX_NOTE = 2000;

export interface Publication {
  period: string;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  units: number;
  /** KPI values copied for the public: the month's, its days', and its quarter's and year's unless a later month of them is published. */
  values: number;
}

/**
 * Publishes a month ("công bố kỳ báo cáo"): its scores are copied, as they stand, into `published_scores`, and its
 * KPI values into `published_kpi_values`, which the public reads from then on. Later data for the month changes the
 * live figures only; the published ones change through `correctPublished`, with a reason.
 */
export async function publishPeriod(core: Core, actor: Actor, month: string, note?: string | null): Promise<Publication & { seq: number | null }> {
  const period = checkReportMonth(month);
  const text = note?.trim() || null;
  if (text && text.length > MAX_NOTE) {
    throw new ValidationError(publicationMsg('invalid').vi, [{ field: 'note', ...publicationReason('tooLong', { max: MAX_NOTE }) }]);
  }
  return core.gate.run(actor, { action: 'periods.publish', units: [] }, async (trx) => {
    checkEndedMonth(period, core.ctx.now());
    if (await isPublished(trx, period)) throw new ConflictError(publicationMsg('alreadyPublished', { period }).vi, { period });
    const publishedAt = core.ctx.now().toISOString();
    await trx.insertInto('published_periods').values({ period, published_at: publishedAt, published_by: actor.id, note: text }).execute();
    const copied = await trx
      .insertInto('published_scores')
      .columns([...SCORE_COLUMNS])
      .expression((eb) => eb.selectFrom('scores').select([...SCORE_COLUMNS]).where('period', '=', period))
      .executeTakeFirst();
    const units = Number(copied.numInsertedOrUpdatedRows ?? 0);
    if (units === 0) {
      throw new ValidationError(publicationMsg('noScores', { period }).vi, [{ field: 'period', value: period, ...publicationReason('noScores', { period }) }]);
    }
    const values = await publishKpiValues(trx, period);
    const publication: Publication = { period, publishedAt, publishedBy: actor.id, note: text, units, values };
    return { ...publication, audit: { target: `period:${period}`, after: { period, units, values, note: text } } };
  });
}
