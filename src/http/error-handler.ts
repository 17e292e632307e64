import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, BusyError, httpStatusOf, type ErrorCode } from '../shared/errors.ts';
import { asBusyError } from '../writes/busy.ts';
import { msg } from '../shared/messages.ts';

interface ErrorBody {
  error: { code: ErrorCode; message: string; messageEn?: string; details?: unknown; requestId: string };
}

const fastifyCodes: Record<string, { code: ErrorCode; key: Parameters<typeof msg>[0] }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', key: 'requestInvalid' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', key: 'requestInvalid' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', key: 'requestInvalid' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', key: 'invalidJson' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', key: 'invalidJson' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', key: 'fileType' },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', key: 'requestInvalid' },
};

/** The one place errors become HTTP: `{error: {code, message, details}}`, Vietnamese message first. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | AppError | Error, request, reply) => {
    const err = asBusyError(raw) as FastifyError | AppError | Error;
    const body = toBody(err, request.id);
    if (err instanceof BusyError) void reply.header('retry-after', err.retryAfterSeconds);
    const status = httpStatusOf[body.error.code];
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.error.code }, 'request rejected');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const m = msg('routeNotFound');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: m.vi, messageEn: m.en, requestId: request.id } });
  });
}

function toBody(err: FastifyError | AppError | Error, requestId: string): ErrorBody {
  if (err instanceof AppError) {
    return { error: { code: err.code, message: err.message, details: err.details, requestId } };
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const m = msg('requestInvalid');
    const problems = fe.validation.map((v) => ({
      field: `${fe.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      reason: v.message ?? '',
      reasonEn: v.message ?? '',
    }));
    return { error: { code: 'VALIDATION_FAILED', message: m.vi, messageEn: m.en, details: { problems }, requestId } };
  }
  const known = fe.code ? fastifyCodes[fe.code] : undefined;
  if (known) {
    const m = msg(known.key);
    return { error: { code: known.code, message: m.vi, messageEn: `${m.en}: ${fe.message}`, requestId } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const m = msg('requestInvalid');
    return { error: { code: 'VALIDATION_FAILED', message: m.vi, messageEn: fe.message, requestId } };
  }
  const m = msg('internal');
  return { error: { code: 'INTERNAL', message: m.vi, messageEn: m.en, requestId } };
}
