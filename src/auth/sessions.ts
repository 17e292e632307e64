import { randomBytes } from 'node:crypto';
import { sha256 } from '../shared/hash.ts';
import type { Core } from '../core.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../shared/errors.ts';
import type { Actor, Role } from './actor.ts';
import { authMsg } from './auth-messages.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { findUserById, findUserByName, publicUser, type PublicUser } from './user.repository.ts';

/** A working day: long enough for an office, short enough that a forgotten browser logs itself out. */
export const SESSION_HOURS = 12;
/** Failures allowed before the account locks; each further failure doubles the lock, up to an hour. */
const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;

export interface SignedIn {
  /** The cookie value: random, never stored (the table keeps its SHA-256). */
  token: string;
  csrfToken: string;
  user: PublicUser;
  expiresAt: string;
}

/** Checks a password; counts failures and locks the account with growing back-off. Every attempt is audited. */
export async function logIn(core: Core, username: string, password: string, ip: string): Promise<SignedIn> {
  const now = core.ctx.now();
  const row = await findUserByName(core.db, username);
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  const who: Actor = { kind: 'anonymous', id: `${username.trim().toLowerCase().slice(0, 64)}@${ip}`, ip };
  if (!row) {
    await audited(core, who, 'session.login_failed', { reason: 'unknown user' });
    throw new UnauthorizedError(authMsg('loginFailed').vi);
  }
  if (row.locked_until && row.locked_until > now.toISOString()) {
    const seconds = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000);
    throw new RateLimitedError(authMsg('accountLocked', { seconds }).vi, { retryAfterSeconds: seconds });
  }
  if (!ok) {
    const failures = row.failed_logins + 1;
    const lockMinutes = failures >= FREE_FAILURES ? Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_FAILURES)) : 0;
    const lockedUntil = lockMinutes > 0 ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : null;
    await core.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_logins: failures, locked_until: lockedUntil }).where('id', '=', row.id).execute();
      await appendAudit(trx, { at: now.toISOString(), actor: who, action: 'session.login_failed', units: [], target: `user:${row.username}`, after: { failures, lockedUntil } });
    });
    throw new UnauthorizedError(authMsg('loginFailed').vi);
  }
  if (row.disabled) throw new ForbiddenError(authMsg('accountDisabled').vi);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await core.db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ token_hash: sha256(token), user_id: row.id, csrf_token: csrfToken, ip, created_at: now.toISOString(), expires_at: expiresAt }).execute();
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() }).where('id', '=', row.id).execute();
    await trx.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
    await appendAudit(trx, { at: now.toISOString(), actor: { ...who, id: `${row.username}@${ip}` }, action: 'session.login', units: [], target: `user:${row.username}` });
  });
  return { token, csrfToken, user: publicUser({ ...row, last_login_at: now.toISOString() }), expiresAt };
}

export async function logOut(core: Core, token: string): Promise<void> {
  await core.db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export interface Session {
  actor: Extract<Actor, { kind: 'user' }>;
  user: PublicUser;
  csrfToken: string;
  tokenHash: string;
  expiresAt: string;
}

/** The session behind a cookie, if it is live and its account enabled. */
export async function findSession(core: Core, token: string, ip: string): Promise<Session | undefined> {
  const tokenHash = sha256(token);
  const session = await core.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!session || session.expires_at <= core.ctx.now().toISOString()) return undefined;
  const row = await findUserById(core.db, session.user_id);
  if (!row || row.disabled) return undefined;
  const actor = {
    kind: 'user' as const, id: row.username, ip, userId: row.id, role: row.role as Role, unit: row.unit_code,
    mustChangePassword: row.must_change_password === 1,
  };
  return { actor, user: publicUser(row), csrfToken: session.csrf_token, tokenHash, expiresAt: session.expires_at };
}

async function audited(core: Core, actor: Actor, action: string, after: object): Promise<void> {
  await core.db.transaction().execute((trx) => appendAudit(trx, { at: core.ctx.now().toISOString(), actor, action, units: [], after }));
}
