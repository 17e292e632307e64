import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit, { normalizeIP, type RateLimitOptions } from '@fastify/rate-limit';
import type { ErrorCode } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, set by the auth layer's onRequest hook; rate limits count per caller when it is known. */
    actorKey?: string;
  }
}

export interface HardeningOptions { rateLimitPerMinute: number; loginRateLimitPerMinute: number }

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const MINUTE = 60_000;
/** Probes must keep answering however busy a caller is. */
const UNLIMITED_ROUTES = new Set(['/api/health']);

/**
 * Security headers for the dashboard, the API and Swagger UI (all served from this origin), and a rate limit per
 * caller on every route. Register it before the routes: each route gets its limit as it is added.
 */
export async function registerHardening(app: FastifyInstance, options: HardeningOptions): Promise<void> {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts, Preact and Swagger UI set style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Helmet's default would send a dashboard opened over plain http on a LAN to https for every asset.
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  const limiters = await limiterFactory(app);
  const perCaller = limiters({ max: options.rateLimitPerMinute, timeWindow: MINUTE, keyGenerator: callerKey });
  // Route-level hooks run after every application-level onRequest hook, so the auth layer's actorKey is set by then.
  app.addHook('onRoute', (route) => {
    const own = route.config?.rateLimit;
    if (own === false || UNLIMITED_ROUTES.has(route.url)) return;
    const limiter = own ? limiters({ keyGenerator: callerKey, ...own }) : perCaller;
    route.onRequest = [...hookList(route.onRequest), limitHook(limiter)];
  });
}

/** Route config for the login route: a small budget per address, whoever the caller claims to be. */
export function loginRateLimit(options: Pick<HardeningOptions, 'loginRateLimitPerMinute'>): { rateLimit: RateLimitOptions } {
  return { rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: '1 minute', keyGenerator: ipKey } };
}

/**
 * @fastify/rate-limit lives in its own scope and is used only for its counters: its own route hooks throw into the
 * error handler, which cannot answer 429 in the project's error shape.
 */
async function limiterFactory(app: FastifyInstance): Promise<(options: RateLimitOptions) => Limiter> {
  let create: ((options: RateLimitOptions) => Limiter) | undefined;
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    create = (options) => scope.createRateLimit(options);
  });
  if (!create) throw new Error('rate limiter did not load');
  return create;
}

function limitHook(limiter: Limiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const state = await limiter(request);
    if (state.isAllowed || !state.isExceeded) return undefined;
    request.log.info({ key: state.key }, 'rate limited');
    return tooManyRequests(request, reply, state.ttlInSeconds);
  };
}

function tooManyRequests(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const m = msg('rateLimited', { seconds: retryAfterSeconds });
  return reply
    .code(429)
    .header('retry-after', retryAfterSeconds)
    .send({ error: { code: 'RATE_LIMITED' satisfies ErrorCode, message: m.vi, messageEn: m.en, details: { retryAfterSeconds }, requestId: request.id } });
}

function callerKey(request: FastifyRequest): string {
  return request.actorKey ?? ipKey(request);
}

/** IPv6 callers are counted per /64, the block one host usually holds. */
function ipKey(request: FastifyRequest): string {
  return `ip:${normalizeIP(request.ip)}`;
}

function hookList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/**
 * The headers helmet sets, worked out once at start-up: they are the same for every response, and building helmet's
 * middleware per request (as its Fastify plugin does) cost 15 % of the server's time under 100 readers.
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
