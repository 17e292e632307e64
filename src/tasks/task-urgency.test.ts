import { describe, expect, it } from 'vitest';
import { vietnamDate } from './deadline.ts';
import { urgencyOf } from './task-status.ts';

const open = { deadline: '2026-11-15', progress: 40, completion: 'none' as const, completed_on: null };

describe('days overdue, by the Vietnam calendar', () => {
  it('is still "0 days left" at 23:30 in Hà Nội on the deadline, though it is the next day nowhere in UTC yet', () => {
    expect(urgencyOf(open, vietnamDate(new Date('2026-11-15T16:30:00Z')))).toEqual({ daysOverdue: null, dueInDays: 0 });
  });

  it('turns overdue by one day at midnight in Hà Nội, while it is still the deadline day in UTC', () => {
    expect(urgencyOf(open, vietnamDate(new Date('2026-11-15T17:30:00Z')))).toEqual({ daysOverdue: 1, dueInDays: null });
  });

  it('counts a deliverable sent late and awaiting acceptance as overdue still', () => {
    const late = { ...open, completion: 'submitted' as const, completed_on: '2026-11-20' };
    expect(urgencyOf(late, '2026-11-22')).toEqual({ daysOverdue: 7, dueInDays: null });
  });
});
