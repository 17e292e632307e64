import type { TObject } from 'typebox';
import { Value } from 'typebox/value';
import { Locale } from 'typebox/system';
import type { TLocalizedValidationError } from 'typebox/error';
import { msg, reason } from '../shared/messages.ts';
import { CatalogueDefinition, EventTypeDefinition, FrameworkDefinition, IndicatorDefinition, PillarDefinition } from './indicator.ts';

/** A path into the catalogue document, e.g. `['indicators', 3, 'periodType']`. */
export type DocPath = readonly (string | number)[];
export type Report = (path: DocPath, why: { reason: string; reasonEn: string }) => void;

/**
 * Schema problems, made readable: one per missing or unknown field, a union's members as one "must be one of".
 * TypeBox buffers at most 8 errors per call (a global setting), so each property is checked on its own.
 */
export function schemaProblems(value: unknown, report: Report): void {
  if (!isRecord(value)) return translate(Value.Errors(CatalogueDefinition, value), [], report);
  shapeProblems(CatalogueDefinition, value, [], report);
  const lists = [
    ['pillars', PillarDefinition],
    ['frameworks', FrameworkDefinition],
    ['eventTypes', EventTypeDefinition],
    ['indicators', IndicatorDefinition],
  ] as const;
  for (const [name, itemSchema] of lists) {
    const list = value[name];
    if (list === undefined) continue;
    if (!Array.isArray(list) || (list.length === 0 && name !== 'eventTypes')) {
      translate(Value.Errors(CatalogueDefinition.properties[name], list), [name], report);
      continue;
    }
    list.forEach((item, i) => objectProblems(itemSchema, item, [name, i], report));
  }
}

function objectProblems(schema: TObject, value: unknown, path: DocPath, report: Report): void {
  if (!isRecord(value)) return translate(Value.Errors(schema, value), path, report);
  shapeProblems(schema, value, path, report);
  for (const [name, child] of Object.entries(value)) {
    const property = schema.properties[name];
    if (property) translate(Value.Errors(property, child), [...path, name], report);
  }
}

function shapeProblems(schema: TObject, value: Record<string, unknown>, path: DocPath, report: Report): void {
  for (const name of schema.required) if (value[name] === undefined) report([...path, name], reason('required'));
  for (const name of Object.keys(value)) if (!(name in schema.properties)) report([...path, name], reason('unknownField'));
}

function translate(errors: TLocalizedValidationError[], base: DocPath, report: Report): void {
  // A union fails once per member; gather the members into one "must be one of" per path.
  const allowed = new Map<string, unknown[]>();
  const types = new Map<string, string[]>();
  for (const error of errors) {
    const path = [...base, ...pointerToPath(error.instancePath)];
    switch (error.keyword) {
      case 'required':
        for (const name of error.params.requiredProperties) report([...path, name], reason('required'));
        break;
      case 'additionalProperties':
        for (const name of error.params.additionalProperties) report([...path, name], reason('unknownField'));
        break;
      case 'boolean': // the same unknown field, seen from the `additionalProperties: false` schema
        break;
      case 'const':
        push(allowed, error.instancePath, error.params.allowedValue);
        break;
      case 'type':
        push(types, error.instancePath, ...[error.params.type].flat());
        break;
      case 'anyOf':
        if (!allowed.has(error.instancePath) && !types.has(error.instancePath)) report(path, localized(error));
        break;
      case 'pattern':
        report(path, reason('badCode'));
        break;
      default:
        report(path, localized(error));
    }
  }
  for (const [pointer, values] of allowed) {
    report([...base, ...pointerToPath(pointer)], reason('mustBeOneOf', { values: values.map(String).join(', ') }));
  }
  for (const [pointer, names] of types) {
    if (allowed.has(pointer)) continue;
    const vi = msg('mustBeType', { types: names.map((t) => TYPE_NAMES_VI[t] ?? t).join(' hoặc ') }).vi;
    const en = msg('mustBeType', { types: names.join(' or ') }).en;
    report([...base, ...pointerToPath(pointer)], { reason: vi, reasonEn: en });
  }
}

const TYPE_NAMES_VI: Record<string, string> = {
  string: 'chuỗi',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
  null: 'rỗng',
};

function push<T>(map: Map<string, T[]>, key: string, ...values: T[]): void {
  map.set(key, [...(map.get(key) ?? []), ...values]);
}

function localized(error: TLocalizedValidationError): { reason: string; reasonEn: string } {
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { reason: capital(Locale.vi_VN(error)), reasonEn: capital(Locale.en_US(error)) };
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `['indicators', 3, 'periodType']` → `indicators[3].periodType`. */
export function fieldOf(path: DocPath): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
