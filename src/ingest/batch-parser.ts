import { Worker } from 'node:worker_threads';
import type { KpiContext } from '../kpi/kpi-context.ts';
import { AppError, ValidationError } from '../shared/errors.ts';
import { decodeBody, prepareBatch, type ParsedBatch } from './parsed-batch.ts';
import type { ParserReply, ParserRequest, ParserSetup } from './parse-worker.ts';

/**
 * Turns an NDJSON batch into a ParsedBatch (validated, folded, fingerprinted). Parsing is the largest piece of
 * ingest's work that needs no database, so the server does it on a worker thread, on the machine's other core, while
 * the main thread commits; tests and the CLI parse inline. Both give the same batch or the same ValidationError.
 */
export interface BatchParser {
  /** The batch as text, or as the UTF-8 bytes a request brought (decoded where it is parsed). */
  parse(body: string | Uint8Array): Promise<ParsedBatch>;
  /** Starts the worker now rather than at the first large batch (it takes about a second); resolves once it answers. */
  warm(): Promise<void>;
  /** The catalogue was reloaded: every batch parsed from now on is checked against the new one. */
  catalogueChanged(): void;
  close(): Promise<void>;
}

/** Parses on the calling thread. */
export function inlineParser(ctx: KpiContext): BatchParser {
  return {
    parse: async (body) => prepareBatch(decodeBody(body), ctx.units, ctx.catalogue, ctx.now(), ctx.window),
    warm: async () => undefined,
    catalogueChanged: () => undefined,
    close: async () => undefined,
  };
}

/** Below this many characters (or bytes) a batch is parsed inline: the trip to the worker and back would cost more. */
const INLINE_BELOW = 32 * 1024;

/**
 * Parses on one worker thread, started on first use and again after it stops. Requests are answered in order; the
 * worker holds its own copy of the units and the catalogue, replaced when the catalogue changes (the message goes
 * through the same ordered channel, so no later batch is parsed against the old one).
 */
export function workerParser(ctx: KpiContext): BatchParser {
  const inline = inlineParser(ctx);
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve(batch: ParsedBatch | undefined): void; reject(error: unknown): void }>();

  const stopped = (error: unknown) => {
    worker = undefined;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const start = (): Worker => {
    const setup: ParserSetup = { units: [...ctx.units.all()], catalogue: ctx.catalogue.definition, earliest: ctx.window.earliest };
    const w = new Worker(new URL('./parse-worker.boot.js', import.meta.url), { workerData: setup });
    w.unref();
    w.on('message', (reply: ParserReply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if ('ready' in reply) pending.resolve(undefined);
      else if ('batch' in reply) pending.resolve(reply.batch);
      else pending.reject(reply.error.code === 'VALIDATION_FAILED' ? new ValidationError(reply.error.message, reply.error.problems ?? []) : new AppError(reply.error.code, reply.error.message, reply.error.details));
    });
    w.on('error', (error) => stopped(error));
    w.on('exit', (code) => {
      if (worker === w) stopped(new Error(`the batch parser stopped (exit code ${code})`));
    });
    return w;
  };
  const post = (request: ParserRequest) => (worker ??= start()).postMessage(request);
  const ask = (request: (id: number) => ParserRequest) =>
    new Promise<ParsedBatch | undefined>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      post(request(id));
    });

  return {
    async parse(body) {
      if (body.length < INLINE_BELOW) return inline.parse(body);
      // Bytes are decoded on the worker too: on the main thread, decoding a 7 MB body costs as much as storing it.
      const batch = await ask((id) => ({ kind: 'parse', id, body, now: ctx.now().getTime() }));
      if (!batch) throw new Error('the batch parser answered without a batch');
      return batch;
    },
    async warm() {
      await ask((id) => ({ kind: 'ready', id }));
    },
    catalogueChanged() {
      if (worker) post({ kind: 'catalogue', catalogue: ctx.catalogue.definition });
    },
    async close() {
      const w = worker;
      worker = undefined;
      stopped(new Error('the batch parser was closed'));
      await w?.terminate();
    },
  };
}
