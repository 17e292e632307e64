import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormulaText } from './spreadsheet-text.ts';

const ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil","x")', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1+1', "'=1+1", "''-x"];
const PLAIN = ['Bộ Công an', '1-2', 'a=b', "'quoted'", "O'Neil", ''];

describe('neutraliseFormula', () => {
  it('puts an apostrophe before text that a spreadsheet would run as a formula', () => {
    expect(ATTACKS.map(neutraliseFormula)).toEqual(ATTACKS.map((text) => `'${text}`));
  });

  it('leaves other text alone', () => {
    expect(PLAIN.map(neutraliseFormula)).toEqual(PLAIN);
  });
});

describe('restoreFormulaText', () => {
  it('gives back exactly the text that was neutralised, whatever it held', () => {
    for (const text of [...ATTACKS, ...PLAIN]) expect(restoreFormulaText(neutraliseFormula(text))).toBe(text);
  });
});
