import type { Trx } from '../kpi/kpi-context.ts';
import type { UserRow } from '../store/schema.ts';

export const findUserByName = (trx: Trx, username: string): Promise<UserRow | undefined> =>
  trx.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();

export const findUserById = (trx: Trx, id: number): Promise<UserRow | undefined> =>
  trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const listUserRows = (trx: Trx): Promise<UserRow[]> => trx.selectFrom('users').selectAll().orderBy('username').execute();

export async function countActiveAdmins(trx: Trx): Promise<number> {
  const row = await trx.selectFrom('users').select(({ fn }) => fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** What may be shown of an account: never the hash. */
export function publicUser(u: UserRow) {
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role, unit: u.unit_code,
    disabled: u.disabled === 1, mustChangePassword: u.must_change_password === 1,
    lockedUntil: u.locked_until, lastLoginAt: u.last_login_at, createdAt: u.created_at,
  };
}
export type PublicUser = ReturnType<typeof publicUser>;
