import { getJson, type Unit } from '../api.ts';
import { useResource } from '../hooks.ts';
import { localName } from '../i18n.ts';

/** "Phường Ba Đình, Thành phố Hà Nội": a unit by its full name and, for a commune, its province's — never by its code alone. */
export function UnitFullName({ code }: { code: string }) {
  const names = useResource(async (signal) => {
    const unit = await getJson<Unit>(`/api/units/${encodeURIComponent(code)}`, {}, signal);
    const parent = unit.kind === 'commune' && unit.parent_code ? await getJson<Unit>(`/api/units/${unit.parent_code}`, {}, signal) : undefined;
    return [unit, parent].filter((u): u is Unit => u !== undefined);
  }, [code]);
  // The code stands in only while the names load, or if they cannot be read.
  if (!names.data) return <>{code}</>;
  return <>{names.data.map((u) => localName(u.full_name, u.full_name_en)).join(', ')}</>;
}
