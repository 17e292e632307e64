import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Whose answer an API read is: `public`, or an opaque name of one session (never its token, nor its hash). */
export const READER_HEADER = 'x-nhipso-reader';

/**
 * Marks every API answer with whose it is, so that the dashboard's service worker keeps a signed-in reader's answers
 * apart from the public's and for that session only (web/sw/service-worker.ts). Works out nothing from the body.
 */
export function markReaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header(READER_HEADER, readerOf(req));
    return payload;
  });
}

function readerOf(req: FastifyRequest): string {
  if (!req.session) return 'public';
  return `session-${createHash('sha256').update(`reader:${req.session.tokenHash}`).digest('base64url').slice(0, 22)}`;
}
