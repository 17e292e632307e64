import { parsePeriod, periodOf, type Period } from './period.ts';
import { periodReason } from './period-messages.ts';

/** The first day, Vietnam time, that data may be about unless configured otherwise (`NHIPSO_EARLIEST`). */
export const DEFAULT_EARLIEST = '2020-01-01';
/** How far past now an event's time may be: a source's clock running fast, not a plan. */
const EVENT_SLACK_MS = 24 * 3600_000;
/** Targets are set ahead: for this many years after the current one. */
const TARGET_YEARS_AHEAD = 10;
const VN_OFFSET_MS = 7 * 3600_000;

/** What a period is for: a figure already reported, or one planned ahead (a target, a task's due month). */
export type PeriodUse = 'reported' | 'planned';
type Why = { reason: string; reasonEn: string };

/** The instants an event batch read now may carry, as numbers and in the canonical form `toISOString` gives. */
export interface EventTimeBounds {
  earliestMs: number;
  latestMs: number;
  earliest: string;
  latest: string;
}

/**
 * The times and periods Nhịp Số accepts ("khoảng thời gian nhận"): nothing before the earliest day (2020-01-01 by
 * default), events at most a day ahead of now, reported values up to the end of the current year, targets (and
 * values the system writes, such as tasks due) up to ten years ahead. Every input path asks this one object.
 */
export class AcceptedWindow {
  /** The earliest day as an instant: its midnight in Vietnam time. */
  private readonly earliestMs: number;
  private readonly earliestMonth: string;

  /** Throws for an earliest day that is not a real `YYYY-MM-DD` date. */
  constructor(readonly earliest: string = DEFAULT_EARLIEST) {
    const day = parsePeriod(earliest);
    if (day?.type !== 'day') throw new Error(`the earliest accepted day must be a date YYYY-MM-DD, not "${earliest}"`);
    this.earliestMs = Date.UTC(day.year, day.firstMonth - 1, day.day ?? 1) - VN_OFFSET_MS;
    this.earliestMonth = earliest.slice(0, 7);
  }

  eventTimes(now: Date): EventTimeBounds {
    const latestMs = now.getTime() + EVENT_SLACK_MS;
    return { earliestMs: this.earliestMs, latestMs, earliest: new Date(this.earliestMs).toISOString(), latest: new Date(latestMs).toISOString() };
  }

  /**
   * Why a canonical period key is refused, or undefined when it is accepted: over before the earliest day, or after
   * the current year for a reported figure, after ten more years for a planned one.
   */
  refusal(key: string, now: Date, use: PeriodUse): Why | undefined {
    const p = parsePeriod(key);
    if (!p) return undefined;
    if (lastDay(p) < this.earliest) return periodReason('periodBeforeEarliest', { value: key, earliest: this.earliest });
    const year = currentYear(now) + (use === 'planned' ? TARGET_YEARS_AHEAD : 0);
    if (p.year <= year) return undefined;
    return use === 'planned' ? periodReason('plannedPeriodTooFarAhead', { value: key, year }) : periodReason('valuePeriodTooFarAhead', { value: key, year });
  }

  /** Why a period asked for in a query is refused: not a canonical key of a real period, or outside every use. */
  queryRefusal(key: string, now: Date): Why | undefined {
    if (parsePeriod(key) && !this.refusal(key, now, 'planned')) return undefined;
    return periodReason('badPeriodParam', { value: key, earliest: this.earliest, year: currentYear(now) + TARGET_YEARS_AHEAD });
  }

  /** The months (`YYYY-MM`) that data in the window can be about: from the earliest day's to December of the current year. */
  months(now: Date): { first: string; last: string } {
    return { first: this.earliestMonth, last: `${currentYear(now)}-12` };
  }

}

/** The window with the default earliest day, for callers not given one by the configuration. */
export const DEFAULT_WINDOW = new AcceptedWindow();

const currentYear = (now: Date): number => Number(periodOf('year', now));

/** The last day of a period as `YYYY-MM-DD`, to compare with the earliest day as text. */
function lastDay(p: Period): string {
  if (p.type === 'day') return p.key;
  const days = new Date(Date.UTC(p.year, p.lastMonth, 0)).getUTCDate();
  return `${p.year}-${String(p.lastMonth).padStart(2, '0')}-${days}`;
}
