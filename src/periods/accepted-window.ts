import { parsePeriod, periodOf, type Period } from './period.ts';

/** The first day, Vietnam time, that data may be about unless configured otherwise (`NHIPSO_EARLIEST`). */
export const DEFAULT_EARLIEST = '2020-01-01';
/** How far past now an event's time may be: a source's clock running fast, not a plan. */
const EVENT_SLACK_MS = 24 * 3600_000;
/** Targets are set ahead: for this many years after the current one. */
const TARGET_YEARS_AHEAD = 10;
const VN_OFFSET_MS = 7 * 3600_000;

/** Why a time or period falls outside the window, for the caller's message. */
export type OutOfWindow = 'beforeEarliest' | 'tooFarAhead';

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

  /** A reported value's period: not over before the earliest day, not in a year after the current one. */
  valuePeriod(key: string, now: Date): OutOfWindow | undefined {
    return this.check(key, currentYear(now));
  }

  /** A target's period, or a value the system computes (tasks due ahead): up to ten years after the current one. */
  plannedPeriod(key: string, now: Date): OutOfWindow | undefined {
    return this.check(key, currentYear(now) + TARGET_YEARS_AHEAD);
  }

  /** The months (`YYYY-MM`) that data in the window can be about: from the earliest day's to December of the current year. */
  months(now: Date): { first: string; last: string } {
    return { first: this.earliestMonth, last: `${currentYear(now)}-12` };
  }

  private check(key: string, lastYear: number): OutOfWindow | undefined {
    const p = parsePeriod(key);
    if (!p) return undefined;
    if (lastDay(p) < this.earliest) return 'beforeEarliest';
    return p.year > lastYear ? 'tooFarAhead' : undefined;
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
