import { getJson, type Unit, type UnitKpis } from '../api.ts';
import { fmtNumber } from '../format.ts';
import { useResource } from '../hooks.ts';
import { th } from '../i18n-home.ts';
import { unitName } from '../i18n.ts';
import { touchesUnits } from '../live.ts';
import { canPin, pinnedUnits, setPinned } from '../pinned-units.ts';
import { href } from '../router.ts';
import { BandBadge, Card, Loading, Num } from './ui.tsx';
import './home.css';

interface PinnedRow { unit: Unit; score: UnitKpis['score'] }

/** The units a steering or administrator account pinned, with their index and band for the month on screen. */
export function PinnedUnitsCard({ period }: { period: string }) {
  const codes = pinnedUnits.value;
  const watched = new Set(codes);
  const rows = useResource(
    (signal) => Promise.all(codes.map(async (code): Promise<PinnedRow> => {
      const [unit, kpis] = await Promise.all([
        getJson<Unit>(`/api/units/${encodeURIComponent(code)}`, {}, signal),
        getJson<UnitKpis>(`/api/units/${encodeURIComponent(code)}/kpis`, { period }, signal),
      ]);
      return { unit, score: kpis.score };
    })),
    [codes.join(','), period],
    (m) => touchesUnits(m, watched),
  );
  if (!canPin.value || codes.length === 0) return null;
  return (
    <Card title={th('pinned')} id="pinned-units">
      {!rows.data ? <Loading /> : (
        <ul class="pinned-list" data-testid="pinned-units">
          {rows.data.map(({ unit, score }) => (
            <li key={unit.code} data-unit={unit.code}>
              <a href={href(`/don-vi/${unit.code}`)}>{unitName(unit)}</a>
              <span class="pinned-score">
                <Num value={score?.score ?? null} text={fmtNumber(score?.score, 1)} />
                <BandBadge band={score?.band} small />
                <button type="button" class="btn" aria-label={th('unpinName', { name: unitName(unit) })} onClick={() => setPinned(unit.code, false)}>×</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p class="muted small">{th('pinnedNote')}</p>
    </Card>
  );
}

/** "Ghim lên trang tổng quan" on a unit's profile, for the accounts that land on the overview. */
export function PinToggle({ code }: { code: string }) {
  if (!canPin.value) return null;
  const on = pinnedUnits.value.includes(code);
  return (
    <p class="pin-toggle">
      <button type="button" class="btn" aria-pressed={on} data-testid="pin-toggle" onClick={() => setPinned(code, !on)}>
        <span aria-hidden="true">{on ? '★ ' : '☆ '}</span>{on ? th('unpin') : th('pin')}
      </button>
    </p>
  );
}
