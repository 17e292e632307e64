import { effect, signal } from '@preact/signals';
import { getJson, type Catalogue, type Health, type Indicator, type Periods, type PublishedPeriod } from './api.ts';
import { lastMonths, monthOf } from './format.ts';
import { lang } from './i18n.ts';
import { lastUpdate, onLiveChange } from './live.ts';
import { loadSession, signedIn } from './session.ts';

/** Facts every page needs once: the server's month, whether the data is synthetic, the catalogue. */
export const serverMonth = signal<string>(monthOf(new Date()));
export const synthetic = signal<boolean>(false);
export const catalogue = signal<Catalogue | undefined>(undefined);
/** Months the reader may pick, newest first: every scored month when signed in, the published ones for the public. */
export const scoredMonths = signal<string[]>([]);
/** Published months ("kỳ đã công bố"), newest first: all the public sees. */
export const publishedPeriods = signal<PublishedPeriod[]>([]);
/** The running month and the day its figures reach ("Kỳ đang diễn ra, số liệu đến ngày …"), as the server says. */
export const runningPeriod = signal<{ month: string; until: string } | undefined>(undefined);
/** The newest month that has ended and holds scores: what a signed-in reader sees first (decision 0028). */
export const latestComplete = signal<string | null>(null);
/** Whether the months above have been asked for since the reader signed in or out. */
export const periodsKnown = signal<boolean>(false);

/**
 * Every read the first screen waits for starts at once (the page's HTML preloads them too): the months are asked with
 * the session, not after it, since the server answers them by the same cookie.
 */
export async function loadAppState(): Promise<void> {
  const [health, cat] = await Promise.all([getJson<Health>('/api/health'), getJson<Catalogue>('/api/indicators'), loadSession(), loadPeriods()]);
  applyHealth(health);
  catalogue.value = cat;
}

function applyHealth(health: Health): void {
  serverMonth.value = monthOf(new Date(health.time));
  synthetic.value = health.synthetic === true;
  const at = health.lastChangeAt ? new Date(health.lastChangeAt) : null;
  // A change the stream already brought is newer than the health read that was in flight.
  if (at && (!lastUpdate.value || at > lastUpdate.value)) lastUpdate.value = at;
}

let periodsAsked = 0;

/** A picker without the older months is still usable, so a failure here does not stop the app. */
async function loadPeriods(): Promise<void> {
  const asked = ++periodsAsked;
  try {
    const periods = await getJson<Periods>('/api/periods');
    if (asked !== periodsAsked) return;
    scoredMonths.value = periods.months;
    runningPeriod.value = periods.current && periods.dataUntil ? { month: periods.current, until: periods.dataUntil } : undefined;
    latestComplete.value = periods.latestComplete ?? null;
    publishedPeriods.value = (periods.published ?? []).map((p) => (typeof p === 'string' ? { period: p } : p));
  } catch (err) {
    console.warn('could not load the report periods', err);
  } finally {
    if (asked === periodsAsked) periodsKnown.value = true;
  }
}

/** The public and a signed-in reader see different months: ask again when the reader signs in or out. */
let readerWas: boolean | undefined;
effect(() => {
  const reader = signedIn.value;
  if (reader === undefined || readerWas === undefined || reader === readerWas) {
    readerWas = reader;
    return;
  }
  readerWas = reader;
  periodsKnown.value = false;
  void loadPeriods();
});

onLiveChange((m) => {
  if (m.resync) {
    void Promise.all([getJson<Health>('/api/health').then(applyHealth), getJson<Catalogue>('/api/indicators').then((cat) => (catalogue.value = cat)), loadPeriods()]).catch(() => {});
    return;
  }
  // Scores for a month older than any known (a late report, last year's figures imported) widen the picker; a month
  // published or corrected (the write gate names the change by its action, `periods.publish`…) gets its mark.
  const oldest = scoredMonths.value.at(-1);
  if (m.kind.startsWith('periods.') || m.changes.scores.some((s) => !oldest || s.period < oldest)) void loadPeriods();
});

/** Whether the reader may see this month: any month when signed in, a published one for the public. */
export function isReadable(month: string): boolean {
  return signedIn.value === true || publishedPeriods.value.some((p) => p.period === month);
}

/**
 * The month a page shows when the URL names none: for a signed-in reader the latest complete one (the running month
 * is incomplete; it is there to pick), the current one only when no ended month holds scores; the latest published
 * one for the public. Until the server said which, the month before the current one.
 */
export function defaultPeriod(): string {
  if (signedIn.value) {
    if (!periodsKnown.value) return previousMonth(serverMonth.value);
    return latestComplete.value ?? serverMonth.value;
  }
  return publishedPeriods.value[0]?.period ?? serverMonth.value;
}

const previousMonth = (month: string): string => lastMonths(month, 2)[0] ?? month;

export function indicatorOf(code: string | null | undefined): Indicator | undefined {
  return code ? catalogue.value?.indicators.find((i) => i.code === code) : undefined;
}

export function indicatorName(code: string): string {
  const def = indicatorOf(code);
  if (!def) return code;
  return lang.value === 'en' ? def.nameEn : def.name;
}

export function measureOf(def: Indicator | undefined): string {
  if (!def) return '';
  return lang.value === 'en' ? def.measureEn ?? def.measure : def.measure;
}

export function pillarName(code: string): string {
  const p = catalogue.value?.pillars.find((x) => x.code === code);
  if (!p) return code;
  return lang.value === 'en' ? p.nameEn : p.name;
}
