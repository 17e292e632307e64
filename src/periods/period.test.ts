import { describe, expect, it } from 'vitest';
import { periodOf } from './period.ts';
import { parseInstant } from './instant.ts';

describe('period keys', () => {
  it('writes a year before 1000 with four digits, so that no key is malformed whatever was stored long ago', () => {
    const instant = new Date(parseInstant('0001-01-15T12:00:00Z'));
    expect(instant.toISOString()).toBe('0001-01-15T12:00:00.000Z');
    expect(['day', 'month', 'quarter', 'year'].map((t) => periodOf(t as 'day', instant))).toEqual(['0001-01-15', '0001-01', '0001-Q1', '0001']);
  });
});
