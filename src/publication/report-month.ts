import { currentMonth, parsePeriod } from '../periods/period.ts';
import { ValidationError } from '../shared/errors.ts';
import { publicationMsg, publicationReason } from './publication-messages.ts';

/** A report period is a month, `YYYY-MM`; anything else is refused naming the field. */
export function checkReportMonth(value: string, field = 'period'): string {
  const month = value.trim();
  if (parsePeriod(month)?.type !== 'month') {
    throw new ValidationError(publicationMsg('badMonth', { value }).vi, [{ field, value, ...publicationReason('badMonth', { value }) }]);
  }
  return month;
}

/** Only a month that has ended can be published: the figures of a running month are still arriving. */
export function checkEndedMonth(month: string, now: Date): void {
  if (month >= currentMonth(now)) {
    throw new ValidationError(publicationMsg('monthNotEnded', { period: month }).vi, [{ field: 'period', value: month, ...publicationReason('monthNotEnded', { period: month }) }]);
  }
}
