import zlib from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSignedIn } from '../auth/actor.ts';
import type { Core } from '../core.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer depends only on the URL, the caller's scope (live or public) and the data: keep it until the next write. */
    readCache?: boolean;
  }
  interface FastifyRequest {
    readCacheGeneration?: number;
  }
}

export interface ReadCacheOptions {
  /** Entries kept; the oldest go first. */
  maxEntries: number;
  /** Also forget after this long: the default month follows the clock, and other processes (the CLI) write too. */
  ttlMs: number;
}

interface Entry {
  /** The answer as sent, in UTF-8: no per-request encoding or length counting. */
  payload: Buffer;
  contentType: string;
  storedAt: number;
  /** Compressed once, on the first hit that asks for it. */
  encoded: Partial<Record<Encoding, Buffer>>;
}

type Encoding = 'br' | 'gzip';
/** Below this, compressing costs more than it saves (the compress plugin's own threshold). */
const COMPRESS_FROM = 1024;

function preferredEncoding(accept: string | undefined): Encoding | undefined {
  if (!accept) return undefined;
  if (/\bbr\b/.test(accept)) return 'br';
  return /\bgzip\b/.test(accept) ? 'gzip' : undefined;
}

function encode(text: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
    : zlib.gzipSync(text);
}

/**
 * Serialised answers of the dashboard's reads, shared by every caller of the same scope until the next committed
 * write. A hundred phones opening the national scorecard cost one query, not a hundred; any write through the gate
 * empties the cache at once, so nobody reads a value older than the last commit.
 */
export function registerReadCache(app: FastifyInstance, core: Core, options: ReadCacheOptions): void {
  const entries = new Map<string, Entry>();
  // Entries are dropped at each commit; the generation tells an answer computed across a commit, not to be kept.
  let generation = 0;
  core.gate.onCommit(() => {
    generation += 1;
    entries.clear();
  });
  const keyOf = (req: FastifyRequest) => `${isSignedIn(req.actor) ? 'live' : 'public'}|${req.url}`;

  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'GET' || !req.routeOptions.config.readCache) return;
    req.readCacheGeneration = generation;
    const hit = entries.get(keyOf(req));
    if (!hit || Date.now() - hit.storedAt > options.ttlMs) return;
    reply.header('content-type', hit.contentType).header('x-cache', 'hit').header('vary', 'accept-encoding');
    const encoding = hit.payload.length >= COMPRESS_FROM ? preferredEncoding(req.headers['accept-encoding']) : undefined;
    if (!encoding) return reply.send(hit.payload);
    const body = (hit.encoded[encoding] ??= encode(hit.payload, encoding));
    return reply.header('content-encoding', encoding).send(body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.readCacheGeneration === undefined || reply.getHeader('x-cache') === 'hit') return payload;
    // Only an answer computed entirely after the last commit may be kept.
    if (reply.statusCode !== 200 || typeof payload !== 'string' || req.readCacheGeneration !== generation) return payload;
    if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value ?? '');
    entries.set(keyOf(req), { payload: Buffer.from(payload), contentType: String(reply.getHeader('content-type') ?? 'application/json'), storedAt: Date.now(), encoded: {} });
    reply.header('x-cache', 'miss');
    return payload;
  });
}
