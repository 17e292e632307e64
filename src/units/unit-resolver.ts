import type { Db } from '../store/engine.ts';
import { foldVietnamese } from '../shared/text.ts';
import { reason } from '../shared/messages.ts';
import { formerProvinces, type FormerProvince } from './former-units.ts';
import { unitReason } from './unit-messages.ts';

/** How to find a unit from what a sheet's cell says. */
export type ResolveUnit = (text: string) => string | undefined;
/** The level a sheet's unit column names ("Mã tỉnh", "Xã/phường", "Bộ, ngành"). */
export type UnitLevel = 'province' | 'commune' | 'ministry';
export type UnitResolution = { code: string } | { problem: { reason: string; reasonEn: string } };
/** Resolves all the unit cells of one table together: the table's level decides names shared across levels. */
export type ResolveUnits = (texts: readonly string[], level?: UnitLevel) => Map<string, UnitResolution>;

const LEVEL_RANK: Record<string, number> = { nation: 0, ministry: 1, province: 1, commune: 2 };
const LEVEL_VI: Record<number, string> = { 0: 'cả nước', 1: 'bộ, ngành, tỉnh', 2: 'xã, phường' };
const LEVEL_EN: Record<number, string> = { 0: 'the nation', 1: 'ministries and provinces', 2: 'communes' };
const AUTHORITY = /^(ubnd|uy ban nhan dan)\s+/;
/** How offices write a province's kind before its name: "Tỉnh Nghệ An", "TP. Hồ Chí Minh", "Thủ đô Hà Nội". */
const PROVINCE_KIND = /^(thu do|thanh pho|tp|tinh)\s+/;
const ALIASES: Record<string, string> = { hcm: 'ho chi minh', tphcm: 'ho chi minh' };

interface Candidate { code: string; rank: number; label: string; former?: FormerProvince }

/**
 * Sheets name units by code ("BKHCN", "01", or 1 when Excel dropped the zero) or by name, with or without diacritics
 * and as offices write them ("Thành phố Hà Nội", "TP.HCM", "UBND tỉnh Quảng Ninh"). A province that ceased on
 * 1 July 2025 is a candidate of its own, so that its name never lands on a commune that happens to share it.
 */
class UnitNames {
  private readonly codes = new Map<string, Candidate>();
  private readonly fullNames = new Map<string, Candidate[]>();
  private readonly names = new Map<string, Candidate[]>();
  private readonly formerCodes = new Map<string, Candidate>();
  private readonly formerNames = new Map<string, Candidate>();
  private readonly namesOf = new Map<string, Set<string>>();

  constructor(rows: { code: string; kind: string; name: string; full_name: string }[]) {
    for (const row of rows) {
      const candidate = { code: row.code, rank: LEVEL_RANK[row.kind] ?? 3, label: `${row.full_name} (${row.code})` };
      const keys = new Set([foldVietnamese(row.name), foldVietnamese(row.full_name)]);
      this.codes.set(row.code.toUpperCase(), candidate);
      this.namesOf.set(row.code, keys);
      add(this.fullNames, foldVietnamese(row.full_name), candidate);
      for (const key of new Set([...keys, bare(foldVietnamese(row.full_name))])) add(this.names, key, candidate);
    }
    for (const former of formerProvinces()) {
      const successor = this.codes.get(former.successor);
      const candidate = { code: former.successor, rank: 1, label: successor?.label ?? former.successor, former };
      if (!this.codes.has(former.code)) this.formerCodes.set(former.code, candidate);
      this.formerNames.set(bare(foldVietnamese(former.name)), candidate);
    }
  }

  candidates(text: string): Candidate[] {
    const raw = text.trim();
    const bracketed = this.bracketed(raw);
    if (bracketed) return [bracketed];
    const byCode = codeCandidates(raw.toUpperCase()).flatMap((c) => this.codes.get(c) ?? this.formerCodes.get(c) ?? []);
    if (byCode.length > 0) return byCode;
    const key = foldVietnamese(raw).replace(AUTHORITY, '');
    const exact = this.fullNames.get(key);
    if (exact) return exact;
    const name = bare(key);
    const former = this.formerNames.get(name);
    // "Tỉnh …", "TP. …" name a province: a commune of that name is not a candidate.
    const named = [...(this.names.get(key) ?? []), ...(name === key ? [] : this.names.get(name) ?? [])];
    const all = unique([...(former ? [former] : []), ...named]);
    return name === key ? all : all.filter((c) => c.rank <= 1);
  }

