import { AttentionCard } from './attention-card.tsx';
import { PinnedUnitsCard, PinToggle } from './pinned-units.tsx';

/** What the overview adds for "Cần chú ý": the pinned units of a national account, then the Nation's attention card. */
export function OverviewAttention({ period }: { period: string }) {
  return (
    <>
      <PinnedUnitsCard period={period} />
      <AttentionCard period={period} />
    </>
  );
}

/** What a unit's profile adds: the pin for national accounts, then the unit's attention card. */
export function UnitAttention({ code, period }: { code: string; period: string }) {
  return (
    <>
      <PinToggle code={code} />
      <AttentionCard unit={code} period={period} />
    </>
  );
}
