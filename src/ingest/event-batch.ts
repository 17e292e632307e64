import type { IndicatorDefinition } from '../indicators/indicator.ts';
import type { Catalogue } from '../indicators/catalogue.ts';
import { describeAttribute, fitsAttribute, type AttributeRule, type EventTypeRules } from '../indicators/event-types.ts';
import { ProblemList } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { isWellFormedText } from '../shared/text.ts';
import type { EventInput } from './value-input.ts';
import { DEFAULT_WINDOW, type AcceptedWindow, type EventTimeBounds } from '../periods/accepted-window.ts';
import { parseInstant } from '../periods/instant.ts';
import { periodReason } from '../periods/period-messages.ts';
import { eventReason } from './event-messages.ts';

export const MAX_BATCH_LINES = 50_000;
/** Largest amount summed or reported: far above any real figure, far below where sums of a batch could overflow. */
export const MAX_AMOUNT = 1e15;
const ID_RE = /^[\w.:@/+-]{1,128}$/;
const TYPE_RE = /^[a-z][a-z0-9_.-]{0,127}$/i;
/** The fields of an event itself; any other top-level field is an attribute. Compared one by one: the keys JSON.parse makes are interned, so each comparison is a pointer's. */
const isReserved = (k: string): boolean => k === 'id' || k === 'type' || k === 'unit' || k === 'time' || k === 'attributes';

type Attr = string | number | boolean;

/**
 * Reads an NDJSON batch of events and validates all of it — every line, every field — before anything is written.
 * Throws one ValidationError listing every problem (line, field, reason) if any line is bad.
 */
export function parseEventBatch(text: string, units: UnitTree, catalogue: Catalogue, now: Date, window: AcceptedWindow = DEFAULT_WINDOW): EventInput[] {
  const events: EventInput[] = [];
  readEventBatch(text, units, catalogue, now, window, {
    add: (event) => events.push(event),
    idAt: (i) => (events[i] as EventInput).id,
    lineAt: (i) => (events[i] as EventInput).line,
    canonicalAt: (i) => canonicalEvent(events[i] as EventInput),
  });
  return events;
}

/** Where a batch's valid events go as they are read, the first of each id only; nothing is kept for the caller. */
export interface EventSink {
  add(event: EventInput): void;
  /** Of the i-th event added: its id, its line, and its content as `canonicalEvent` gives it. */
  idAt(i: number): string;
  lineAt(i: number): number;
  canonicalAt(i: number): string;
}

/**
 * Reads and validates an NDJSON batch line by line, handing each valid event to the sink as soon as it is read, so
 * that nothing per line need outlive its line. Throws one ValidationError listing every problem of every line; the
 * sink has then seen only part of the batch and must be dropped. Returns how many lines repeated an earlier line's
 * event exactly (kept once: they count as duplicates).
 */
export function readEventBatch(text: string, units: UnitTree, catalogue: Catalogue, now: Date, window: AcceptedWindow, sink: EventSink): number {
  const problems = new ProblemList();
  // Lines as split at "\n", the empty one after a final "\n" not counted: a full batch ends with one.
  let segments = text.endsWith('\n') ? 0 : 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) segments++;
  // Only a text of more lines than a batch may hold needs its blank lines counted before anything is validated.
  if (segments > MAX_BATCH_LINES && nonBlankLines(text) > MAX_BATCH_LINES) {
    problems.add({ ...reason('batchTooLarge', { max: MAX_BATCH_LINES }) });
    problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);
  }
  const check = new LineChecker(units, catalogue, window.eventTimes(now), problems);
  const seen = new FirstOfId(sink);
  let nonEmpty = 0;
  let added = 0;
  let repeats = 0;
  for (let start = 0, line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    if (isBlank(raw)) continue;
    nonEmpty++;
    const event = check.event(raw.endsWith('\r') ? raw.slice(0, -1) : raw, line);
    if (!event) continue;
    const first = seen.earlier(event.id, added);
    if (first >= 0) {
      // An id seen twice in one batch is compared by content only then: most batches never pay for canonical forms.
      if (sink.canonicalAt(first) !== canonicalEvent(event)) {
        problems.add({ line, field: 'id', value: event.id, ...reason('duplicateInBatch', { id: event.id, first: sink.lineAt(first) }) });
      } else repeats++;
      continue;
    }
    sink.add(event);
    added++;
  }
  if (nonEmpty === 0) problems.add({ ...reason('emptyBatch') });
  problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);
  return repeats;
}

