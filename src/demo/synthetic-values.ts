import { SYNTHETIC_SOURCE } from './demo-label.ts';
import { monthIndex, monthsBetween, quarterOfYear, quartersBetween, yearOf, type DemoWindow } from './demo-periods.ts';
import { BIG_CITIES, communePopulation, provincePopulation, type CommuneProfile, type DemoWorld, type MinistryProfile, type ProvinceProfile } from './demo-world.ts';
import { allocate, centreOn } from './allocate.ts';
import { ANCHORS } from './real-figures.ts';
import { clamp, Random, round1 } from './random.ts';

export interface DemoValue {
  unit: string;
  indicator: string;
  period: string;
  value: number;
  source: string;
}

/** Provinces where the last villages without grid power are, with their share of them. */
const UNPOWERED_VILLAGES: Record<string, number> = { '11': 22, '12': 20, '14': 16, '15': 12, '04': 10, '08': 9, '52': 8, '66': 6, '40': 6, '38': 4, '51': 2, '44': 2 };

class Sink {
  readonly values: DemoValue[] = [];
  constructor(readonly seed: number) {}

  put(unit: string, indicator: string, period: string, value: number): void {
    this.values.push({ unit, indicator, period, value, source: SYNTHETIC_SOURCE });
  }

  /** Noise drawn for one unit, indicator and period: the same whatever else the demo generates. */
  noise(...labels: (string | number)[]): number {
    return Random.of(this.seed, ...labels).normal();
  }

  /** A trait of a unit that holds across periods. */
  trait(...labels: (string | number)[]): Random {
    return Random.of(this.seed, 'trait', ...labels);
  }
}

/** Reported values for communes, provinces and ministries over the window: all synthetic, all labelled. */
export function syntheticValues(world: DemoWorld, window: DemoWindow): DemoValue[] {
  const sink = new Sink(world.seed);
  for (const year of window.years) {
    for (const p of world.provinces) for (const c of p.communes) communeYear(sink, p, c, year);
    provinceYear(sink, world.provinces, year);
  }
  for (const quarter of window.quarters) {
    for (const p of world.provinces) for (const c of p.communes) communeQuarter(sink, c, quarter);
    provinceQuarter(sink, world.provinces, quarter);
    for (const m of world.ministries) ministryQuarter(sink, m, quarter);
  }
  for (const month of window.months) {
    provinceMonth(sink, world.provinces, month);
    for (const m of world.ministries) sink.put(m.code, 'data_quality_score', month, qualityScore(sink, m.code, m.maturity, month));
  }
  return sink.values;
}

function communeYear(sink: Sink, p: ProvinceProfile, c: CommuneProfile, year: string): void {
  const population = communePopulation(p, c, Number(year));
  const householdSize = sink.trait('household', c.code).between(3.1, 3.8);
  sink.put(c.code, 'population', year, population);
  sink.put(c.code, 'adult_population', year, Math.round(population * c.adultShare));
  sink.put(c.code, 'households_total', year, Math.round(population / householdSize));
}

function communeQuarter(sink: Sink, c: CommuneProfile, quarter: string): void {
  const year = yearOf(quarter);
  const households = Math.round(c.population2025 / sink.trait('household', c.code).between(3.1, 3.8));
  const reach = (0.2 * quarterOfYear(quarter) + 0.03 * sink.noise('guided', c.code, quarter)) * (0.45 + 0.6 * c.maturity) * (1 + 0.05 * (year - 2026));
  sink.put(c.code, 'households_guided', quarter, Math.round(households * clamp(reach, 0, 0.99)));

  // "Khoanh lại" starts with the review ordered on 24/9/2025: from Q4 2025 broken systems are cordoned off and replaced.
  const trait = sink.trait('infra', c.code);
  const total = trait.int(3, 9) + (c.subkind === 'ward' ? 2 : 0) + Math.floor(Math.max(0, quartersBetween('2025-Q1', quarter)) / 3);
  const sinceReview = quartersBetween('2025-Q4', quarter);
  const brokenShare = clamp(0.3 * (1 - c.maturity) + 0.06 * trait.normal() - 0.02 * Math.max(0, sinceReview), 0, 0.6);
  const broken = Math.round(total * brokenShare);
  sink.put(c.code, 'infra_systems_total', quarter, total);
  sink.put(c.code, 'infra_systems_working', quarter, total - broken);
  sink.put(c.code, 'infra_systems_cordoned', quarter, sinceReview < 0 ? 0 : Math.round(broken * clamp(0.35 + 0.2 * sinceReview, 0, 1)));
}

