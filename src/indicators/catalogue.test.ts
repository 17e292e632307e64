import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ValidationError, type Problem } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { Catalogue, DEFAULT_CATALOGUE_PATH, loadCatalogueFile, parseCatalogue } from './catalogue.ts';
import type { CatalogueDefinition, IndicatorDefinition } from './indicator.ts';

const pillars = [{ code: 'p_one', name: 'Trụ cột', nameEn: 'Pillar', weight: 1 }];

function reported(code: string, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
  return {
    code, name: code, nameEn: code, kind: 'reported', measure: 'x', periodType: 'month', direction: 'higher',
    rollup: 'sum', pillar: 'p_one', weight: 0, appliesTo: ['nation', 'province'], valid: { min: 0 }, ...extra,
  };
}

function formula(code: string, text: string, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
  return reported(code, { kind: 'formula', formula: text, rollup: 'ratio', weight: 1, target: 80, ...extra });
}

function event(code: string, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
  return reported(code, { kind: 'event', event: { type: 'dossier.submitted', aggregate: 'count' }, ...extra });
}

/** The problems a catalogue is rejected with, read from its YAML text as a file would be. */
function problemsOf(def: unknown): Problem[] {
  try {
    parseCatalogue(stringify(def), 'test.yaml');
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('the default catalogue', () => {
  const catalogue = new Catalogue(loadCatalogueFile(DEFAULT_CATALOGUE_PATH));
  const all = catalogue.all();

  it('loads, is valid and has at least 25 indicators of all three kinds and every roll-up rule', () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(new Set(all.map((d) => d.kind))).toEqual(new Set(['reported', 'event', 'formula']));
    expect(new Set(all.map((d) => d.rollup))).toEqual(new Set(['sum', 'ratio', 'weighted_mean', 'latest']));
    expect(all.some((d) => d.event?.aggregate === 'distinct')).toBe(true);
    expect(all.some((d) => d.event?.aggregate === 'sum')).toBe(true);
  });

  it('scores several indicators in every pillar at province level, and at least three for ministries', () => {
    const provincial = catalogue.scored('province');
    for (const pillar of catalogue.pillars) {
      expect(provincial.filter((d) => d.pillar === pillar.code).length, pillar.code).toBeGreaterThanOrEqual(2);
    }
    expect(catalogue.scored('ministry').length).toBeGreaterThanOrEqual(3);
    expect(catalogue.scored('commune').length).toBeGreaterThan(0);
  });

  it('gives every scored indicator a default target and every indicator a source', () => {
    for (const def of all) {
      expect(def.source, def.code).toBeTruthy();
      if (def.weight > 0) expect(def.target, def.code).toBeDefined();
    }
  });

  it('declares the valid range of every reported indicator, with its default target inside', () => {
    for (const def of all.filter((d) => d.kind === 'reported')) expect(def.valid, def.code).toBeDefined();
    expect(catalogue.get('coverage_5g_pct')?.valid).toEqual({ min: 0, max: 100 });
    expect(catalogue.get('population')?.valid).toEqual({ min: 0, integer: true });
  });

  it('places the indicators in the "5 có", "3 đột phá" and "5 tiên phong" frameworks', () => {
    expect(catalogue.frameworks.map((f) => f.code)).toEqual(expect.arrayContaining(['5co', '3dotpha', '5tienphong']));
    for (const framework of ['5co', '3dotpha', '5tienphong']) {
      expect(all.filter((d) => d.groups?.[framework]).length, framework).toBeGreaterThan(20);
    }
  });
});

describe('parseCatalogue', () => {
  it('rejects a formula with a function call, naming the indicator and the field', () => {
    const problems = problemsOf({ pillars, indicators: [reported('total'), formula('rate', 'max(total) * 100')] });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'indicators[1].formula', line: expect.any(Number), reasonEn: expect.stringContaining('max(…)') }),
    ]);
  });

  it('rejects a formula that uses an unknown indicator', () => {
    const problems = problemsOf({ pillars, indicators: [reported('total'), formula('rate', 'online / total * 100')] });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'indicators[1].formula', reason: 'Công thức dùng chỉ tiêu không có: "online"' }),
    ]);
  });

  it('rejects a dependency cycle and shows its path', () => {
    const indicators = [
      formula('first', 'second + 1', { rollup: 'sum' }),
      formula('second', 'third * 2', { rollup: 'sum' }),
      formula('third', 'first - 1', { rollup: 'sum' }),
    ];
    const problems = problemsOf({ pillars, indicators });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'indicators[0].formula', reasonEn: 'Formula dependency cycle: first → second → third → first' }),
    ]);
  });

  it('rejects an event indicator without an event rule', () => {
    const problems = problemsOf({ pillars, indicators: [event('dossiers', { event: undefined })] });
    expect(problems).toEqual([expect.objectContaining({ field: 'indicators[0].event', reason: msg('eventRuleMissing').vi })]);
  });

  it('lists every problem in the file, with its line, not just the first', () => {
    const indicators = [
      reported('population', { periodType: 'week' as never, extra: 1 } as never),
      event('dossiers', { event: { type: 'dossier.submitted', aggregate: 'sum' } }),
      formula('rate', 'dossiers / population * 100', { rollup: 'sum' }),
      reported('coverage', { rollup: 'ratio' }),
      reported('speed', { weightBy: 'population' }),
      reported('share', { rollup: 'weighted_mean', weightBy: 'nowhere', pillar: 'p_missing' }),
      reported('banded', { bands: { good: 50, fair: 75, average: 10 } }),
      reported('banded'),
    ];
    const problems = problemsOf({ pillars, indicators });
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'indicators[0].periodType',
        'indicators[0].extra',
        'indicators[1].event.field',
        'indicators[2].rollup',
        'indicators[3].rollup',
        'indicators[4].weightBy',
        'indicators[5].pillar',
        'indicators[5].weightBy',
        'indicators[6].bands',
        'indicators[7].code',
      ].sort(),
    );
    for (const p of problems) {
      expect(p.line, p.field).toBeGreaterThan(0);
      expect(p.reason, p.field).not.toBe('');
      expect(p.reasonEn, p.field).not.toBe('');
    }
  });

  it('requires a reported indicator to declare its range, refuses an empty one and a default target outside it', () => {
    const { valid: _valid, ...undeclared } = reported('total');
    const problems = problemsOf({
      pillars,
      indicators: [
        undeclared,
        reported('share', { valid: { min: 100, max: 0 } }),
        reported('coverage', { valid: { min: 0, max: 100 }, target: 150 }),
        formula('rate', 'share / coverage * 100', { valid: { min: 0, max: 100 }, target: -5, rollup: 'ratio' }),
      ],
    });
    expect(problems.map((p) => [p.field, p.reasonEn])).toEqual([
      ['indicators[0].valid', 'A reported indicator must declare its valid range (valid: { min, max, integer })'],
      ['indicators[1].valid', 'Empty range: min (100) is greater than max (0)'],
      ['indicators[2].target', 'Target 150 is outside the valid range 0 to 100'],
      ['indicators[3].target', 'Target -5 is outside the valid range 0 to 100'],
    ]);
  });

  it('says which values a field accepts and which fields are missing', () => {
    const { kind: _kind, measure: _measure, ...partial } = reported('total');
    const problems = problemsOf({ pillars, indicators: [{ ...partial, kind: 'guess' }] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'indicators[0].kind', reasonEn: 'Must be one of: reported, event, formula' }),
        expect.objectContaining({ field: 'indicators[0].measure', reason: 'Bắt buộc phải có' }),
      ]),
    );
  });

  it('requires the ratio roll-up for a quotient and sum inputs for a formula', () => {
    const indicators = [
      reported('coverage', { rollup: 'weighted_mean' }),
      reported('total'),
      formula('linear', 'total * 2'),
      formula('of_mean', 'coverage / total'),
      formula('mixed', 'total / total + total', { rollup: 'sum' }),
    ];
    const fields = problemsOf({ pillars, indicators }).map((p) => p.field);
    expect(fields).toEqual(['indicators[2].rollup', 'indicators[3].formula', 'indicators[4].formula']);
  });

  it('accepts a coarser input but not a finer one', () => {
    const indicators = [
      reported('yearly', { periodType: 'year' }),
      reported('daily', { periodType: 'day' }),
      formula('monthly_share', 'daily / yearly'),
    ];
    const problems = problemsOf({ pillars, indicators });
    expect(problems).toEqual([expect.objectContaining({ field: 'indicators[2].formula', reasonEn: expect.stringContaining('"daily"') })]);
  });

  it('checks framework groups when frameworks are declared', () => {
    const frameworks = [{ code: '5co', name: '5 có', nameEn: 'Five haves', groups: [{ code: 'du_lieu', name: 'Dữ liệu', nameEn: 'Data' }] }];
    const indicators = [reported('good', { groups: { '5co': 'du_lieu' } }), reported('bad', { groups: { '5co': 'nope', '9x': 'a' } })];
    const fields = problemsOf({ pillars, frameworks, indicators }).map((p) => p.field);
    expect(fields).toEqual(['indicators[1].groups.5co', 'indicators[1].groups.9x']);
  });

  it('reads JSON as well, and refuses a .json file that is not JSON', () => {
    const def: CatalogueDefinition = { pillars, indicators: [reported('total')] };
    expect(parseCatalogue(JSON.stringify(def), 'c.json')).toEqual(def);
    expect(() => parseCatalogue('pillars: []', 'c.json')).toThrow(ValidationError);
  });

  it('reports a YAML syntax error with its line', () => {
    try {
      parseCatalogue('pillars:\n  - code: a\n   bad: [', 'broken.yaml');
    } catch (error) {
      expect((error as ValidationError).problems[0]?.line).toBeGreaterThan(1);
      return;
    }
    throw new Error('expected a syntax error');
  });
});