/** Lines holding more than white space; a line starting with `{` is not sliced to tell (a full batch ends with "\n"). */
function nonBlankLines(text: string): number {
  let n = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (text.charCodeAt(start) === 123 || !isBlank(text.slice(start, end))) n++;
    start = end + 1;
  }
  return n;
}

/**
 * Finds an id sent earlier in the same batch. Sources mostly number their events in order: while each id sorts after
 * the one before, none can have come before and no map is kept; the first one out of order builds it.
 */
class FirstOfId {
  private last: string | undefined;
  private index: Map<string, number> | undefined;

  constructor(private readonly sink: Pick<EventSink, 'idAt'>) {}

  /** The position of the earlier event with this id, or -1 (this one is then recorded as event `position`). */
  earlier(id: string, position: number): number {
    if (!this.index) {
      if (this.last === undefined || id > this.last) {
        this.last = id;
        return -1;
      }
      this.index = new Map();
      for (let i = 0; i < position; i++) this.index.set(this.sink.idAt(i), i);
    }
    const first = this.index.get(id);
    if (first !== undefined) return first;
    this.index.set(id, position);
    return -1;
  }
}

/** A line that holds nothing but white space (an event line starts with `{`, so most lines answer at once). */
const isBlank = (l: string): boolean => l.length === 0 || (l.charCodeAt(0) !== 123 && l.trim() === '');

/** Validates one line at a time, against rules worked out once per catalogue and event type. */
class LineChecker {
  constructor(
    private readonly units: UnitTree,
    private readonly catalogue: Catalogue,
    private readonly clock: EventTimeBounds,
    private readonly problems: ProblemList,
  ) {}

  event(raw: string, line: number): EventInput | undefined {
    const problems = this.problems;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.add({ line, ...(startsArray(raw) ? eventReason('arrayLine') : reason('invalidJson')) });
      return undefined;
    }
    if (!isPlainObject(parsed)) {
      problems.add({ line, ...(Array.isArray(parsed) ? eventReason('arrayLine') : reason('notAnObject')) });
      return undefined;
    }
    const before = problems.items.length;
    const id = text(parsed.id, 'id', line, problems, ID_RE, 128);
    // A known type, and a known unit's code, need no pattern: nearly every line has both.
    const rules = typeof parsed.type === 'string' ? this.catalogue.eventType(parsed.type) : undefined;
    const type = rules ? rules.code : unknownType(parsed.type, line, this.catalogue, problems);
    let unit: string | undefined;
    if (typeof parsed.unit === 'string' && parsed.unit.length <= 32 && this.units.has(parsed.unit)) unit = parsed.unit;
    else {
      unit = text(parsed.unit, 'unit', line, problems, /^.+$/, 32);
      if (unit !== undefined) problems.add({ line, field: 'unit', value: unit, ...reason('unknownUnit', { code: unit }) });
    }
    const time = parseTime(parsed.time, line, this.clock, problems);
    const attributes = readAttributes(parsed, line, problems);
    if (problems.items.length > before || !rules || !id || !type || !unit || !time || !attributes) return undefined;
    const event: EventInput = { id, type, unit, time, attributes, line };
    if (rules.attributes.length > 0) checkAttributeTypes(event, rules, problems);
    // An attribute of the wrong type is reported once, not again by the indicator that sums it.
    if (rules.indicators.length > 0 && problems.items.length === before) checkIndicatorFields(event, rules.indicators, problems);
    return problems.items.length > before ? undefined : event;
  }
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

