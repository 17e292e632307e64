import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import { isWellFormedText } from '../shared/text.ts';

/**
 * Refuses a JSON body with a broken Unicode character anywhere (a key or a value), before any route sees it:
 * stored, it would silently turn into replacement characters. Walks the body without recursion, so depth costs nothing.
 */
export function refuseMalformedText(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const path = firstMalformed(req.body);
    if (path !== undefined) throw new ValidationError(msg('requestInvalid').vi, [{ field: path, ...reason('malformedText') }]);
  });
}

function firstMalformed(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return undefined;
  const stack: [unknown, string][] = [[body, 'body']];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (!isWellFormedText(key)) return path;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}
