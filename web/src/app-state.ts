import { signal } from '@preact/signals';
import { getJson, type Catalogue, type Health, type Indicator, type ScoredMonths } from './api.ts';
import { monthOf } from './format.ts';
import { lang } from './i18n.ts';
import { onLiveChange } from './live.ts';

/** Facts every page needs once: the server's month, whether the data is synthetic, the catalogue. */
export const serverMonth = signal<string>(monthOf(new Date()));
export const synthetic = signal<boolean>(false);
export const catalogue = signal<Catalogue | undefined>(undefined);
/** Months that hold scores, newest first: the month picker reaches back to the oldest. */
export const scoredMonths = signal<string[]>([]);

export async function loadAppState(): Promise<void> {
  const [health, cat] = await Promise.all([getJson<Health>('/api/health'), getJson<Catalogue>('/api/indicators'), loadScoredMonths()]);
  serverMonth.value = monthOf(new Date(health.time));
  synthetic.value = health.synthetic === true;
  catalogue.value = cat;
}

/** A picker without the older months is still usable, so a failure here does not stop the app. */
async function loadScoredMonths(): Promise<void> {
  try {
    scoredMonths.value = (await getJson<ScoredMonths>('/api/periods')).months;
  } catch (err) {
    console.warn('could not load the scored months', err);
  }
}

onLiveChange((m) => {
  if (m.resync) void loadAppState().catch(() => {});
  // Scores for a month older than any known (a late report, last year's figures imported) widen the picker.
  const oldest = scoredMonths.value.at(-1);
  if (!m.resync && m.changes.scores.some((s) => !oldest || s.period < oldest)) void loadScoredMonths();
});

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