function provinceYear(sink: Sink, provinces: ProvinceProfile[], year: string): void {
  for (const p of provinces) {
    const n = Number(year) - 2025;
    const perCapita = 0.105 * (0.75 + 0.9 * p.urbanShare) * (BIG_CITIES.has(p.code) ? 1.35 : 1) * (1 + 0.1 * sink.trait('grdp', p.code).normal()) * 1.08 ** n;
    const grdp = Math.round(provincePopulation(p, Number(year)) * perCapita);
    const digitalShare = clamp(0.07 + 0.17 * p.maturity + 0.012 * n + 0.015 * sink.noise('digital_share', p.code, year), 0.03, 0.35);
    sink.put(p.code, 'grdp_bn_vnd', year, grdp);
    sink.put(p.code, 'digital_economy_value_bn_vnd', year, Math.round(grdp * digitalShare));
  }
}

function provinceQuarter(sink: Sink, provinces: ProvinceProfile[], quarter: string): void {
  const year = yearOf(quarter);
  const sinceStart = quartersBetween('2025-Q1', quarter);
  const pops = provinces.map((p) => provincePopulation(p, year));
  for (const p of provinces) {
    const procedures = sink.trait('procedures', p.code).int(1650, 2050);
    sink.put(p.code, 'procedures_total', quarter, procedures);
    sink.put(p.code, 'procedures_full_online', quarter, Math.round(procedures * fullOnlineShare(sink, p.code, p.maturity, quarter)));
    const officials = Math.round(provincePopulation(p, year) * 0.019 * (1 + 0.1 * sink.trait('officials', p.code).normal()));
    sink.put(p.code, 'officials_total', quarter, officials);
    sink.put(p.code, 'officials_trained', quarter, Math.round(officials * trainedShare(sink, p.code, p.maturity, quarter)));
    const databases = sink.trait('databases', p.code).int(9, 15);
    sink.put(p.code, 'databases_total', quarter, databases);
    sink.put(p.code, 'databases_completed', quarter, Math.min(databases, Math.round(databases * databaseProgress(sink, p.code, p.maturity, quarter))));
    const chipId = quartersBetween('2025-Q4', quarter) >= 0 ? 100 : clamp(90 + 10 * p.maturity + 2 * sink.noise('chip', p.code, quarter) + sinceStart, 85, 100);
    sink.put(p.code, 'chip_id_health_facilities_pct', quarter, round1(chipId));
  }
  enterprises(sink, provinces, pops, quarter);
  hospitals(sink, provinces, quarter);
  socialPayments(sink, provinces, quarter);
  coverage5g(sink, provinces, pops, quarter);
}

function enterprises(sink: Sink, provinces: ProvinceProfile[], pops: number[], quarter: string): void {
  const a = ANCHORS.enterprises;
  const national = Math.max(20_000, a.value + a.perQuarter * quartersBetween(a.quarter, quarter));
  const weights = provinces.map((p, i) => (pops[i] ?? 0) * (0.25 + p.urbanShare) ** 1.5 * p.maturity ** 2 * (BIG_CITIES.has(p.code) ? 1.5 : 1) * Math.exp(0.2 * sink.trait('firms', p.code).normal()));
  allocate(national, weights).forEach((n, i) => sink.put(provinces[i]?.code ?? '', 'digital_tech_enterprises', quarter, n));
}

function hospitals(sink: Sink, provinces: ProvinceProfile[], quarter: string): void {
  const totals = provinces.map((p) => 4 + Math.round((p.communes.reduce((s, c) => s + c.population2025, 0) / 60_000) * sink.trait('hospitals', p.code).between(0.8, 1.2)));
  const all = totals.reduce((s, t) => s + t, 0);
  const a = ANCHORS.hospitalsEmr;
  const national = clamp(a.value + a.perQuarter * quartersBetween(a.quarter, quarter), 100, 0.95 * all);
  const emr = allocate(national, provinces.map((p, i) => (totals[i] ?? 0) * (0.45 + 0.7 * p.maturity)));
  provinces.forEach((p, i) => {
    sink.put(p.code, 'hospitals_total', quarter, totals[i] ?? 0);
    sink.put(p.code, 'hospitals_emr', quarter, Math.min(totals[i] ?? 0, emr[i] ?? 0));
  });
}

function socialPayments(sink: Sink, provinces: ProvinceProfile[], quarter: string): void {
  const a = ANCHORS.socialViaBank;
  const since = quartersBetween(a.quarter, quarter);
  const raw = provinces.map((p) => p.communes.reduce((s, c) => s + c.population2025, 0) * (1.25 - 0.5 * p.urbanShare) * sink.trait('social', p.code).between(0.9, 1.1));
  const beneficiaries = allocate(3_400_000 * (1 + 0.005 * since), raw);
  const all = beneficiaries.reduce((s, b) => s + b, 0);
  const viaBank = allocate(Math.min(0.97 * all, a.value + a.perQuarter * since), provinces.map((p, i) => (beneficiaries[i] ?? 0) * (0.6 + 0.5 * p.maturity)));
  provinces.forEach((p, i) => {
    sink.put(p.code, 'social_payment_beneficiaries', quarter, beneficiaries[i] ?? 0);
    sink.put(p.code, 'social_payments_via_bank_people', quarter, Math.min(beneficiaries[i] ?? 0, viaBank[i] ?? 0));
  });
}

