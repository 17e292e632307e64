import { getJson, type Unit } from '../api.ts';
import { useResource } from '../hooks.ts';
import { t, unitName } from '../i18n.ts';
import { setQuery } from '../router.ts';

export type Level = 'province' | 'ministry' | 'commune';

const LEVEL_LABEL = { province: 'provinces', ministry: 'ministries', commune: 'communes' } as const;

interface Props {
  levels: readonly Level[];
  level: Level;
  parent: string | undefined;
  /** What choosing a level writes to the URL (pages reset different filters). */
  onLevel: (level: Level) => void;
}

/** Who is compared: provinces, ministries, or the communes of a chosen province. */
export function LevelPicker({ levels, level, parent, onLevel }: Props) {
  const provinces = useResource((signal) => getJson<{ items: Unit[] }>('/api/units', { kind: 'province', limit: 100 }, signal), []);
  return (
    <>
      {levels.length > 1 && (
        <div class="seg" role="group" aria-label={t('level')}>
          {levels.map((l) => (
            <button key={l} type="button" class="btn" aria-pressed={level === l} onClick={() => onLevel(l)}>
              {t(LEVEL_LABEL[l])}
            </button>
          ))}
        </div>
      )}
      {level === 'commune' && (
        <label class="field">
          <span>{t('province')}</span>
          <select value={parent} onChange={(e) => setQuery({ parent: (e.currentTarget as HTMLSelectElement).value })}>
            {(provinces.data?.items ?? []).map((p) => <option key={p.code} value={p.code}>{unitName(p)}</option>)}
          </select>
        </label>
      )}
    </>
  );
}