describe('Catalogue', () => {
  const def: CatalogueDefinition = {
    pillars: [...pillars, { code: 'a_pillar', name: 'A', nameEn: 'A', weight: 1 }],
    indicators: [
      formula('share', 'combined / population * 100', { weight: 2, appliesTo: ['province', 'commune'] }),
      formula('combined', 'online + submitted', { rollup: 'sum' }),
      event('online', { event: { type: 'dossier.submitted', filter: { channel: 'online' }, aggregate: 'count' } }),
      event('submitted'),
      reported('population', { periodType: 'year' }),
      reported('coverage', { rollup: 'weighted_mean', weightBy: 'population', weight: 1, periodType: 'quarter' }),
      reported('daily', { periodType: 'day', weight: 1 }),
    ],
  };

  it('rejects an invalid definition, listing its problems', () => {
    expect(() => new Catalogue({ pillars, indicators: [event('broken', { event: undefined })] })).toThrow(ValidationError);
  });

  it('puts inputs before the formulas that use them, keeping the catalogue order otherwise', () => {
    const order = new Catalogue(def).all().map((d) => d.code);
    expect(order).toEqual(['online', 'submitted', 'combined', 'population', 'share', 'coverage', 'daily']);
  });

  it('finds the formulas depending on an indicator, through other formulas, in dependency order', () => {
    const catalogue = new Catalogue(def);
    expect(catalogue.dependents('online')).toEqual(['combined', 'share']);
    expect(catalogue.dependents('population')).toEqual(['share']);
    expect(catalogue.dependents('share')).toEqual([]);
    expect(catalogue.formulaOf('share')?.inputs).toEqual(['combined', 'population']);
  });

  it('indexes event indicators by event type and weighted means by their weight', () => {
    const catalogue = new Catalogue(def);
    expect(catalogue.byEventType('dossier.submitted').map((d) => d.code)).toEqual(['online', 'submitted']);
    expect(catalogue.byEventType('nothing.happened')).toEqual([]);
    expect(catalogue.weightedBy('population')).toEqual(['coverage']);
  });

  it('scores weighted indicators that apply to the unit kind and are not daily', () => {
    const catalogue = new Catalogue(def);
    expect(catalogue.scored('province').map((d) => d.code)).toEqual(['combined', 'share', 'coverage']);
    expect(catalogue.scored('commune').map((d) => d.code)).toEqual(['share']);
  });

  it('reads a coarser input at the enclosing period', () => {
    const catalogue = new Catalogue(def);
    expect(catalogue.inputPeriod('population', '2025-10')).toBe('2025');
    expect(catalogue.inputPeriod('coverage', '2025-10')).toBe('2025-Q4');
    expect(catalogue.inputPeriod('daily', '2025-10')).toBeUndefined();
  });

  it('keeps the pillars in catalogue order and its definitions frozen', () => {
    const catalogue = new Catalogue(def);
    expect(catalogue.pillars.map((p) => p.code)).toEqual(['p_one', 'a_pillar']);
    expect(Object.isFrozen(catalogue.get('share'))).toBe(true);
  });
});
