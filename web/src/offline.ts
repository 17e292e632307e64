import { signal } from '@preact/signals';

/** Set by the service worker on an answer it kept and serves without a network (web/sw/service-worker.ts). */
const STORED_AT = 'x-nhipso-stored-at';

/** When the oldest figures on screen were kept, while they come from the device rather than the server; else null. */
export const keptAt = signal<Date | null>(null);

/** Told of every API answer: a kept one marks the screen offline with its time, a fresh one ends that. */
export function noteAnswer(response: Response): void {
  const stored = response.headers.get(STORED_AT);
  const at = stored ? new Date(stored) : null;
  if (!at || Number.isNaN(at.getTime())) {
    if (keptAt.peek()) keptAt.value = null;
    return;
  }
  const shown = keptAt.peek();
  if (!shown || at < shown) keptAt.value = at;
}

/** Installs the service worker of the built app (none under Vite's dev server, whose files change as one edits). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  if (!container.controller) container.addEventListener('controllerchange', readAgainThroughWorker, { once: true });
  // After the page's own load: on a slow link, installing (it fetches the page shell) must not delay the first screen.
  const register = () => container.register('/sw.js', { type: 'module' }).catch((err: unknown) => console.warn('could not install the service worker', err));
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/**
 * On the first visit the page's reads went out before the worker was there to keep them: read them again through
 * it, once each, those done already and those still on their way, so that the app opens offline with this screen.
 */
function readAgainThroughWorker(): void {
  const controlledFrom = performance.now();
  const asked = new Set<string>();
  const readAgain = (entries: PerformanceEntryList) => {
    for (const entry of entries) {
      const url = new URL(entry.name);
      const read = url.pathname + url.search;
      if (entry.startTime >= controlledFrom || url.origin !== location.origin || !url.pathname.startsWith('/api/') || url.pathname === '/api/stream' || asked.has(read)) continue;
      asked.add(read);
      void fetch(read, { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => {});
    }
  };
  readAgain(performance.getEntriesByType('resource'));
  const observer = new PerformanceObserver((list) => readAgain(list.getEntries()));
  observer.observe({ type: 'resource' });
  setTimeout(() => observer.disconnect(), 60_000);
}
