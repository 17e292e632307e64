import type { Core } from '../core.ts';
import { ConflictError, NotFoundError, ProblemList, ValidationError } from '../shared/errors.ts';
import { ROLES, systemActor, type Actor, type Role } from './actor.ts';
import { authMsg, authReason } from './auth-messages.ts';
import { generatePassword, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { countActiveAdmins, findUserById, findUserByName, listUserRows, publicUser, type PublicUser } from './user.repository.ts';

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
  unit?: string | null;
  /** Omitted: a one-time password is generated, returned once and must be changed at first login. */
  password?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const MAX_DISPLAY_NAME = 200;

/** Adds an account; returns the one-time password when none was given. */
export async function addUser(core: Core, actor: Actor, input: NewUser): Promise<{ user: PublicUser; oneTimePassword?: string }> {
  const username = input.username.trim().toLowerCase();
  const problems = checkAccount(core, username, input.role, input.unit ?? null);
  if ((input.displayName?.trim().length ?? 0) > MAX_DISPLAY_NAME) problems.add({ field: 'displayName', ...authReason('tooLong', { max: MAX_DISPLAY_NAME }) });
  const oneTimePassword = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? oneTimePassword ?? '';
  for (const p of passwordProblems(password, username)) problems.add(p);
  problems.throwIfAny(authMsg('invalidInput').vi);
  const passwordHash = await hashPassword(password);
  const result = await core.gate.run(actor, { action: 'users.manage', units: input.unit ? [input.unit] : [] }, async (trx) => {
    if (await findUserByName(trx, username)) throw new ConflictError(authMsg('usernameTaken', { username }).vi, { username });
    const stamp = core.ctx.now().toISOString();
    const row = await trx
      .insertInto('users')
      .values({
        username, display_name: input.displayName?.trim() || username, role: input.role, unit_code: input.unit ?? null,
        password_hash: passwordHash, must_change_password: oneTimePassword ? 1 : 0, disabled: 0, failed_logins: 0,
        locked_until: null, last_login_at: null, created_at: stamp, updated_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const user = publicUser(row);
    return { user, audit: { target: `user:${username}`, after: user } };
  });
  return { user: result.user, oneTimePassword };
}

export async function listUsers(core: Core): Promise<PublicUser[]> {
  return (await listUserRows(core.db)).map(publicUser);
}

/** Disables (or re-enables) an account; its sessions end at once. The last active admin cannot be disabled. */
export async function setUserDisabled(core: Core, actor: Actor, username: string, disabled: boolean): Promise<PublicUser> {
  const { user } = await core.gate.run(actor, { action: 'users.manage', units: [] }, async (trx) => {
    const row = await findUserByName(trx, username);
    if (!row) throw new NotFoundError(authMsg('userNotFound', { username }).vi);
    if (disabled && row.role === 'admin' && row.disabled === 0 && (await countActiveAdmins(trx)) <= 1) throw new ConflictError(authMsg('lastAdmin').vi);
    await trx.updateTable('users').set({ disabled: disabled ? 1 : 0, updated_at: core.ctx.now().toISOString() }).where('id', '=', row.id).execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    const after = publicUser({ ...row, disabled: disabled ? 1 : 0 });
    return { user: after, audit: { target: `user:${row.username}`, before: publicUser(row), after } };
  });
  return user;
}

/** An administrator resets a password: a new one-time password, shown once; the account's sessions end and it is unlocked. */
export async function resetPassword(core: Core, actor: Actor, username: string): Promise<{ user: PublicUser; oneTimePassword: string }> {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const { user } = await core.gate.run(actor, { action: 'users.manage', units: [] }, async (trx) => {
    const row = await findUserByName(trx, username);
    if (!row) throw new NotFoundError(authMsg('userNotFound', { username }).vi);
    await trx.updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null, updated_at: core.ctx.now().toISOString() })
      .where('id', '=', row.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    const after = publicUser({ ...row, must_change_password: 1, failed_logins: 0, locked_until: null });
    return { user: after, audit: { target: `user:${row.username}`, before: publicUser(row), after: { ...after, passwordReset: true } } };
  });
  return { user, oneTimePassword };
}

/** A signed-in user changes their own password, proving the current one. Other sessions of the account end. */
export async function changeOwnPassword(core: Core, actor: Actor, current: string, next: string, keepSession?: string): Promise<void> {
  if (actor.kind !== 'user') throw new ValidationError(authMsg('loginRequired').vi, []);
  const row = await findUserById(core.db, actor.userId);
  if (!row) throw new NotFoundError(authMsg('userNotFound', { username: actor.id }).vi);
  const problems = new ProblemList();
  if (!(await verifyPassword(current, row.password_hash))) problems.add({ field: 'currentPassword', ...authReason('loginFailed') });
  for (const p of passwordProblems(next, row.username)) problems.add({ ...p, field: 'newPassword' });
  if (current === next) problems.add({ field: 'newPassword', ...authReason('passwordUnchanged') });
  problems.throwIfAny(authMsg('invalidInput').vi);
  const passwordHash = await hashPassword(next);
  await core.gate.run(actor, { action: 'users.password', units: [] }, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: core.ctx.now().toISOString() }).where('id', '=', row.id).execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', row.id);
    if (keepSession) others = others.where('token_hash', '!=', keepSession);
    await others.execute();
    return { audit: { target: `user:${row.username}`, after: { passwordChanged: true } } };
  });
}

/**
 * The first start creates the administrator: with the password from the environment, or with a one-time password
 * that is returned for printing and must be changed at first login. There is never a default password.
 */
export async function ensureFirstAdmin(core: Core, env: { username?: string; password?: string }): Promise<{ created: false } | { created: true; username: string; oneTimePassword?: string }> {
  const any = await core.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { created: false };
  const username = env.username?.trim() || 'admin';
  const { oneTimePassword } = await addUser(core, systemActor('first-start'), { username, displayName: 'Quản trị hệ thống', role: 'admin', password: env.password || undefined });
  return { created: true, username, oneTimePassword };
}

function checkAccount(core: Core, username: string, role: string, unit: string | null): ProblemList {
  const problems = new ProblemList();
  if (!USERNAME.test(username)) problems.add({ field: 'username', value: username, ...authReason('badUsername') });
  if (!(ROLES as readonly string[]).includes(role)) {
    problems.add({ field: 'role', value: role, ...authReason('badRole', { roles: ROLES.join(', ') }) });
    return problems;
  }
  const unitBound = role === 'editor' || role === 'viewer';
  if (unitBound && !unit) problems.add({ field: 'unit', ...authReason('unitRequired', { role }) });
  if (!unitBound && unit) problems.add({ field: 'unit', value: unit, ...authReason('unitNotAllowed', { role }) });
  if (unit && !core.ctx.units.has(unit)) problems.add({ field: 'unit', value: unit, ...authReason('unknownUnit', { code: unit }) });
  return problems;
}

export const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);
