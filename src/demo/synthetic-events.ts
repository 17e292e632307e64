import type { Catalogue } from '../indicators/catalogue.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { matchesFilter } from '../ingest/event-batch.ts';
import { parsePeriod, periodOf } from '../periods/period.ts';
import type { UnitKind } from '../store/schema.ts';
import { daysIn, monthIndex } from './demo-periods.ts';
import type { DemoWorld } from './demo-world.ts';
import { clamp, Random, WeightedPicker } from './random.ts';

type Attr = string | number | boolean;
type Attributes = Record<string, Attr>;

export interface DemoEvent {
  id: string;
  type: string;
  unit: string;
  time: string;
  attributes: Attributes;
}

/** What a unit is like when it produces an event; `t` is months since January 2026, for the trends. */
interface Producer {
  unit: string;
  maturity: number;
  t: number;
  /** Unique within the demo: used where an attribute must identify something (a new person). */
  serial: string;
}

interface KnownKind {
  /** Events per month nationwide at scale 1, in January 2026. */
  base: number;
  attributes(r: Random, p: Producer): Attributes;
}

const CASHLESS = ['bank', 'e_wallet', 'qr', 'card'] as const;
const PROCEDURES = ['1.001193', '1.004227', '1.000656', '2.000908', '1.001612', '1.003503', '2.001711', '1.010819'];
const COURSES = ['ky-nang-so-co-ban', 'dich-vu-cong-truc-tuyen', 'thanh-toan-so', 'an-toan-thong-tin', 'vneid'];
const SIGNATURE_PROVIDERS = ['VNPT-CA', 'Viettel-CA', 'FPT-CA', 'BKAV-CA', 'MISA-CA'];

/** Better-run units put more online, on time and cashless; all improve gently month by month. */
const rates = {
  online: (p: Producer) => clamp(0.3 + 0.55 * p.maturity + 0.006 * p.t, 0.05, 0.98),
  onTime: (p: Producer) => clamp(0.72 + 0.24 * p.maturity + 0.003 * p.t, 0.5, 0.995),
  cashless: (p: Producer) => clamp(0.2 + 0.6 * p.maturity + 0.008 * p.t, 0.05, 0.98),
};

/** The event types of the default catalogue, with realistic attributes; other types get attributes from their rules. */
const KNOWN: Record<string, KnownKind> = {
  'dossier.submitted': {
    base: 6_000,
    attributes: (r, p) => ({ channel: r.chance(rates.online(p)) ? 'online' : 'offline', procedure: r.pick(PROCEDURES) }),
  },
  'dossier.resolved': {
    base: 5_500,
    attributes: (r, p) => ({ on_time: r.chance(rates.onTime(p)), channel: r.chance(rates.online(p)) ? 'online' : 'offline' }),
  },
  'payment.completed': {
    base: 2_600,
    attributes: (r, p) => ({ method: r.chance(rates.cashless(p)) ? r.pick(CASHLESS) : 'cash', amount: feeAmount(r) }),
  },
  'signature.issued': {
    base: 900,
    attributes: (r) => ({ provider: r.pick(SIGNATURE_PROVIDERS), holder: r.chance(0.85) ? 'personal' : 'organisation' }),
  },
  'training.completed': {
    base: 1_300,
    // Some people finish several courses a month: distinct counts must see them once.
    attributes: (r, p) => ({ person: r.chance(0.3) ? `HV-${p.unit}-${r.int(1, 3)}` : `HV-${p.serial}`, course: r.pick(COURSES) }),
  },
  'vneid.activated': {
    base: 800,
    attributes: (r) => ({ level: r.chance(0.8) ? 2 : 1 }),
  },
};

function feeAmount(r: Random): number {
  const median = r.chance(0.05) ? 1_500_000 : 60_000;
  return Math.max(5_000, Math.round(r.skewed(median, 0.8) / 1_000) * 1_000);
}

/** One event type the catalogue listens to, and where and how its events are made. */
export interface EventPlan {
  type: string;
  base: number;
  level: 'commune' | 'province' | 'ministry';
  /** Share of events at ministries, when some indicator of the type applies to them. */
  ministryShare: number;
  defs: readonly IndicatorDefinition[];
  attributes(r: Random, p: Producer): Attributes;
}

export function eventPlans(catalogue: Catalogue): EventPlan[] {
  const types = [...new Set(catalogue.all().flatMap((d) => (d.kind === 'event' && d.event ? [d.event.type] : [])))];
  return types.flatMap((type): EventPlan[] => {
    const defs = catalogue.byEventType(type);
    const kinds = new Set<UnitKind>(defs.flatMap((d) => d.appliesTo));
    const level = kinds.has('commune') ? 'commune' : kinds.has('province') ? 'province' : kinds.has('ministry') ? 'ministry' : undefined;
    if (!level) return [];
    const known = KNOWN[type];
    return [{
      type,
      base: known?.base ?? 600,
      level,
      ministryShare: level !== 'ministry' && kinds.has('ministry') ? 0.1 : 0,
      defs,
      attributes: known ? known.attributes : (r, p) => attributesFromRules(defs, r, p),
    }];
  });
}

/** Who produces events: communes by activity, provinces by population, ministries by size. */
export class Producers {
  private readonly maturity = new Map<string, number>();
  private readonly pickers: Record<EventPlan['level'], WeightedPicker<string>>;

