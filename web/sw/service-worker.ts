/**
 * The dashboard's service worker: the app opens without a network, showing the last answers this reader saw.
 * - Pages: network first; offline, the last page shell (index.html without its preload hints, which name a month).
 * - Hashed assets (/assets/…): cache first, they never change under their name.
 * - API reads: network first, each answer kept; offline, the kept answer, marked with when it was kept
 *   (`x-nhipso-stored-at`) so that the page can say how old its figures are.
 * Each answer is kept under the reader the server names in `x-nhipso-reader`: the public's apart from a session's,
 * and a session's only until another session's answer, a sign-in or a sign-out, which empty them. Offline, the
 * answers of whoever read last are shown, never another reader's.
 */
declare const self: ServiceWorkerGlobalScope;
// A module, so that `self` above is this worker's scope, not the global of the DOM typings.
export {};

const SHELL = 'nhipso-shell-v1';
const PUBLIC = 'nhipso-api-public-v1';
const ACCOUNT = 'nhipso-api-account-v1';
const KEPT = new Set([SHELL, PUBLIC, ACCOUNT]);
/** Whose answers were read last: `public` or the server's opaque name of a session (src/http/reader-header.ts). */
const READER = '/__nhipso/reader';
const READER_HEADER = 'x-nhipso-reader';
const STORED_AT = 'x-nhipso-stored-at';
/** Reads that are not figures: the live stream, documentation, downloads. */
const NOT_KEPT = /^\/api\/(stream|docs|openapi\.json)|\.xlsx(\?|$)|\/export/;

self.addEventListener('install', (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (!KEPT.has(name)) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api/session') {
    event.respondWith(session(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
  else if (url.pathname.startsWith('/api/') && !NOT_KEPT.test(url.pathname + url.search)) event.respondWith(apiRead(request));
});

/** The page shell and the assets it names, so that the app opens offline after its first visit. */
async function keepShell(): Promise<void> {
  const response = await fetch('/', { credentials: 'omit' });
  if (!response.ok) return;
  const html = await response.text();
  await storeShell(html);
  const assets = [...html.matchAll(/\/assets\/[^"'\s>]+/g)].map((m) => m[0]);
  await (await caches.open(SHELL)).addAll([...new Set(assets)]);
}

async function storeShell(html: string): Promise<void> {
  const shell = html.replace(/<link rel="preload" as="fetch"[^>]*>/g, '');
  await (await caches.open(SHELL)).put('/', new Response(shell, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
}

async function page(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await storeShell(await response.clone().text());
    return response;
  } catch (err) {
    const shell = await (await caches.open(SHELL)).match('/');
    if (shell) return shell;
    throw err;
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function apiRead(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (err) {
    const kept = await (await caches.open(await lastReader() === 'public' ? PUBLIC : ACCOUNT)).match(request);
    if (kept) return kept;
    throw err;
  }
  const reader = response.headers.get(READER_HEADER);
  if (response.ok && reader) await keep(reader, request, response.clone());
  return response;
}

/** Kept under the reader the server named: a session other than the one ACCOUNT holds empties it first. */
async function keep(reader: string, request: Request, response: Response): Promise<void> {
  if (reader !== 'public' && reader !== await lastReader()) await forgetAccount();
  await noteReader(reader);
  await (await caches.open(reader === 'public' ? PUBLIC : ACCOUNT)).put(request, await stamped(response));
}

/** Signing in starts a new session and signing out ends one: either way, no answer of the old one is kept. */
async function session(request: Request): Promise<Response> {
  if (request.method === 'GET') return apiRead(request);
  const response = await fetch(request);
  if (response.ok) {
    await forgetAccount();
    await noteReader(request.method === 'DELETE' ? 'public' : 'signing-in');
  }
  return response;
}

async function lastReader(): Promise<string | undefined> {
  return (await (await caches.open(SHELL)).match(READER))?.text();
}

async function noteReader(reader: string): Promise<void> {
  await (await caches.open(SHELL)).put(READER, new Response(reader));
}

async function forgetAccount(): Promise<void> {
  await caches.delete(ACCOUNT);
}

/** A copy of the answer carrying the time it was kept. */
async function stamped(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set(STORED_AT, new Date().toISOString());
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}
