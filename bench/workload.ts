import { Catalogue, DEFAULT_CATALOGUE_PATH, loadCatalogueFile } from '../src/indicators/catalogue.ts';
import type { IndicatorDefinition } from '../src/indicators/indicator.ts';
import { readReferenceUnits } from '../src/units/reference-units.ts';
import { Random, WeightedPicker } from '../src/demo/random.ts';
import type { EventFields } from '../src/store/event-columns.ts';

type Attr = string | number | boolean;
type Attributes = Record<string, Attr>;

/** Where a load against a running server ends: a minute ago, on a whole minute, so that no event is in its future. */
export const lastWholeMinute = (): Date => new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);

/** One event as the server stores it (time in UTC ISO form, attributes as JSON with sorted keys). */
export type EventRow = EventFields;

export interface WorkloadOptions {
  seed: number;
  /** The newest event time; nothing is generated after it (the server refuses future events). */
  until: Date;
  /** Events fall in this many calendar months (Vietnam time), ending with the month of `until`. */
  months: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const VN_OFFSET_MS = 7 * HOUR_MS;

/** Hà Nội and TP. Hồ Chí Minh, then the other centrally-run cities and Quảng Ninh: more people, more dossiers. */
const BIG_CITIES = new Set(['01', '79']);
const CITIES = new Set(['31', '48', '92', '46', '22']);
const SUBKIND_WEIGHT: Record<string, number> = { ward: 1.4, commune: 0.85, 'special-zone': 0.3 };
const MINISTRY_SHARE = 0.1;

const CASHLESS = ['bank', 'e_wallet', 'qr', 'card'];
const PROCEDURES = ['1.001193', '1.004227', '1.000656', '2.000908', '1.001612', '1.003503', '2.001711', '1.010819'];
const COURSES = ['an-toan-thong-tin', 'dich-vu-cong-truc-tuyen', 'ky-nang-so-co-ban', 'thanh-toan-so', 'vneid'];
const SIGNATURE_PROVIDERS = ['BKAV-CA', 'FPT-CA', 'MISA-CA', 'VNPT-CA', 'Viettel-CA'];

/**
 * mulberry32, re-seeded for every event from (seed, event number): event n is the same whatever the batch size,
 * so the HTTP ingest and the bulk-insert ceiling store exactly the same rows.
 */
class EventRandom extends Random {
  constructor(private readonly seed: number) {
    super(0);
  }

