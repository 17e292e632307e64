import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MERGER_FILE = fileURLToPath(new URL('../../data/vn-admin-merger-2025.json', import.meta.url));

/** A province that ceased on 1 July 2025 (or was renamed before it), and the province it became part of. */
export interface FormerProvince { name: string; code: string; successor: string }

interface MergerFile { data: { level1_id: string; name: string; merges: { old_id: string; name: string }[] }[] }

/**
 * Renamed on 1 January 2025 (Nghị quyết 1314/NQ-UBTVQH15), before the merger table's "old" state, which already
 * calls it "Thành phố Huế": offices still write the old name.
 */
const RENAMED: FormerProvince[] = [{ name: 'Tỉnh Thừa Thiên Huế', code: '46', successor: '46' }];

let cached: FormerProvince[] | undefined;

/** The old provinces of the 2025 merger whose name or code no current province keeps, with their successor. */
export function formerProvinces(): FormerProvince[] {
  if (cached) return cached;
  const { data } = JSON.parse(readFileSync(MERGER_FILE, 'utf8')) as MergerFile;
  const current = new Set(data.map((p) => p.name));
  const merged = data.flatMap((p) => p.merges.filter((old) => !current.has(old.name)).map((old) => ({ name: old.name, code: old.old_id, successor: p.level1_id })));
  cached = [...merged, ...RENAMED];
  return cached;
}
