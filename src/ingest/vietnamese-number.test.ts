import { describe, expect, it } from 'vitest';
import { formatVietnameseNumber, parseVietnameseNumber } from './vietnamese-number.ts';

describe('parseVietnameseNumber', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['1234,5', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1,5', 1.5],
    ['0,25', 0.25],
    ['42', 42],
    ['-12', -12],
    ['- 12', -12],
    ['+7', 7],
    ['(12)', -12],
    ['(1.234,5)', -1234.5],
    ['59%', 59],
    ['59,2 %', 59.2],
    ['-3,5%', -3.5],
    ['(5%)', -5],
    ['  12  ', 12],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseVietnameseNumber(raw)).toBe(expected);
  });

  it('reads a single dot before exactly three digits as thousands', () => {
    expect(parseVietnameseNumber('1.234')).toBe(1234);
    expect(parseVietnameseNumber('12.500')).toBe(12500);
  });

  it('reads any other single dot as a decimal point, as English-locale exports write it', () => {
    expect(parseVietnameseNumber('1.5')).toBe(1.5);
    expect(parseVietnameseNumber('0.123')).toBe(0.123);
    expect(parseVietnameseNumber('12.3456')).toBe(12.3456);
  });

  it('passes numbers from Excel cells through', () => {
    expect(parseVietnameseNumber(1234.5)).toBe(1234.5);
    expect(parseVietnameseNumber(0)).toBe(0);
    expect(parseVietnameseNumber(Number.NaN)).toBeUndefined();
    expect(parseVietnameseNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it.each(['', '   ', 'abc', '1.2.3,4,5', '1,2,3', '12.34.567', '1 23,5', '1.23,5', '12a', '--1', '-(1)', '%', ',5', '1,'])(
    'rejects %j',
    (raw) => {
      expect(parseVietnameseNumber(raw)).toBeUndefined();
    },
  );
});

describe('formatVietnameseNumber', () => {
  it('writes dot thousands and comma decimals', () => {
    expect(formatVietnameseNumber(1234.5)).toBe('1.234,5');
    expect(formatVietnameseNumber(1234567)).toBe('1.234.567');
  });

  it('rounds to the given number of decimals', () => {
    expect(formatVietnameseNumber(3.14159)).toBe('3,14');
    expect(formatVietnameseNumber(3.14159, 0)).toBe('3');
  });

  it('reads back what it writes', () => {
    expect(parseVietnameseNumber(formatVietnameseNumber(-98765.43))).toBe(-98765.43);
  });
});
