import type { FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';

/** A file sent as multipart (field `file`) or as the raw body with `?filename=`. */
export async function readUpload(req: FastifyRequest, filename: string | undefined): Promise<{ data: Buffer; fileName: string }> {
  if (req.isMultipart()) {
    return readingMultipart(async () => {
      const file = await req.file();
      if (!file) throw new ValidationError(msg('fileType').vi, [{ field: 'file', ...reason('required') }]);
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', msg('requestInvalid').vi);
      return { data, fileName: file.filename };
    });
  }
  const body = req.body;
  const data = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : undefined;
  if (!data || data.length === 0) throw new ValidationError(msg('fileType').vi, [{ field: 'file', ...reason('required') }]);
  return { data, fileName: filename ?? 'upload' };
}

/** A cut-short or malformed multipart body is the sender's fault: a 400 naming the body, not a 500. */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError || typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw new ValidationError(msg('requestInvalid').vi, [{ field: 'body', ...reason('multipartBroken', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }) }]);
  }
}
