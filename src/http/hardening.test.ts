import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { afterEach, describe, expect, it } from 'vitest';
import { installErrorHandler } from './error-handler.ts';
import { loginRateLimit, registerHardening } from './hardening.ts';

let app: FastifyInstance;
afterEach(async () => app.close());

/** A bare server shaped like the real one: error handler, an auth hook naming the caller, then hardening, then routes. */
async function serverWith(
  limits: { rateLimitPerMinute: number; loginRateLimitPerMinute: number },
  routes: (server: FastifyInstance) => void = () => {},
): Promise<FastifyInstance> {
  const server = Fastify();
  installErrorHandler(server);
  server.addHook('onRequest', async (request) => {
    const actor = request.headers['x-test-actor'];
    if (typeof actor === 'string') request.actorKey = `actor:${actor}`;
  });
  await registerHardening(server, limits);
  server.get('/api/ping', async () => ({ ok: true }));
  server.get('/api/health', async () => ({ ok: true }));
  server.post('/api/login', { config: loginRateLimit(limits) }, async () => ({ ok: true }));
  routes(server);
  await server.ready();
  return server;
}

const ping = (actor?: string, remoteAddress?: string) =>
  app.inject({ url: '/api/ping', headers: actor ? { 'x-test-actor': actor } : {}, ...(remoteAddress ? { remoteAddress } : {}) });

describe('security headers', () => {
  it('come with every answer: a same-origin CSP, nosniff, no framing, no referrer', async () => {
    app = await serverWith({ rateLimitPerMinute: 100, loginRateLimitPerMinute: 5 });
    const res = await ping();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('give way to a stricter policy a route sets itself, as evidence downloads do', async () => {
    app = await serverWith({ rateLimitPerMinute: 100, loginRateLimitPerMinute: 5 }, (server) => {
      server.get('/api/evidence', async (_req, reply) => reply.header('content-security-policy', "default-src 'none'; sandbox").send('x'));
    });

    expect((await app.inject('/api/evidence')).headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('leave Swagger UI loading only same-origin scripts, which the CSP allows', async () => {
    const server = Fastify();
    await registerHardening(server, { rateLimitPerMinute: 100, loginRateLimitPerMinute: 5 });
    await server.register(swagger, { openapi: { info: { title: 't', version: '1' } } });
    await server.register(swaggerUi, { routePrefix: '/api/docs' });
    app = server;
    const page = await app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\.\/static\//);
      expect(inline?.trim()).toBe('');
    }
    expect((await app.inject('/api/docs/static/swagger-initializer.js')).statusCode).toBe(200);
    expect((await app.inject('/api/docs/json')).statusCode).toBe(200);
  });
});

describe('the rate limit', () => {
  it('answers the request past the limit with 429 in the error shape and a retry-after', async () => {
    app = await serverWith({ rateLimitPerMinute: 3, loginRateLimitPerMinute: 5 });
    for (let i = 0; i < 3; i++) expect((await ping('a')).statusCode).toBe(200);
    const res = await ping('a');
    expect(res.statusCode).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: `Quá nhiều yêu cầu: vui lòng thử lại sau ${retryAfter} giây`,
        messageEn: `Too many requests: retry in ${retryAfter} s`,
        details: { retryAfterSeconds: retryAfter },
        requestId: expect.any(String),
      },
    });
  });

  it('keeps a bucket per caller and goes on answering the others', async () => {
    app = await serverWith({ rateLimitPerMinute: 2, loginRateLimitPerMinute: 5 });
    await ping('a');
    await ping('a');
    expect((await ping('a')).statusCode).toBe(429);
    expect((await ping('b')).statusCode).toBe(200);
    expect((await ping()).statusCode).toBe(200);
    expect((await ping(undefined, '10.0.0.9')).statusCode).toBe(200);
  });

  it('counts callers without an account by address', async () => {
    app = await serverWith({ rateLimitPerMinute: 2, loginRateLimitPerMinute: 5 });
    await ping(undefined, '10.0.0.1');
    await ping(undefined, '10.0.0.1');
    expect((await ping(undefined, '10.0.0.1')).statusCode).toBe(429);
    expect((await ping(undefined, '10.0.0.2')).statusCode).toBe(200);
  });

  it('never turns the health probe away', async () => {
    app = await serverWith({ rateLimitPerMinute: 1, loginRateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('gives login its own smaller budget per address, whoever the caller claims to be', async () => {
    app = await serverWith({ rateLimitPerMinute: 100, loginRateLimitPerMinute: 2 });
    const login = (actor: string, remoteAddress = '10.0.0.1') =>
      app.inject({ method: 'POST', url: '/api/login', headers: { 'x-test-actor': actor }, remoteAddress });
    expect((await login('a')).statusCode).toBe(200);
    expect((await login('b')).statusCode).toBe(200);
    const refused = await login('c');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect((await login('a', '10.0.0.2')).statusCode).toBe(200);
    expect((await ping('a', '10.0.0.1')).statusCode).toBe(200);
  });
});
