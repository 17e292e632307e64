import type { Core } from '../core.ts';
import { systemActor, type Role } from '../auth/actor.ts';
import { addUser } from '../auth/users.ts';

export const TEST_ADMIN = 'quantri';
export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2026';

/** A signed-in caller: every request carries the session cookie, writes carry the CSRF token too. */
export interface Client {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  cookie: string;
  csrfToken: string;
}

export async function signIn(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    cookie,
    csrfToken,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      headers.set('x-csrf-token', csrfToken);
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
  };
}

/** An account with the test password, made by the local operator. */
export async function addTestUser(core: Core, username: string, role: Role, unit?: string): Promise<void> {
  await addUser(core, systemActor('test'), { username, role, unit, password: TEST_PASSWORD });
}