  /** "Hà Nội (01)", as exports write units: the bracketed code decides when the name before it is that unit's. */
  private bracketed(raw: string): Candidate | undefined {
    const match = /^(.+?)\s*\(([A-Za-z0-9]{2,16})\)\s*$/.exec(raw);
    const candidate = match ? this.codes.get((match[2] ?? '').toUpperCase()) : undefined;
    return candidate && this.namesOf.get(candidate.code)?.has(foldVietnamese(match?.[1] ?? '')) ? candidate : undefined;
  }
}

function add(map: Map<string, Candidate[]>, key: string, candidate: Candidate): void {
  map.set(key, [...(map.get(key) ?? []), candidate]);
}

function unique(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.code}|${c.former?.name ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "tp ho chi minh" → "ho chi minh", "tp hcm" → "ho chi minh". */
function bare(key: string): string {
  let name = key;
  for (let stripped = name.replace(PROVINCE_KIND, ''); stripped !== name; stripped = name.replace(PROVINCE_KIND, '')) name = stripped;
  return ALIASES[name] ?? name;
}

/** Excel drops leading zeros from numeric codes: province "01" arrives as 1, commune "00004" as 4. */
function codeCandidates(text: string): string[] {
  if (!/^[1-9]\d{0,4}$/.test(text)) return [text];
  return [...new Set([text, text.padStart(2, '0'), text.padStart(5, '0')])];
}

async function readNames(db: Db): Promise<UnitNames> {
  return new UnitNames(await db.selectFrom('units').select(['code', 'kind', 'name', 'full_name']).where('valid_to', 'is', null).execute());
}

/**
 * One cell at a time, for task lists: when a name is shared across levels ("Quảng Ninh" is a province and a commune)
 * the higher level wins; a name shared within one level, or a former province, resolves to none.
 */
export async function buildUnitResolver(db: Db): Promise<ResolveUnit> {
  const names = await readNames(db);
  return (text) => {
    const candidates = names.candidates(text);
    const top = Math.min(...candidates.map((c) => c.rank));
    const at = candidates.filter((c) => c.rank === top);
    return at.length === 1 && at[0] && !at[0].former ? at[0].code : undefined;
  };
}

/**
 * A whole table's unit cells: the level is the one its unit column names, else the one most of its cells name
 * without doubt. Each cell then resolves within that level; a cell it cannot decide is reported with its candidates.
 */
export async function buildUnitsResolver(db: Db): Promise<ResolveUnits> {
  const names = await readNames(db);
  return (texts, level) => {
    const found = new Map(texts.map((text) => [text, names.candidates(text)]));
    const rank = level ? LEVEL_RANK[level] : tableRank([...found.values()]);
    return new Map([...found].map(([text, candidates]) => [text, resolution(text, candidates, rank)]));
  };
}

function tableRank(all: Candidate[][]): number | undefined {
  const votes = new Map<number, number>();
  for (const candidates of all) {
    const ranks = new Set(candidates.map((c) => c.rank));
    const [only] = ranks;
    if (ranks.size === 1 && only !== undefined) votes.set(only, (votes.get(only) ?? 0) + 1);
  }
  const sorted = [...votes].sort((a, b) => b[1] - a[1]);
  return sorted[0] && sorted[0][1] !== sorted[1]?.[1] ? sorted[0][0] : undefined;
}

function resolution(text: string, candidates: Candidate[], tableLevel: number | undefined): UnitResolution {
  if (candidates.length === 0) return { problem: reason('sheetUnknownUnit', { text }) };
  const ranks = new Set(candidates.map((c) => c.rank));
  const [onlyRank] = ranks;
  const rank = tableLevel ?? (ranks.size === 1 ? onlyRank : undefined);
  // The nation ("Việt Nam") has no peers to be confused with: it is read in a table of any level.
  const at = rank === undefined ? candidates : candidates.filter((c) => c.rank === rank || c.rank === LEVEL_RANK.nation);
  const labels = (list: Candidate[]) => list.map((c) => (c.former ? c.former.name : c.label)).join('; ');
  if (at.length === 0) {
    return { problem: unitReason('sheetUnitOtherLevel', { text, candidates: labels(candidates), levelVi: LEVEL_VI[rank ?? 1] ?? '', levelEn: LEVEL_EN[rank ?? 1] ?? '' }) };
  }
  const [one] = at;
  if (at.length > 1 || !one) return { problem: unitReason('sheetUnitAmbiguous', { text, candidates: labels(at) }) };
  if (one.former) return { problem: unitReason('sheetFormerUnit', { text, former: one.former.name, successor: one.label }) };
  return { code: one.code };
}