  reset(n: number): void {
    this.state = mix(mix(this.seed ^ 0x9e3779b9) ^ mix(n >>> 0) ^ mix(Math.floor(n / 4294967296) + 0x632be5ab));
  }
}

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A fixed draw in [0, 1) for a unit's persistent traits (size, maturity), from the seed and a label. */
function trait(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return mix(h) / 4294967296;
}

/** Weighted draws from parallel lists of items and weights. */
const picker = <T>(items: readonly T[], weights: readonly number[]) => new WeightedPicker(items, (_, i) => weights[i] ?? 0);

/** Attributes as the server stores them: JSON with sorted keys. */
type AttributeMaker = (r: EventRandom, maturity: number, id: string, unit: string) => string;

/** Attribute makers for the default catalogue's event types, writing the stored JSON directly (keys in order). */
const KNOWN: Record<string, { base: number; make: AttributeMaker }> = {
  'dossier.submitted': {
    base: 6_000,
    make: (r, m) => `{"channel":"${r.next() < 0.3 + 0.6 * m ? 'online' : 'offline'}","procedure":"${r.pick(PROCEDURES)}"}`,
  },
  'dossier.resolved': {
    base: 5_500,
    make: (r, m) => `{"channel":"${r.next() < 0.3 + 0.6 * m ? 'online' : 'offline'}","on_time":${r.next() < 0.72 + 0.25 * m}}`,
  },
  'payment.completed': {
    base: 2_600,
    make: (r, m) => `{"amount":${feeAmount(r)},"method":"${r.next() < 0.2 + 0.7 * m ? r.pick(CASHLESS) : 'cash'}"}`,
  },
  'signature.issued': {
    base: 900,
    make: (r) => `{"holder":"${r.next() < 0.85 ? 'personal' : 'organisation'}","provider":"${r.pick(SIGNATURE_PROVIDERS)}"}`,
  },
  'training.completed': {
    base: 1_300,
    // Some people finish several courses: distinct counts must see them once.
    make: (r, _m, id, unit) => `{"course":"${r.pick(COURSES)}","person":"${r.next() < 0.3 ? `HV-${unit}-${r.int(1, 50)}` : `HV-${id}`}"}`,
  },
  'vneid.activated': {
    base: 800,
    make: (r) => `{"level":${r.next() < 0.8 ? 2 : 1}}`,
  },
};

/** Fees: mostly tens of thousands of đồng, a few large ones. */
function feeAmount(r: EventRandom): number {
  const base = r.next() < 0.05 ? 1_500_000 : 60_000;
  return Math.max(5_000, Math.round((base * (0.3 + 2 * r.next() * r.next())) / 1_000) * 1_000);
}

interface EventPlan {
  type: string;
  base: number;
  /** Where events of the type happen; some go to ministries when an indicator of the type applies to them. */
  producers: WeightedPicker<string>;
  ministryShare: number;
  rules: readonly IndicatorDefinition[];
  make: AttributeMaker;
}

/**
 * The national workload: every commune, province and ministry; the event types of the default catalogue; a stream
 * of events with realistic skew (wards over rural communes, the big cities largest), deterministic from the seed.
 */
export class Workload {
  readonly catalogue: Catalogue;
  private readonly communes: WeightedPicker<string>;
  private readonly plans: EventPlan[];
  private readonly types: WeightedPicker<EventPlan>;
  private readonly ministries: WeightedPicker<string>;
  private readonly maturity = new Map<string, number>();
  private readonly random: EventRandom;
  private readonly spanStart: number;
  private readonly spanMs: number;
  private readonly clock = new IsoClock();
  private readonly scratch: EventRow = { id: '', type: '', unit: '', time: '', attributes: '' };
  /** Every maker is one of the known ones, whose output is ASCII: lines can be copied byte for byte. */
  private readonly ascii: boolean;

  constructor(readonly options: WorkloadOptions) {
    const { seed } = options;
    this.catalogue = new Catalogue(loadCatalogueFile(DEFAULT_CATALOGUE_PATH));
    this.random = new EventRandom(seed);
    const units = readReferenceUnits();
    const provinceMaturity = new Map<string, number>();
    for (const p of units.filter((u) => u.kind === 'province')) {
      const bonus = BIG_CITIES.has(p.code) ? 0.2 : CITIES.has(p.code) ? 0.1 : 0;
      provinceMaturity.set(p.code, Math.min(0.95, 0.35 + 0.4 * trait(seed, `p${p.code}`) + bonus));
    }
    const communes = units.filter((u) => u.kind === 'commune');
    const communeWeight = communes.map((c) => {
      const province = c.parent_code ?? '';
      const city = BIG_CITIES.has(province) ? 3 : CITIES.has(province) ? 1.5 : 1;
      return (SUBKIND_WEIGHT[c.subkind] ?? 1) * city * Math.exp(0.6 * (trait(seed, `c${c.code}`) - 0.5) * 2);
    });
    for (const c of communes) {
      const m = (provinceMaturity.get(c.parent_code ?? '') ?? 0.5) + 0.15 * (trait(seed, `m${c.code}`) - 0.5);
      this.maturity.set(c.code, Math.min(1, Math.max(0.1, m)));
    }
    const ministries = units.filter((u) => u.kind === 'ministry');
    for (const m of ministries) this.maturity.set(m.code, 0.4 + 0.5 * trait(seed, `m${m.code}`));
    for (const [code, m] of provinceMaturity) this.maturity.set(code, m);
    this.communes = picker(communes.map((c) => c.code), communeWeight);
    this.ministries = picker(ministries.map((m) => m.code), ministries.map((m) => 0.3 + trait(seed, `s${m.code}`)));
    const provinces = picker([...provinceMaturity.keys()], [...provinceMaturity.keys()].map((p) => this.provinceWeight(p, communes, communeWeight)));
    this.plans = this.eventPlans(provinces);
    this.ascii = this.plans.every((p) => p.make === KNOWN[p.type]?.make);
    this.types = picker(this.plans, this.plans.map((p) => p.base));

    const until = options.until.getTime();
    const vn = new Date(until + VN_OFFSET_MS);
    this.spanStart = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth() - (options.months - 1), 1) - VN_OFFSET_MS;
    this.spanMs = until - this.spanStart;
  }

