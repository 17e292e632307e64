import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The built dashboard (`npm run build:web`: vite build of web/). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the dashboard: hashed assets cached for a year, index.html revalidated on every load, and every page path
 * (/ban-do, /don-vi/01…) answered with index.html so that links can be shared. Without a build the API runs alone.
 */
export async function webRoutes(app: FastifyInstance, distDir: string = WEB_DIST): Promise<void> {
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
  const page = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => page(reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    // API and asset paths that match nothing are real 404s, not the page.
    if (/^\/(api|assets)(\/|$)/.test(req.url)) return reply.callNotFound();
    return page(reply);
  });
}
