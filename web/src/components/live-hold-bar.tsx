import { livePaused, setLivePaused, type Held } from '../live-hold.ts';
import { fmtNumber } from '../format.ts';
import { tp } from '../i18n-phone.ts';
import { signedIn } from '../session.ts';

/** "Tạm dừng cập nhật" and, when new data waits, "N thay đổi mới — bấm để áp dụng". Published data does not move: no bar. */
export function LiveHoldBar({ held }: { held: Held<unknown> }) {
  if (!signedIn.value) return null;
  const paused = livePaused.value;
  return (
    <div class="live-hold" data-testid="live-hold">
      <button type="button" class="btn" aria-pressed={paused} onClick={() => setLivePaused(!paused)} data-testid="pause-live">
        <span aria-hidden="true">{paused ? '▶' : '❚❚'} </span>{tp('pauseLive')}
      </button>
      <span aria-live="polite">
        {held.pending > 0 && (
          <button type="button" class="btn btn-primary" onClick={held.apply} data-testid="apply-changes">
            {tp('pendingChanges', { n: fmtNumber(held.pending, 0) })}
          </button>
        )}
      </span>
    </div>
  );
}
