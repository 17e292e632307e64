import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ValidationError, type Problem } from '../shared/errors.ts';
import { Catalogue, DEFAULT_CATALOGUE_PATH, loadCatalogueFile, parseCatalogue } from './catalogue.ts';
import type { CatalogueDefinition, EventTypeDefinition, IndicatorDefinition } from './indicator.ts';

const pillars = [{ code: 'p_one', name: 'Trụ cột', nameEn: 'Pillar', weight: 1 }];
const resolved: EventTypeDefinition = {
  code: 'dossier.resolved', name: 'Hồ sơ giải quyết', nameEn: 'Dossier resolved',
  attributes: { on_time: { type: 'boolean' }, channel: { type: 'string', values: ['online', 'offline'] }, days: { type: 'integer' }, note: { type: 'string' } },
};

function counted(code: string, event: IndicatorDefinition['event']): IndicatorDefinition {
  return {
    code, name: code, nameEn: code, kind: 'event', measure: 'x', periodType: 'month', direction: 'higher',
    rollup: 'sum', pillar: 'p_one', weight: 0, appliesTo: ['nation', 'province'], event,
  };
}

function problemsOf(def: CatalogueDefinition): Pick<Problem, 'field' | 'reasonEn'>[] {
  try {
    parseCatalogue(stringify(def), 'test.yaml');
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => ({ field: p.field, reasonEn: p.reasonEn }));
    throw error;
  }
  return [];
}

describe('event types in the catalogue', () => {
  it('declares every type and attribute the default catalogue reads, with the types the demo and the bench send', () => {
    const catalogue = new Catalogue(loadCatalogueFile(DEFAULT_CATALOGUE_PATH));
    const read = new Set(catalogue.all().flatMap((d) => (d.event ? [d.event.type] : [])));
    expect(new Set(catalogue.definition.eventTypes?.map((t) => t.code))).toEqual(read);
    expect(catalogue.eventType('dossier.resolved')?.attributes).toContainEqual({ name: 'on_time', type: 'boolean', values: undefined });
  });

  it('refuses an indicator reading a type or an attribute that is not declared, naming the field', () => {
    const def: CatalogueDefinition = {
      pillars, eventTypes: [resolved],
      indicators: [
        counted('typo', { type: 'dossier.resolve', aggregate: 'count' }),
        counted('unknown_filter', { type: 'dossier.resolved', filter: { late: true }, aggregate: 'count' }),
        counted('unknown_field', { type: 'dossier.resolved', aggregate: 'distinct', field: 'person' }),
      ],
    };
    expect(problemsOf(def)).toEqual([
      { field: 'indicators[0].event.type', reasonEn: 'Event type "dossier.resolve" is not declared under eventTypes' },
      { field: 'indicators[1].event.filter.late', reasonEn: 'Event type "dossier.resolved" declares no attribute "late"' },
      { field: 'indicators[2].event.field', reasonEn: 'Event type "dossier.resolved" declares no attribute "person"' },
    ]);
  });

  it('refuses a filter value of the wrong type or outside the listed values, and a sum of what is not a number', () => {
    const def: CatalogueDefinition = {
      pillars, eventTypes: [resolved, { code: 'bad.values', name: 'x', nameEn: 'x', attributes: { level: { type: 'integer', values: ['1'] } } }],
      indicators: [
        counted('quoted', { type: 'dossier.resolved', filter: { on_time: 'true' }, aggregate: 'count' }),
        counted('listed', { type: 'dossier.resolved', filter: { channel: ['online', 'paper'] }, aggregate: 'count' }),
        counted('fraction', { type: 'dossier.resolved', filter: { days: 1.5 }, aggregate: 'count' }),
        counted('summed_text', { type: 'dossier.resolved', aggregate: 'sum', field: 'note' }),
      ],
    };
    expect(problemsOf(def)).toEqual([
      { field: 'eventTypes[1].attributes.level.values', reasonEn: 'A list of values is for string attributes only' },
      { field: 'indicators[0].event.filter.on_time', reasonEn: 'Filter value "true" does not fit attribute "on_time": it must be a boolean (true or false, unquoted)' },
      { field: 'indicators[1].event.filter.channel', reasonEn: 'Filter value "paper" does not fit attribute "channel": it must be one of: online, offline' },
      { field: 'indicators[2].event.filter.days', reasonEn: 'Filter value 1.5 does not fit attribute "days": it must be an integer' },
      { field: 'indicators[3].event.field', reasonEn: 'Attribute "note" is summed, so it must be declared number or integer' },
    ]);
  });

  it('checks the declarations themselves: codes unique, attribute types known', () => {
    const def = { pillars, eventTypes: [resolved, { ...resolved, attributes: { on_time: { type: 'bool' } } }], indicators: [counted('ok', { type: 'dossier.resolved', aggregate: 'count' })] };
    expect(problemsOf(def as CatalogueDefinition)).toEqual([
      { field: 'eventTypes[1].attributes.on_time.type', reasonEn: expect.stringContaining('string, number, integer, boolean') },
      { field: 'eventTypes[1].code', reasonEn: expect.stringContaining('dossier.resolved') },
    ]);
  });

  it('knows, in a catalogue that declares no event types, the types its indicators read with the attributes they compare or sum', () => {
    const catalogue = new Catalogue({
      pillars,
      indicators: [
        counted('on_time', { type: 'dossier.resolved', filter: { on_time: true }, aggregate: 'count' }),
        counted('fees', { type: 'dossier.resolved', aggregate: 'sum', field: 'fee' }),
        counted('mixed', { type: 'dossier.resolved', filter: { level: [1, 2] }, aggregate: 'count' }),
        counted('mixed_too', { type: 'dossier.resolved', filter: { level: 'cao' }, aggregate: 'count' }),
      ],
    });
    expect(catalogue.eventTypes.map((t) => t.code)).toEqual(['dossier.resolved']);
    expect(catalogue.eventType('dossier.resolved')?.attributes.map((a) => [a.name, a.type])).toEqual([['on_time', 'boolean'], ['fee', 'number']]);
    expect(catalogue.eventType('dossier.submitted')).toBeUndefined();
  });
});