/** The form most sources send, already what we store: `2026-10-05T02:00:00.000Z`. */
const CANONICAL_RE = /^\d{4}-\d{2}-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function parseTime(value: unknown, line: number, clock: EventTimeBounds, problems: ProblemList): string | undefined {
  if (value === undefined || value === null || value === '') {
    problems.add({ line, field: 'time', ...reason('required') });
    return undefined;
  }
  if (typeof value === 'string' && value.length === 24 && CANONICAL_RE.test(value)) {
    // The canonical form needs no Date: the pattern admits days up to the 28th and hours up to 23, so with a real
    // month the text is an instant's own canonical text (kept as sent), and two such texts compare as their instants.
    const month = (value.charCodeAt(5) - 48) * 10 + value.charCodeAt(6) - 48;
    if (month >= 1 && month <= 12 && clock.latest.length === 24 && clock.earliest.length === 24) {
      return value < clock.earliest || value > clock.latest ? outOfWindow(value, line, clock, problems) : value;
    }
  }
  const ms = typeof value === 'string' ? parseInstant(value) : NaN;
  if (Number.isNaN(ms)) {
    problems.add({ line, field: 'time', value, ...periodReason('badTimeValue', { value: String(value).slice(0, 64) }) });
    return undefined;
  }
  const time = new Date(ms).toISOString();
  return ms < clock.earliestMs || ms > clock.latestMs ? outOfWindow(time, line, clock, problems, value) : time;
}

function outOfWindow(time: string, line: number, clock: EventTimeBounds, problems: ProblemList, sent: unknown = time): undefined {
  const why = time < clock.earliest
    ? periodReason('timeBeforeEarliest', { earliest: vietnamTime(clock.earliest) })
    : periodReason('timeTooFarAhead', { latest: vietnamTime(clock.latest) });
  problems.add({ line, field: 'time', value: sent, ...why });
  return undefined;
}

