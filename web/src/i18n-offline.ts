import { lang } from './i18n.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** "Đang ngoại tuyến — số liệu lúc HH:mm dd/mm" in Vietnam time (UTC+7, no daylight saving), or its English. */
export function offlineLabel(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3600_000);
  const when = `${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())} ${two(vn.getUTCDate())}/${two(vn.getUTCMonth() + 1)}`;
  return lang.value === 'en' ? `Offline — figures as of ${when}` : `Đang ngoại tuyến — số liệu lúc ${when}`;
}
