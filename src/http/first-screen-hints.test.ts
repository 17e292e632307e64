import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor, systemActor, type Actor } from '../auth/actor.ts';
import { submitEvents } from '../ingest/submit.ts';
import { publishPeriod } from '../publication/publish-period.ts';
import { ndjson, startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';
import { firstScreenHints } from './first-screen-hints.ts';
import { webRoutes } from './routes/web.routes.ts';

let app: TestApp;
let dist: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date('2026-11-15T03:00:00Z'), catalogue: testCatalogue });
  dist = join(app.dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>Nhịp Số</title></head><body></body></html>');
});

afterAll(async () => {
  await app?.dispose();
});

/** The page as served to this reader: the server's own read rules decide the month, the route adds the hints. */
async function pageFor(actor: Actor, url: string): Promise<{ preloads: string[]; headers: Record<string, unknown> }> {
  const server = Fastify({ logger: false });
  server.decorateRequest<unknown>('actor', null);
  server.addHook('onRequest', async (req) => {
    req.actor = actor;
  });
  await webRoutes(server, dist, firstScreenHints(app.core));
  const res = await server.inject({ url });
  await server.close();
  const preloads = [...res.body.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)">/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
  return { preloads, headers: res.headers };
}

const APP_STATE = ['/api/health', '/api/indicators', '/api/session', '/api/periods'];

describe("a page's HTML starts the reads its first screen waits for", () => {
  it('starts the overview\'s national figures for the latest complete month when signed in, beside the app\'s own reads', async () => {
    const { preloads, headers } = await pageFor(systemActor('test'), '/');
    expect(preloads).toEqual([...APP_STATE, '/api/units/VN/kpis?period=2026-10', '/api/scorecard?level=province&period=2026-10', '/api/scorecard?level=ministry&period=2026-10']);
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers.vary).toBe('cookie');
  });

  it("starts a unit's figures for the month its link names", async () => {
    const { preloads } = await pageFor(systemActor('test'), '/don-vi/01?period=2026-10');
    expect(preloads).toEqual([...APP_STATE, '/api/units/01', '/api/units/01/kpis?period=2026-10']);
  });

  it('starts no figures for the public before a month is published, nor for a unit that does not exist', async () => {
    expect((await pageFor(anonymousActor(), '/')).preloads).toEqual(APP_STATE);
    expect((await pageFor(systemActor('test'), '/don-vi/nowhere')).preloads).toEqual(APP_STATE);
  });

  it('starts the newest published month for the public, and no unpublished month a link names', async () => {
    const operator = systemActor('test');
    await submitEvents(app.core, operator, ndjson([{ id: 'hint-1', type: 'dossier.submitted', unit: '01', time: '2026-10-10T09:00:00+07:00', attributes: { channel: 'online', fee: 0 } }]));
    await publishPeriod(app.core, operator, '2026-10');
    expect((await pageFor(anonymousActor(), '/don-vi/01')).preloads).toEqual([...APP_STATE, '/api/units/01', '/api/units/01/kpis?period=2026-10']);
    expect((await pageFor(anonymousActor(), '/don-vi/01?period=2026-09')).preloads).toEqual(APP_STATE);
  });
});
