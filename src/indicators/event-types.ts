import type { AttributeDefinition, AttributeType, CatalogueDefinition, EventTypeDefinition, IndicatorDefinition } from './indicator.ts';
import type { Entry } from '../shared/message-catalogue.ts';
import { eventTypeMsg } from './event-type-messages.ts';

/** A declared attribute as every event of its type is checked against it: the allowed values as a set. */
export interface AttributeRule {
  readonly name: string;
  readonly type: AttributeType;
  readonly values: ReadonlySet<string> | undefined;
}

/** What an event of one type is checked against and counted by, worked out once per catalogue. */
export interface EventTypeRules {
  readonly code: string;
  /** The event indicators that read the type. */
  readonly indicators: readonly IndicatorDefinition[];
  readonly attributes: readonly AttributeRule[];
}

/** Whether a value has an attribute's declared type (and is one of its values, when listed). */
export function fitsAttribute(rule: { type: AttributeType; values?: ReadonlySet<string> | readonly string[] | undefined }, v: unknown): boolean {
  switch (rule.type) {
    case 'string': {
      if (typeof v !== 'string') return false;
      const values = rule.values;
      return values === undefined || ('has' in values ? values.has(v) : values.includes(v));
    }
    case 'number': return typeof v === 'number';
    case 'integer': return Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
  }
}

/** An attribute's type as people read it: "a boolean", "one of: online, offline". */
export function describeAttribute(a: Pick<AttributeDefinition, 'type' | 'values'>): Entry {
  if (a.values) return eventTypeMsg('typeOneOf', { values: a.values.join(', ') });
  const key = ({ string: 'typeString', number: 'typeNumber', integer: 'typeInteger', boolean: 'typeBoolean' } as const)[a.type];
  return eventTypeMsg(key);
}

/** The event types in force: those declared, or for a catalogue that declares none, those its indicators imply. */
export function eventTypesOf(def: Pick<CatalogueDefinition, 'eventTypes' | 'indicators'>): readonly EventTypeDefinition[] {
  return def.eventTypes ?? impliedEventTypes(def.indicators);
}

/**
 * The types a catalogue without `eventTypes` (written before they were declared) knows: each type an indicator reads,
 * with the attributes its filters compare (typed as the filter's values) and the numbers it sums. An attribute that
 * two indicators compare with values of different types is left undeclared.
 */
function impliedEventTypes(indicators: readonly IndicatorDefinition[]): EventTypeDefinition[] {
  const types = new Map<string, Map<string, AttributeType | 'mixed'>>();
  const note = (attributes: Map<string, AttributeType | 'mixed'>, name: string, type: AttributeType) => {
    const seen = attributes.get(name);
    attributes.set(name, seen === undefined || seen === type ? type : 'mixed');
  };
  for (const { event } of indicators) {
    if (!event) continue;
    let attributes = types.get(event.type);
    if (!attributes) types.set(event.type, (attributes = new Map()));
    for (const [name, expected] of Object.entries(event.filter ?? {})) {
      const first = Array.isArray(expected) ? expected[0] : expected;
      if (first !== undefined) note(attributes, name, typeof first === 'boolean' ? 'boolean' : typeof first === 'number' ? 'number' : 'string');
    }
    if (event.aggregate === 'sum' && event.field) note(attributes, event.field, 'number');
  }
  return [...types].map(([code, attributes]) => ({
    code, name: code, nameEn: code,
    attributes: Object.fromEntries([...attributes].flatMap(([name, type]) => (type === 'mixed' ? [] : [[name, { type }]]))),
  }));
}

/** Each type's rules, for the catalogue's index (see `Catalogue.eventType`). */
export function eventTypeRules(types: readonly EventTypeDefinition[], indicatorsOf: (type: string) => readonly IndicatorDefinition[]): Map<string, EventTypeRules> {
  const rules = new Map<string, EventTypeRules>();
  for (const t of types) {
    const attributes = Object.entries(t.attributes ?? {}).map(([name, a]) => ({ name, type: a.type, values: a.values && new Set(a.values) }));
    rules.set(t.code, { code: t.code, indicators: indicatorsOf(t.code), attributes });
  }
  return rules;
}
