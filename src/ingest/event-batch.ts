import type { IndicatorDefinition } from '../indicators/indicator.ts';
import type { Catalogue } from '../indicators/catalogue.ts';
import { ProblemList } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { isWellFormedText } from '../shared/text.ts';
import type { EventInput } from './value-input.ts';

export const MAX_BATCH_LINES = 50_000;
/** Largest amount summed or reported: far above any real figure, far below where sums of a batch could overflow. */
export const MAX_AMOUNT = 1e15;
const ID_RE = /^[\w.:@/+-]{1,128}$/;
const TYPE_RE = /^[a-z][a-z0-9_.-]{0,127}$/i;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const FUTURE_SLACK_MS = 24 * 3600_000;
const RESERVED = new Set(['id', 'type', 'unit', 'time', 'attributes']);

type Attr = string | number | boolean;

/**
 * Reads an NDJSON batch of events and validates all of it — every line, every field — before anything is written.
 * Throws one ValidationError listing every problem (line, field, reason) if any line is bad.
 */
export function parseEventBatch(text: string, units: UnitTree, catalogue: Catalogue, now: Date): EventInput[] {
  const problems = new ProblemList();
  const events: EventInput[] = [];
  const lines = text.split(/\r?\n/);
  const nonEmpty = lines.filter((l) => l.trim() !== '').length;
  if (nonEmpty === 0) problems.add({ ...reason('emptyBatch') });
  if (nonEmpty > MAX_BATCH_LINES) problems.add({ ...reason('batchTooLarge', { max: MAX_BATCH_LINES }) });
  problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);

  // An id seen twice in one batch is compared by content only then: most batches never pay for canonical forms.
  const seen = new Map<string, EventInput>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const event = parseEventLine(raw, line, units, catalogue, now, problems);
    if (!event) return;
    const first = seen.get(event.id);
    if (first) {
      if (canonicalEvent(first) !== canonicalEvent(event)) {
        problems.add({ line, field: 'id', value: event.id, ...reason('duplicateInBatch', { id: event.id, first: first.line }) });
      }
      return;
    }
    seen.set(event.id, event);
    events.push(event);
  });
  problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);
  return events;
}

function parseEventLine(raw: string, line: number, units: UnitTree, catalogue: Catalogue, now: Date, problems: ProblemList): EventInput | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.add({ line, ...reason('invalidJson') });
    return undefined;
  }
  if (!isPlainObject(parsed)) {
    problems.add({ line, ...reason('notAnObject') });
    return undefined;
  }
  const before = problems.items.length;
  const id = text(parsed.id, 'id', line, problems, ID_RE, 128);
  const type = text(parsed.type, 'type', line, problems, TYPE_RE, 128);
  const unit = text(parsed.unit, 'unit', line, problems, /^.+$/, 32);
  if (unit !== undefined && !units.has(unit)) problems.add({ line, field: 'unit', value: unit, ...reason('unknownUnit', { code: unit }) });
  const time = parseTime(parsed.time, line, now, problems);
  const attributes = readAttributes(parsed, line, problems);
  if (problems.items.length > before || !id || !type || !unit || !time || !attributes) return undefined;
  const event: EventInput = { id, type, unit, time, attributes, line };
  checkIndicatorFields(event, catalogue.byEventType(type), problems);
  return problems.items.length > before ? undefined : event;
}

function text(value: unknown, field: string, line: number, problems: ProblemList, re: RegExp, max: number): string | undefined {
  if (value === undefined || value === null || value === '') {
    problems.add({ line, field, ...reason('required') });
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max || !re.test(value)) {
    problems.add({ line, field, value, ...reason('mustBeText', { max }) });
    return undefined;
  }
  return value;
}

function parseTime(value: unknown, line: number, now: Date, problems: ProblemList): string | undefined {
  if (value === undefined || value === null || value === '') {
    problems.add({ line, field: 'time', ...reason('required') });
    return undefined;
  }
  const ms = typeof value === 'string' && ISO_RE.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00+07:00` : value) : NaN;
  if (!Number.isFinite(ms)) {
    problems.add({ line, field: 'time', value, ...reason('badTime') });
    return undefined;
  }
  if (ms > now.getTime() + FUTURE_SLACK_MS) {
    problems.add({ line, field: 'time', value, ...reason('futureTime') });
    return undefined;
  }
  return new Date(ms).toISOString();
}

/** Attributes come from `attributes` and from any other top-level field, so source systems may send flat events. */
function readAttributes(obj: Record<string, unknown>, line: number, problems: ProblemList): Record<string, Attr> | undefined {
  const nested = obj.attributes ?? {};
  if (!isPlainObject(nested)) {
    problems.add({ line, field: 'attributes', ...reason('badAttributes') });
    return undefined;
  }
  const flat = Object.entries(obj).filter(([k]) => !RESERVED.has(k));
  const entries = [...Object.entries(nested), ...flat];
  if (entries.length > 50) {
    problems.add({ line, field: 'attributes', ...reason('badAttributes') });
    return undefined;
  }
  // A Map, then fromEntries: a key such as "__proto__" is kept as data, never as the object's prototype.
  const out = new Map<string, Attr>();
  for (const [k, v] of entries) {
    const ok = k.length <= 64 && isWellFormedText(k) && (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 1000 && isWellFormedText(v)));
    if (!ok) {
      problems.add({ line, field: `attributes.${k.slice(0, 64)}`, ...reason('badAttributes') });
      return undefined;
    }
    out.set(k, v as Attr);
  }
  return Object.fromEntries(out);
}

function checkIndicatorFields(event: EventInput, defs: readonly IndicatorDefinition[], problems: ProblemList): void {
  for (const def of defs) {
    const rule = def.event;
    if (!rule?.field || !matchesFilter(event.attributes, rule.filter)) continue;
    const v = event.attributes[rule.field];
    const ok = rule.aggregate === 'sum' ? typeof v === 'number' : v !== undefined && v !== '';
    if (!ok) problems.add({ line: event.line, field: `attributes.${rule.field}`, value: v, ...reason(rule.aggregate === 'sum' ? 'mustBeNumber' : 'required') });
    else if (rule.aggregate === 'sum' && Math.abs(v as number) > MAX_AMOUNT) problems.add({ line: event.line, field: `attributes.${rule.field}`, value: v, ...reason('numberTooLarge', { max: '10^15' }) });
  }
}

export function matchesFilter(attributes: Record<string, Attr>, filter: Record<string, Attr | Attr[]> | undefined): boolean {
  if (!filter) return true;
  for (const [key, expected] of Object.entries(filter)) {
    const actual = attributes[key];
    if (Array.isArray(expected) ? !expected.includes(actual as Attr) : actual !== expected) return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stable text form of an event's content, to tell a harmless resend from a conflicting one. */
export function canonicalEvent(e: Pick<EventInput, 'type' | 'unit' | 'time' | 'attributes'>): string {
  return JSON.stringify([e.type, e.unit, e.time, stableAttributes(e.attributes)]);
}

export function stableAttributes(attributes: Record<string, Attr>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
