import { createHash } from 'node:crypto';

/** SHA-256 as lower-case hex: content addresses, token and session digests, the audit chain. */
export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
