import type { Db } from '../store/engine.ts';
import { foldVietnamese } from '../shared/text.ts';

/** How to find a unit from what a sheet's cell says. */
export type ResolveUnit = (text: string) => string | undefined;

const LEVEL_RANK: Record<string, number> = { nation: 0, ministry: 1, province: 1, commune: 2 };
const PREFIXES = /^(ubnd|uy ban nhan dan)\s+/;

/**
 * Sheets name units by code ("BKHCN", "01", or 1 when Excel dropped the zero) or by name, with or without diacritics
 * ("Bộ Khoa học và Công nghệ", "Thành phố Hà Nội", "UBND tỉnh Quảng Ninh"). When a name is shared across levels
 * ("Quảng Ninh" is a province and a commune) the higher level wins; a name shared within one level resolves to none,
 * since guessing would give the data to the wrong unit.
 */
export async function buildUnitResolver(db: Db): Promise<ResolveUnit> {
  const rows = await db.selectFrom('units').select(['code', 'kind', 'name', 'full_name']).where('valid_to', 'is', null).execute();
  const codes = new Map(rows.map((r) => [r.code.toUpperCase(), r.code]));
  const namesOf = new Map(rows.map((r) => [r.code, new Set([foldVietnamese(r.name), foldVietnamese(r.full_name)])]));
  const byName = new Map<string, { rank: number; codes: Set<string> }>();
  for (const row of rows) {
    const rank = LEVEL_RANK[row.kind] ?? 3;
    for (const name of new Set([foldVietnamese(row.name), foldVietnamese(row.full_name)])) {
      const entry = byName.get(name);
      if (!entry || rank < entry.rank) byName.set(name, { rank, codes: new Set([row.code]) });
      else if (rank === entry.rank) entry.codes.add(row.code);
    }
  }
  return (text) => {
    // "Hà Nội (01)", as exports write units: the bracketed code decides when the name before it is that unit's.
    const bracketed = /^(.+?)\s*\(([A-Za-z0-9]{2,16})\)\s*$/.exec(text.trim());
    const code = bracketed ? codes.get((bracketed[2] ?? '').toUpperCase()) : undefined;
    if (code && namesOf.get(code)?.has(foldVietnamese(bracketed?.[1] ?? ''))) return code;
    const raw = text.trim();
    const byCode = codeCandidates(raw.toUpperCase()).map((c) => codes.get(c)).filter((c): c is string => c !== undefined);
    if (byCode.length > 0) return byCode.length === 1 ? byCode[0] : undefined;
    const entry = byName.get(foldVietnamese(raw).replace(PREFIXES, ''));
    return entry?.codes.size === 1 ? [...entry.codes][0] : undefined;
  };
}

/** Excel drops leading zeros from numeric codes: province "01" arrives as 1, commune "00004" as 4. */
function codeCandidates(text: string): string[] {
  if (!/^\d{1,5}$/.test(text)) return [text];
  return [...new Set([text, text.padStart(2, '0'), text.padStart(5, '0')])];
}
