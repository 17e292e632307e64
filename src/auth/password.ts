import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { authReason } from './auth-messages.ts';
import type { Problem } from '../shared/errors.ts';

/** scrypt, memory-hard: N=2^15, r=8 needs 32 MiB per hash, about 60–100 ms on a small server. */
const COST = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
export const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r * cost.p };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to check against when the username does not exist, so both answers take the same time. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

export function passwordProblems(password: string, username: string): Problem[] {
  if (password.length < MIN_PASSWORD) return [{ field: 'password', ...authReason('passwordTooShort', { min: MIN_PASSWORD }) }];
  if (password.length > MAX_PASSWORD) return [{ field: 'password', ...authReason('passwordTooLong', { max: MAX_PASSWORD }) }];
  if (password.toLowerCase() === username.toLowerCase()) return [{ field: 'password', ...authReason('passwordSameAsUsername') }];
  return [];
}

/** A one-time password: 144 random bits, read aloud or pasted without a leading "-" that looks like a flag. */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (/^[A-Za-z0-9]/.test(candidate)) return candidate;
  }
}
