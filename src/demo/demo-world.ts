import type { Core } from '../core.ts';
import { listUnits } from '../units/unit.repository.ts';
import { clamp, Random } from './random.ts';
import { REAL_ADULT_POPULATION_2025 } from './real-figures.ts';

/** Big cities: more people, more dossiers, further along. */
export const BIG_CITIES: ReadonlySet<string> = new Set(['01', '79']);
/** Other centrally-run cities and Quảng Ninh, usually near the top of the DTI ranking. */
const CITIES: ReadonlySet<string> = new Set(['31', '48', '92', '46', '22']);

/** Not a seed figure: a round national total the synthetic communes are scaled to. */
const NATIONAL_POPULATION_2025 = 101_300_000;
const BASE_YEAR = 2025;

export interface CommuneProfile {
  code: string;
  province: string;
  subkind: string;
  /** 0–1: how far along digital transformation is; fixed for the demo, so rankings are stable. */
  maturity: number;
  population2025: number;
  adultShare: number;
  /** Relative share of events (dossiers, payments…). */
  activity: number;
}

export interface ProvinceProfile {
  code: string;
  maturity: number;
  /** Share of wards among the province's communes. */
  urbanShare: number;
  growth: number;
  communes: CommuneProfile[];
}

export interface MinistryProfile {
  code: string;
  maturity: number;
  /** Relative volume of dossiers handled at ministry level. */
  size: number;
}

/** The synthetic country behind the demo: every unit's persistent traits, drawn once from the seed. */
export interface DemoWorld {
  seed: number;
  provinces: ProvinceProfile[];
  ministries: MinistryProfile[];
  communes: CommuneProfile[];
}

/**
 * Rough people per commune-level unit (thousands) by province, so the synthetic country looks plausible: dense cities,
 * sparse northern mountains. Not official figures; the total is scaled to the national one anyway.
 */
const PEOPLE_PER_COMMUNE: Record<string, number> = {
  '01': 69, '04': 10, '08': 15, '11': 14, '12': 13, '14': 17, '15': 18, '19': 19, '20': 12, '22': 26, '24': 36, '25': 27,
  '31': 41, '33': 35, '37': 34, '38': 26, '40': 29, '42': 23, '44': 24, '46': 33, '48': 32, '51': 23, '52': 27, '56': 34,
  '66': 32, '68': 31, '75': 47, '79': 83, '80': 34, '82': 43, '86': 35, '91': 48, '92': 41, '96': 41,
};

const MINISTRY_SIZE: Record<string, number> = { BCA: 4, BTC: 3, BCT: 2, BNNMT: 2, BXD: 1.5, BYT: 1.5, BGDDT: 1.2, BTP: 1.2, NHNN: 1 };

export async function buildWorld(core: Core, seed: number): Promise<DemoWorld> {
  const subkinds = await communeSubkinds(core);
  const units = [...core.ctx.units.all()];
  const provinceCodes = units.filter((u) => u.kind === 'province').map((u) => u.code).sort();
  const provinces = provinceCodes.map((code) => provinceProfile(core, seed, code, subkinds));
  scalePopulation(provinces);
  const ministries = units
    .filter((u) => u.kind === 'ministry')
    .map((u) => u.code)
    .sort()
    .map((code) => {
      const random = Random.of(seed, 'ministry', code);
      return { code, maturity: random.between(0.35, 0.92), size: MINISTRY_SIZE[code] ?? random.between(0.3, 0.9) };
    });
  return { seed, provinces, ministries, communes: provinces.flatMap((p) => p.communes) };
}

function provinceProfile(core: Core, seed: number, code: string, subkinds: Map<string, string>): ProvinceProfile {
  const random = Random.of(seed, 'province', code);
  const childCodes = core.ctx.units.children(code).filter((c) => core.ctx.units.get(c)?.kind === 'commune');
  const wards = childCodes.filter((c) => subkinds.get(c) === 'ward').length;
  const urbanShare = childCodes.length > 0 ? wards / childCodes.length : 0;
  const bonus = BIG_CITIES.has(code) ? 0.2 : CITIES.has(code) ? 0.1 : 0;
  const maturity = clamp(0.32 + 0.35 * urbanShare + 0.42 * random.next() + bonus, 0.3, 0.97);
  const growth = BIG_CITIES.has(code) ? 0.016 : 0.006 + 0.006 * urbanShare;
  const communes = childCodes.map((c) => communeProfile(seed, c, code, subkinds.get(c) ?? 'commune', maturity));
  return { code, maturity, urbanShare, growth, communes };
}

function communeProfile(seed: number, code: string, province: string, subkind: string, provinceMaturity: number): CommuneProfile {
  const random = Random.of(seed, 'commune', code);
  const isWard = subkind === 'ward';
  const typical = (PEOPLE_PER_COMMUNE[province] ?? 30) * 1_000 * (isWard ? 1.4 : subkind === 'special-zone' ? 0.3 : 0.85);
  const population2025 = random.skewed(typical, 0.3);
  const maturity = clamp(provinceMaturity + 0.07 * random.normal() + (isWard ? 0.04 : -0.02), 0.25, 1);
  const activity = (population2025 / 20_000) * (0.6 + 0.8 * maturity) * (BIG_CITIES.has(province) ? 1.2 : 1);
  return { code, province, subkind, maturity, population2025, adultShare: clamp(0.61 + 0.03 * random.normal(), 0.5, 0.7), activity };
}

/** Scales communes so the country adds up to the national totals the real figures imply. */
function scalePopulation(provinces: ProvinceProfile[]): void {
  const communes = provinces.flatMap((p) => p.communes);
  const people = communes.reduce((s, c) => s + c.population2025, 0);
  for (const c of communes) c.population2025 = Math.round((c.population2025 * NATIONAL_POPULATION_2025) / people);
  const adults = communes.reduce((s, c) => s + c.population2025 * c.adultShare, 0);
  for (const c of communes) c.adultShare *= REAL_ADULT_POPULATION_2025 / adults;
}

export function communePopulation(province: ProvinceProfile, commune: CommuneProfile, year: number): number {
  return Math.round(commune.population2025 * (1 + province.growth) ** (year - BASE_YEAR));
}

export function provincePopulation(province: ProvinceProfile, year: number): number {
  return province.communes.reduce((s, c) => s + communePopulation(province, c, year), 0);
}

async function communeSubkinds(core: Core): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let offset = 0; ; offset += 500) {
    const page = await listUnits(core.db, { kind: 'commune', limit: 500, offset });
    for (const u of page.items) out.set(u.code, u.subkind);
    if (page.items.length < 500) return out;
  }
}