/** Provinces spread around the national trajectory, population-weighted back onto it. */
function coverage5g(sink: Sink, provinces: ProvinceProfile[], pops: number[], quarter: string): void {
  const a = ANCHORS.coverage5g;
  const national = clamp(a.value + a.perQuarter * quartersBetween(a.quarter, quarter), 10, a.max);
  const totalPop = pops.reduce((s, x) => s + x, 0);
  const meanMaturity = provinces.reduce((s, p, i) => s + p.maturity * (pops[i] ?? 0), 0) / totalPop;
  const raw = provinces.map((p) => national + 34 * (p.maturity - meanMaturity) + 3 * sink.trait('5g', p.code).normal() + 1.5 * sink.noise('5g', p.code, quarter));
  centreOn(national, raw, pops, 3, 99.5).forEach((v, i) => sink.put(provinces[i]?.code ?? '', 'coverage_5g_pct', quarter, round1(v)));
}

function provinceMonth(sink: Sink, provinces: ProvinceProfile[], month: string): void {
  const year = yearOf(month);
  const s = ANCHORS.signatures;
  const certs = Math.max(5_000_000, s.value + s.perMonth * monthsBetween(s.month, month));
  const adults = provinces.map((p) => p.communes.reduce((sum, c) => sum + communePopulation(p, c, year) * c.adultShare, 0));
  allocate(certs, provinces.map((p, i) => (adults[i] ?? 0) * p.maturity ** 1.5 * Math.exp(0.1 * sink.trait('certs', p.code).normal())))
    .forEach((n, i) => sink.put(provinces[i]?.code ?? '', 'digital_signature_certs', month, n));
  const villages = allocate(villagesWithoutPower(month), provinces.map((p) => UNPOWERED_VILLAGES[p.code] ?? 0));
  provinces.forEach((p, i) => {
    sink.put(p.code, 'villages_without_power', month, villages[i] ?? 0);
    sink.put(p.code, 'data_quality_score', month, qualityScore(sink, p.code, p.maturity, month));
  });
}

/** 117 villages in September 2025 (seed 004), EVN's deadline November 2025; a few stragglers after it. */
function villagesWithoutPower(month: string): number {
  const after = monthsBetween(ANCHORS.villagesWithoutPower.month, month);
  if (after <= 0) return ANCHORS.villagesWithoutPower.value - 6 * after;
  return [58, 12, 5, 2][after - 1] ?? 0;
}

function ministryQuarter(sink: Sink, m: MinistryProfile, quarter: string): void {
  const procedures = Math.round(60 + 110 * m.size * sink.trait('procedures', m.code).between(0.7, 1.3));
  sink.put(m.code, 'procedures_total', quarter, procedures);
  sink.put(m.code, 'procedures_full_online', quarter, Math.round(procedures * fullOnlineShare(sink, m.code, m.maturity, quarter)));
  const officials = Math.round(9_000 * m.size * sink.trait('officials', m.code).between(0.8, 1.2));
  sink.put(m.code, 'officials_total', quarter, officials);
  sink.put(m.code, 'officials_trained', quarter, Math.round(officials * trainedShare(sink, m.code, m.maturity, quarter)));
  const databases = Math.max(1, Math.round(1 + 2 * m.size * sink.trait('databases', m.code).between(0.6, 1.4)));
  sink.put(m.code, 'databases_total', quarter, databases);
  sink.put(m.code, 'databases_completed', quarter, Math.min(databases, Math.round(databases * databaseProgress(sink, m.code, m.maturity, quarter))));
}

function fullOnlineShare(sink: Sink, unit: string, maturity: number, quarter: string): number {
  return clamp(0.25 + 0.55 * maturity + 0.015 * quartersBetween('2026-Q1', quarter) + 0.03 * sink.noise('full_online', unit, quarter), 0.1, 0.97);
}

function trainedShare(sink: Sink, unit: string, maturity: number, quarter: string): number {
  return clamp(0.35 + 0.5 * maturity + 0.015 * quartersBetween('2026-Q1', quarter) + 0.03 * sink.noise('trained', unit, quarter), 0.1, 0.99);
}

/** Databases were due "đúng, đủ, sạch, sống" by Q4 2025 (seed 004): most units get close, the weaker ones lag. */
function databaseProgress(sink: Sink, unit: string, maturity: number, quarter: string): number {
  return clamp(0.2 + 0.6 * maturity + 0.05 * quartersBetween('2025-Q1', quarter) + 0.05 * sink.noise('db', unit, quarter), 0, 1);
}

function qualityScore(sink: Sink, unit: string, maturity: number, month: string): number {
  return round1(clamp(45 + 40 * maturity + 0.4 * (monthIndex(month) - 12) + 3 * sink.noise('dq', unit, month), 30, 99));
}