  /** The event types the workload produces (every event type of the catalogue that some unit level counts). */
  get eventTypes(): string[] {
    return this.plans.map((p) => p.type);
  }

  /** Events [from, from + count) as NDJSON, one line each, as a source system would post them. */
  ndjson(from: number, count: number): string {
    return new NdjsonWriter(this).write(from, count).toString('utf8');
  }

  /** Appends the line of event `n` and a newline at `offset`; returns the new offset, or -1 when it does not fit. */
  writeLine(n: number, target: Buffer, offset: number): number {
    const line = toLine(this.fill(n, this.scratch));
    if (target.length - offset <= line.length * (this.ascii ? 1 : 3)) return -1;
    const end = offset + target.write(line, offset, this.ascii ? 'latin1' : 'utf8');
    target[end] = 0x0a;
    return end + 1;
  }

  /** Events [from, from + count) as rows; `row` is reused between calls, copy what must outlive the callback. */
  forEachRow(from: number, count: number, visit: (row: EventRow) => void): void {
    const row: EventRow = { id: '', type: '', unit: '', time: '', attributes: '' };
    for (let i = 0; i < count; i++) visit(this.fill(from + i, row));
  }

  private fill(n: number, row: EventRow): EventRow {
    const r = this.random;
    r.reset(n);
    const plan = this.types.pick(r);
    const unit = plan.ministryShare > 0 && r.next() < plan.ministryShare ? this.ministries.pick(r) : plan.producers.pick(r);
    row.id = `dvc-${String(n).padStart(10, '0')}`;
    row.type = plan.type;
    row.unit = unit;
    row.time = this.clock.format(this.time(r));
    row.attributes = plan.make(r, this.maturity.get(unit) ?? 0.5, row.id, unit);
    return row;
  }

