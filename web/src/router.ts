import { signal } from '@preact/signals';

export interface Location { path: string; query: URLSearchParams }

const read = (): Location => ({ path: decodeURI(location.pathname), query: new URLSearchParams(location.search) });

/** The page and its shareable state (unit, indicator, period, level…) live in the URL. */
export const here = signal<Location>(read());

export function navigate(href: string, { replace = false } = {}): void {
  const url = new URL(href, location.href);
  const lang = here.value.query.get('lang');
  if (lang && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  const changedPage = url.pathname !== location.pathname;
  history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
  here.value = read();
  if (changedPage) afterPageChange();
}

/** Changes some query parameters of the current page; `null` removes one. Filters replace history, pages push it. */
export function setQuery(patch: Record<string, string | null | undefined>, { replace = true } = {}): void {
  const query = new URLSearchParams(here.value.query);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') query.delete(k);
    else query.set(k, v);
  }
  const qs = query.toString();
  navigate(`${here.value.path}${qs ? `?${qs}` : ''}`, { replace });
}

export function param(name: string): string | null {
  return here.value.query.get(name);
}

/** Builds a link that keeps the period the reader is looking at. */
export function href(path: string, query: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  const period = here.value.query.get('period');
  if (period && !('period' in query)) params.set('period', period);
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function afterPageChange(): void {
  window.scrollTo(0, 0);
  // Screen-reader and keyboard users land on the new page's content, not on the link they left.
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
}

addEventListener('popstate', () => {
  here.value = read();
});

addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  if (link.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(link.pathname + link.search + link.hash);
});