/** `2019-12-31T17:00:00.000Z` → `2020-01-01T00:00:00+07:00`, as people in Vietnam read it. */
const vietnamTime = (iso: string): string => `${new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;

/** A line that opens a JSON array: a JSON document sent where NDJSON was expected. */
const startsArray = (raw: string): boolean => raw.trimStart().startsWith('[');

/** Attributes come from `attributes` and from any other top-level field, so source systems may send flat events. */
function readAttributes(obj: Record<string, unknown>, line: number, problems: ProblemList): Record<string, Attr> | undefined {
  const nested = obj.attributes ?? {};
  if (!isPlainObject(nested)) {
    problems.add({ line, field: 'attributes', ...reason('badAttributes') });
    return undefined;
  }
  let flat = false;
  for (const k in obj) {
    if (!isReserved(k)) {
      flat = true;
      break;
    }
  }
  if (!flat) {
    // The common case: only `attributes`, kept as parsed (JSON.parse makes "__proto__" an own data property).
    let n = 0;
    for (const k in nested) {
      if (++n > MAX_ATTRIBUTES) {
        problems.add({ line, field: 'attributes', ...eventReason('tooManyAttributes', { max: MAX_ATTRIBUTES }) });
        return undefined;
      }
      const v = nested[k];
      if (!isGoodAttribute(k, v)) return badAttribute(k, v, line, problems);
    }
    return nested as Record<string, Attr>;
  }
  const entries = [...Object.entries(nested), ...Object.entries(obj).filter(([k]) => !isReserved(k))];
  if (entries.length > MAX_ATTRIBUTES) {
    problems.add({ line, field: 'attributes', ...eventReason('tooManyAttributes', { max: MAX_ATTRIBUTES }) });
    return undefined;
  }
  // A Map, then fromEntries: a key such as "__proto__" is kept as data, never as the object's prototype.
  const out = new Map<string, Attr>();
  for (const [k, v] of entries) {
    if (!isGoodAttribute(k, v)) return badAttribute(k, v, line, problems);
    out.set(k, v as Attr);
  }
  return Object.fromEntries(out);
}

const MAX_ATTRIBUTES = 50;
const MAX_ATTRIBUTE_NAME = 64;
const MAX_ATTRIBUTE_TEXT = 1000;

const isGoodAttribute = (k: string, v: unknown): boolean =>
  k.length <= MAX_ATTRIBUTE_NAME && isWellFormedText(k) && (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_ATTRIBUTE_TEXT && isWellFormedText(v)));

/** Names what is wrong with an attribute that `isGoodAttribute` refused. */
function badAttribute(k: string, v: unknown, line: number, problems: ProblemList): undefined {
  const field = `attributes.${k.slice(0, MAX_ATTRIBUTE_NAME)}`;
  if (k.length > MAX_ATTRIBUTE_NAME) problems.add({ line, field, ...eventReason('attributeNameTooLong', { max: MAX_ATTRIBUTE_NAME }) });
  else if (!isWellFormedText(k) || (typeof v === 'string' && !isWellFormedText(v))) problems.add({ line, field, ...reason('malformedText') });
  else if (typeof v === 'string') problems.add({ line, field, value: v, ...eventReason('attributeTooLong', { length: v.length, max: MAX_ATTRIBUTE_TEXT }) });
  else problems.add({ line, field, value: v, ...eventReason('attributeNotPlain') });
  return undefined;
}

/** Reports a type the catalogue does not know: a typo is named on the first batch, with the types that are known. */
function unknownType(value: unknown, line: number, catalogue: Catalogue, problems: ProblemList): undefined {
  const type = text(value, 'type', line, problems, TYPE_RE, 128);
  if (type === undefined) return undefined;
  const known = catalogue.eventTypes.map((t) => t.code);
  problems.add({ line, field: 'type', value: type, ...eventReason('unknownEventType', { type, known: known.length > 20 ? `${known.slice(0, 20).join(', ')}…` : known.join(', ') }) });
  return undefined;
}

/** Each declared attribute the event carries must have its declared type; attributes not declared are kept as sent. */
function checkAttributeTypes(event: EventInput, rules: EventTypeRules, problems: ProblemList): void {
  const attributes = event.attributes;
  for (let i = 0; i < rules.attributes.length; i++) {
    const a = rules.attributes[i] as AttributeRule;
    const v = attributes[a.name];
    // An inherited property ("constructor") is not an attribute the event carries.
    if (v === undefined || fitsAttribute(a, v) || !Object.hasOwn(attributes, a.name)) continue;
    const expected = describeAttribute({ type: a.type, values: a.values && [...a.values] });
    const why = a.values && typeof v === 'string'
      ? eventReason('attributeNotAllowed', { name: a.name, type: rules.code, values: [...a.values].join(', ') })
      : eventReason('attributeWrongType', { name: a.name, type: rules.code, expected: expected.vi, expectedEn: expected.en });
    problems.add({ line: event.line, field: `attributes.${a.name}`, value: v, ...why });
  }
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
  return !filter || matchesEntries(attributes, filterEntries(filter));
}

/** A filter as the list of its entries, for code that applies it to many events (see `matchesEntries`). */
export type FilterEntries = readonly (readonly [string, Attr | readonly Attr[]])[];

const entriesOfFilter = new WeakMap<object, FilterEntries>();

/** A catalogue filter's entries, listed once per filter object (filters are checked for every event of their type). */
export function filterEntries(filter: Record<string, Attr | Attr[]>): FilterEntries {
  let entries = entriesOfFilter.get(filter);
  if (!entries) entriesOfFilter.set(filter, (entries = Object.entries(filter)));
  return entries;
}

/** Whether every listed attribute equals the value (or is one of the values, for a list). */
export function matchesEntries(attributes: Record<string, Attr>, filter: FilterEntries): boolean {
  for (const [key, expected] of filter) {
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
  return canonicalRow({ type: e.type, unit: e.unit, time: e.time, attributes: stableAttributes(e.attributes) });
}

/** The same form from an event as stored (attributes already as `stableAttributes` gives them). */
export function canonicalRow(e: { type: string; unit: string; time: string; attributes: string }): string {
  return JSON.stringify([e.type, e.unit, e.time, e.attributes]);
}

export function stableAttributes(attributes: Record<string, Attr>): string {
  let previous: string | undefined;
  let sorted = true;
  for (const k in attributes) {
    if (previous !== undefined && !(previous < k)) {
      sorted = false;
      break;
    }
    previous = k;
  }
  // Keys that look like array indices ("1", "2") come first in any object, whatever the order they were sent in.
  if (sorted) return JSON.stringify(attributes);
  return JSON.stringify(Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
