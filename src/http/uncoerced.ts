import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Validates a route's input exactly as sent, where the server's validator would coerce it: with a union of string,
 * number and boolean (an indicator's event filter) it turned `true` into "true", so a filter on a boolean attribute
 * was stored as text and matched no event. Problems are reported in the shape of the server's own validation.
 */
export const uncoerced: FastifySchemaCompiler<TSchema> = ({ schema }) => (data) => {
  if (Value.Check(schema, data)) return { value: data };
  const validation = [...Value.Errors(schema, data)].slice(0, 20).map((e) => ({ instancePath: e.instancePath, message: e.message }));
  return { error: Object.assign(new Error(validation[0]?.message ?? 'invalid'), { validation }) };
};