  constructor(world: DemoWorld) {
    for (const c of world.communes) this.maturity.set(c.code, c.maturity);
    for (const p of world.provinces) this.maturity.set(p.code, p.maturity);
    for (const m of world.ministries) this.maturity.set(m.code, m.maturity);
    const activity = new Map(world.communes.map((c) => [c.code, c.activity]));
    const people = new Map(world.provinces.map((p) => [p.code, p.communes.reduce((s, c) => s + c.population2025, 0)]));
    const size = new Map(world.ministries.map((m) => [m.code, m.size]));
    this.pickers = {
      commune: new WeightedPicker([...activity.keys()], (c) => activity.get(c) ?? 0),
      province: new WeightedPicker([...people.keys()], (p) => people.get(p) ?? 0),
      ministry: new WeightedPicker([...size.keys()], (m) => size.get(m) ?? 0),
    };
  }

  pick(plan: EventPlan, r: Random): string {
    const level = plan.ministryShare > 0 && this.pickers.ministry.size > 0 && r.chance(plan.ministryShare) ? 'ministry' : plan.level;
    return this.pickers[level].pick(r);
  }

  maturityOf(unit: string): number {
    return this.maturity.get(unit) ?? 0.6;
  }
}

/** Tết in February is quiet; year-end is busy. */
const SEASON: Record<number, number> = { 1: 1.05, 2: 0.8, 12: 1.1 };

/** How many events the demo has for a month at a scale: grows about 2% a month. */
export function monthVolume(plans: readonly EventPlan[], month: string, scale: number): number {
  const t = trendMonth(month);
  const season = SEASON[parsePeriod(month)?.firstMonth ?? 0] ?? 1;
  const base = plans.reduce((s, p) => s + p.base, 0);
  return Math.round(base * Math.max(0.4, 1 + 0.02 * t) * season * scale);
}

/**
 * Every event of a month, each drawn from its own stream: event n of a month is the same whatever the scale and
 * whenever the demo runs, so a later run only adds the events whose time has come.
 */
export function monthEvents(seed: number, plans: readonly EventPlan[], producers: Producers, month: string, scale: number, until: Date): DemoEvent[] {
  const types = new WeightedPicker(plans, (p) => p.base);
  const t = trendMonth(month);
  const limit = until.getTime();
  const out: DemoEvent[] = [];
  const count = monthVolume(plans, month, scale);
  for (let n = 0; n < count; n++) {
    const r = Random.of(seed, 'event', month, n);
    const plan = types.pick(r);
    const unit = producers.pick(plan, r);
    const time = randomTime(r, month);
    if (time.getTime() > limit) continue;
    const id = `demo-${seed}-${month}-${String(n).padStart(6, '0')}`;
    const producer: Producer = { unit, maturity: producers.maturityOf(unit), t, serial: id };
    out.push({ id, type: plan.type, unit, time: time.toISOString(), attributes: completeAttributes(plan, plan.attributes(r, producer), r, id) });
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
}

/** A few events happening now, for the live trickle. */
export function liveEvents(plans: readonly EventPlan[], producers: Producers, r: Random, now: Date, count: number, idPrefix: string): DemoEvent[] {
  const types = new WeightedPicker(plans, (p) => p.base);
  const t = trendMonth(periodOf('month', now));
  return Array.from({ length: count }, (_, i) => {
    const plan = types.pick(r);
    const unit = producers.pick(plan, r);
    const id = `${idPrefix}-${i}`;
    const producer: Producer = { unit, maturity: producers.maturityOf(unit), t, serial: id };
    return { id, type: plan.type, unit, time: now.toISOString(), attributes: completeAttributes(plan, plan.attributes(r, producer), r, id) };
  });
}

export function toNdjson(events: readonly DemoEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n');
}

/** Months since January 2026: the trends are anchored there. */
function trendMonth(month: string): number {
  return monthIndex(month) - 12;
}

/** Office hours mostly, Vietnam time. */
function randomTime(r: Random, month: string): Date {
  const p = parsePeriod(month);
  const year = p?.year ?? 2025;
  const mon = p?.firstMonth ?? 1;
  const day = r.int(1, daysIn(month));
  const hour = r.chance(0.85) ? r.int(7, 17) : r.int(0, 23);
  return new Date(Date.UTC(year, mon - 1, day, hour - 7, r.int(0, 59), r.int(0, 59)));
}

/** Adds what an indicator of the type needs and the known attributes lack: a summed number, a distinct key. */
function completeAttributes(plan: EventPlan, attributes: Attributes, r: Random, id: string): Attributes {
  for (const def of plan.defs) {
    const rule = def.event;
    if (!rule?.field || attributes[rule.field] !== undefined || !matchesFilter(attributes, rule.filter)) continue;
    attributes[rule.field] = rule.aggregate === 'sum' ? Math.round(r.skewed(100, 0.8)) : `${rule.field}-${id}`;
  }
  return attributes;
}

/** For event types the demo does not know: satisfy each indicator's filter about as often as the unit is mature. */
function attributesFromRules(defs: readonly IndicatorDefinition[], r: Random, p: Producer): Attributes {
  const out: Attributes = {};
  const good = clamp(0.4 + 0.5 * p.maturity + 0.005 * p.t, 0.05, 0.98);
  for (const def of defs) {
    for (const [key, expected] of Object.entries(def.event?.filter ?? {})) {
      if (out[key] !== undefined) continue;
      const hit = r.chance(good);
      if (Array.isArray(expected)) out[key] = hit && expected.length > 0 ? r.pick(expected) : 'other';
      else if (typeof expected === 'boolean') out[key] = hit ? expected : !expected;
      else if (typeof expected === 'number') out[key] = hit ? expected : expected + 1;
      else out[key] = hit ? expected : 'other';
    }
  }
  return out;
}
