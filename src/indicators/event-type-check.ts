import { Value } from 'typebox/value';
import { EventTypeDefinition, type IndicatorDefinition } from './indicator.ts';
import type { Report } from './catalogue-schema.ts';
import { eventTypeReason } from './event-type-messages.ts';
import { describeAttribute, fitsAttribute } from './event-types.ts';

/**
 * Checks declared event types against the indicators that read them: every type read is declared, every attribute
 * filtered, summed or counted is declared on its type, every filter value has the attribute's type, and a summed
 * attribute is a number. Items that failed the schema are skipped (already reported).
 */
export function checkEventTypes(items: readonly unknown[], indicators: readonly (IndicatorDefinition | undefined)[], report: Report): void {
  const declared = new Map<string, EventTypeDefinition>();
  items.forEach((item, i) => {
    if (!Value.Check(EventTypeDefinition, item)) return;
    if (!declared.has(item.code)) declared.set(item.code, item);
    for (const [name, a] of Object.entries(item.attributes ?? {})) {
      if (a.values && a.type !== 'string') report(['eventTypes', i, 'attributes', name, 'values'], eventTypeReason('valuesNeedString'));
    }
  });
  indicators.forEach((def, i) => {
    const rule = def?.event;
    if (!rule) return;
    const type = declared.get(rule.type);
    if (!type) return report(['indicators', i, 'event', 'type'], eventTypeReason('eventTypeUndeclared', { type: rule.type }));
    const attribute = (name: string, path: (string | number)[]) => {
      const a = type.attributes?.[name];
      if (!a) report(['indicators', i, 'event', ...path], eventTypeReason('attributeUndeclared', { type: type.code, name }));
      return a;
    };
    for (const [name, expected] of Object.entries(rule.filter ?? {})) {
      const a = attribute(name, ['filter', name]);
      if (!a) continue;
      for (const value of [expected].flat()) {
        if (fitsAttribute(a, value)) continue;
        const { vi, en } = describeAttribute(a);
        report(['indicators', i, 'event', 'filter', name], eventTypeReason('filterValueMismatch', { value: JSON.stringify(value), name, expected: vi, expectedEn: en }));
      }
    }
    if (!rule.field) return;
    const a = attribute(rule.field, ['field']);
    if (a && rule.aggregate === 'sum' && a.type !== 'number' && a.type !== 'integer') report(['indicators', i, 'event', 'field'], eventTypeReason('sumFieldNotNumber', { name: rule.field }));
  });
}