  /** Office hours mostly (Vietnam time), anywhere in the months of the span up to `until`. */
  private time(r: EventRandom): number {
    let ms = this.spanStart + Math.floor(r.next() * this.spanMs);
    if (r.next() < 0.85) {
      const dayStart = Math.floor((ms + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
      ms = dayStart + r.int(7, 16) * HOUR_MS + Math.floor(r.next() * HOUR_MS);
    }
    const until = this.spanStart + this.spanMs;
    return ms > until ? ms - DAY_MS : ms;
  }

  private provinceWeight(province: string, communes: readonly { parent_code?: string | null }[], weights: readonly number[]): number {
    return communes.reduce((s, c, i) => s + (c.parent_code === province ? (weights[i] ?? 0) : 0), 0);
  }

  private eventPlans(provinces: WeightedPicker<string>): EventPlan[] {
    const types = [...new Set(this.catalogue.all().flatMap((d) => (d.kind === 'event' && d.event ? [d.event.type] : [])))];
    return types.flatMap((type): EventPlan[] => {
      const rules = this.catalogue.byEventType(type);
      const kinds = new Set(rules.flatMap((d) => d.appliesTo));
      const producers = kinds.has('commune') ? this.communes : kinds.has('province') ? provinces : kinds.has('ministry') ? this.ministries : undefined;
      if (!producers) return [];
      const ministryShare = producers !== this.ministries && kinds.has('ministry') ? MINISTRY_SHARE : 0;
      const known = KNOWN[type];
      return [{ type, base: known?.base ?? 600, producers, ministryShare, rules, make: known && coversRules(known.make, rules) ? known.make : completing(known?.make, rules) }];
    });
  }
}

/**
 * Writes NDJSON batches into one reused buffer: joining millions of strings costs the client more than making them,
 * and the bench must leave the CPU to the server. A returned batch is valid until the next `write`.
 */
export class NdjsonWriter {
  private buffer = Buffer.allocUnsafe(0);

  constructor(private readonly workload: Workload) {}

  write(from: number, count: number): Buffer {
    if (this.buffer.length < count * 200) this.buffer = Buffer.allocUnsafe(count * 200);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const next = this.workload.writeLine(from + i, this.buffer, offset);
      if (next >= 0) {
        offset = next;
        continue;
      }
      const grown = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(grown, 0, 0, offset);
      this.buffer = grown;
      i--;
    }
    return this.buffer.subarray(0, offset);
  }
}

export function toLine(e: EventRow): string {
  return `{"id":"${e.id}","type":"${e.type}","unit":"${e.unit}","time":"${e.time}","attributes":${e.attributes}}`;
}

/** Whether a maker's attributes already carry every field the type's indicators need (checked on a sample). */
function coversRules(make: AttributeMaker, rules: readonly IndicatorDefinition[]): boolean {
  const r = new EventRandom(1);
  for (let n = 0; n < 2_000; n++) {
    r.reset(n);
    const attributes = JSON.parse(make(r, (n % 10) / 10, `x${n}`, '00004')) as Attributes;
    const before = JSON.stringify(attributes);
    if (JSON.stringify(complete(attributes, rules, r, `x${n}`)) !== before) return false;
  }
  return true;
}

/** A maker for a type the catalogue has changed or added: attributes from the rules, then the missing fields. */
function completing(make: AttributeMaker | undefined, rules: readonly IndicatorDefinition[]): AttributeMaker {
  return (r, m, id, unit) => {
    const attributes = make ? (JSON.parse(make(r, m, id, unit)) as Attributes) : fromRules(rules, r, m);
    return sortedJson(complete(attributes, rules, r, id));
  };
}

/** Adds what an indicator of the type needs and the attributes lack: a summed number, a distinct key. */
function complete(attributes: Attributes, rules: readonly IndicatorDefinition[], r: EventRandom, id: string): Attributes {
  for (const def of rules) {
    const rule = def.event;
    if (!rule?.field || attributes[rule.field] !== undefined || !matches(attributes, rule.filter)) continue;
    attributes[rule.field] = rule.aggregate === 'sum' ? r.int(1, 1_000) : `${rule.field}-${id}`;
  }
  return attributes;
}

/** For event types without a maker: meet each indicator's filter about as often as the unit is mature. */
function fromRules(rules: readonly IndicatorDefinition[], r: EventRandom, maturity: number): Attributes {
  const out: Attributes = {};
  for (const def of rules) {
    for (const [key, expected] of Object.entries(def.event?.filter ?? {})) {
      if (out[key] !== undefined) continue;
      const hit = r.next() < maturity;
      if (Array.isArray(expected)) out[key] = hit && expected.length > 0 ? r.pick(expected) : 'other';
      else if (typeof expected === 'boolean') out[key] = hit ? expected : !expected;
      else if (typeof expected === 'number') out[key] = hit ? expected : expected + 1;
      else out[key] = hit ? expected : 'other';
    }
  }
  return out;
}

function matches(attributes: Attributes, filter: Record<string, Attr | Attr[]> | undefined): boolean {
  for (const [key, expected] of Object.entries(filter ?? {})) {
    const actual = attributes[key];
    if (Array.isArray(expected) ? !expected.includes(actual as Attr) : actual !== expected) return false;
  }
  return true;
}

/** `Date#toISOString` without a Date per call: the day part is cached, the rest from lookup tables. */
class IsoClock {
  private day = Number.NaN;
  private dayText = '';
  private readonly two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
  private readonly three = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = ms - day * DAY_MS;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    return `${this.dayText}${this.two[Math.floor(rest / 60)]}:${this.two[rest % 60]}:${this.two[sec]}.${this.three[milli]}Z`;
  }
}

function sortedJson(attributes: Attributes): string {
  const keys = Object.keys(attributes);
  const sorted = keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k);
  if (sorted) return JSON.stringify(attributes);
  return JSON.stringify(Object.fromEntries(keys.sort().map((k) => [k, attributes[k]])));
}
