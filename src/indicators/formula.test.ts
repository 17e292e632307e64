import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { isLinear, isQuotient, parseFormula } from './formula.ts';

const values: Record<string, number | null> = { online: 30, total: 40, zero: 0, missing: null, huge: 1e308 };
const lookup = (code: string) => values[code];

describe('parseFormula', () => {
  it('lists each input once, in order of first use', () => {
    expect(parseFormula('online / total * 100 + online').inputs).toEqual(['online', 'total']);
  });

  it('evaluates + - * / with precedence, parentheses and unary minus', () => {
    expect(parseFormula('online / total * 100').evaluate(lookup)).toBe(75);
    expect(parseFormula('-(online - total) * 2 + 1').evaluate(lookup)).toBe(21);
    expect(parseFormula('1.5e1 - 5').evaluate(lookup)).toBe(10);
  });

  it('returns null on division by zero', () => {
    expect(parseFormula('online / zero * 100').evaluate(lookup)).toBeNull();
  });

  it('returns null when any input has no value, even one that would not change the result', () => {
    expect(parseFormula('online + missing * 0').evaluate(lookup)).toBeNull();
    expect(parseFormula('online + unknown_code').evaluate(lookup)).toBeNull();
  });

  it('returns null when the result is not finite', () => {
    expect(parseFormula('huge * 10').evaluate(lookup)).toBeNull();
  });

  it.each([
    ['a function call', 'max(online, total)'],
    ['member access', 'online.value'],
    ['indexing', 'online[0]'],
    ['a string', '"online"'],
    ['a boolean', 'true'],
    ['a comparison', 'online > total'],
    ['a modulo', 'online % total'],
    ['a conditional', 'online ? total : 1'],
    ['two expressions', 'online; total'],
    ['a logical not', '!online'],
    ['a code with capitals', 'Online / total'],
    ['a syntax error', 'online +'],
    ['nothing', '  '],
  ])('rejects %s with a bilingual reason on the formula field', (_what, text) => {
    let error: unknown;
    try {
      parseFormula(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const [problem] = (error as ValidationError).problems;
    expect(problem?.field).toBe('formula');
    expect(problem?.reason).toMatch(/^Công thức không hợp lệ: /);
    expect(problem?.reasonEn).toMatch(/^Invalid formula: /);
  });
});

describe('isQuotient', () => {
  it.each(['aa / bb', 'aa / bb * 100', '100 * aa / bb', '(aa / bb) / 100', '-(aa / bb)', 'aa / (bb + cc) * 100'])(
    'is true for the ratio %s',
    (text) => expect(isQuotient(parseFormula(text))).toBe(true),
  );

  it.each(['aa + bb', 'aa - bb * 2', '(aa + bb) / 2', 'aa * bb', 'aa / bb + cc'])('is false for %s', (text) =>
    expect(isQuotient(parseFormula(text))).toBe(false),
  );
});

describe('isLinear', () => {
  it('accepts sums scaled by constants and rejects products or quotients of inputs', () => {
    expect(isLinear(parseFormula('(aa + bb) / 2 - 3 * cc'))).toBe(true);
    expect(isLinear(parseFormula('aa * bb'))).toBe(false);
    expect(isLinear(parseFormula('aa / bb + cc'))).toBe(false);
  });
});
