import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The built dashboard (`npm run build:web`: vite build of web/). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The API reads a page's first screen waits for, started by its HTML (first-screen-hints.ts); none by default. */
export type PageHints = (req: FastifyRequest) => Promise<string[]>;

/**
 * Serves the dashboard: hashed assets cached for a year, index.html revalidated on every load, and every page path
 * (/ban-do, /don-vi/01…) answered with index.html so that links can be shared. Without a build the API runs alone.
 */
export async function webRoutes(app: FastifyInstance, distDir: string = WEB_DIST, hints: PageHints = async () => []): Promise<void> {
  if (!existsSync(`${distDir}/index.html`)) {
    app.log.warn(`Chưa có bản dựng giao diện (${distDir}); chỉ chạy API. Chạy "npm run build:web" để có bảng điều khiển.`);
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs'));
    return;
  }
  // Hashed assets are looked up per request, so a rebuild is served without restarting the server.
  const assets = resolve(distDir, 'assets');
  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    preCompressed: true,
    cacheControl: false,
    // index.html is sent through this instance too (sendFile with the dist root): only files under assets/ are immutable.
    setHeaders: (reply, path) => reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : 'no-cache'),
  });
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    globIgnore: ['assets/**'],
    preCompressed: true,
    cacheControl: false,
    decorateReply: false,
    setHeaders: (reply) => reply.header('cache-control', 'no-cache'),
  });
  const html = pageTemplate(resolve(distDir, 'index.html'));
  // The hints differ with the session (its month), so a shared cache keeps one page per cookie; they name no figure.
  const page = async (req: FastifyRequest, reply: FastifyReply) => reply
    .header('cache-control', 'no-cache')
    .header('vary', 'cookie')
    .type('text/html; charset=utf-8')
    .send(withPreloads(await html(), await hints(req)));
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    // API and asset paths that match nothing are real 404s, not the page.
    if (/^\/(api|assets)(\/|$)/.test(req.url)) return reply.callNotFound();
    return page(req, reply);
  });
}

/** index.html as last built: read again only when the file changes, so a rebuild is served without a restart. */
function pageTemplate(file: string): () => Promise<string> {
  let cached: { mtimeMs: number; text: string } | undefined;
  return async () => {
    const { mtimeMs } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, text: await readFile(file, 'utf8') };
    return cached.text;
  };
}

/** `crossorigin` makes each preload match the page's own fetch (CORS mode, same-origin credentials), so it is reused. */
function withPreloads(html: string, urls: string[]): string {
  const links = urls.map((url) => `<link rel="preload" as="fetch" crossorigin href="${url.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`);
  return html.replace('</head>', `${links.join('')}</head>`);
}
