import { offlineLabel } from '../i18n-offline.ts';
import { keptAt } from '../offline.ts';
import './offline-banner.css';

/** "Đang ngoại tuyến — số liệu lúc 14:26 07/12": the figures on screen were kept on the device, and when. */
export function OfflineBanner() {
  const at = keptAt.value;
  if (!at) return null;
  return (
    <div class="offline-banner" role="status" data-testid="offline-banner">
      <time dateTime={at.toISOString()}>{offlineLabel(at)}</time>
    </div>
  );
}
