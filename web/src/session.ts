import { computed, effect, signal } from '@preact/signals';
import { getJson, onUnauthorized, send, setCsrfToken } from './api.ts';
import { liveStatus } from './live.ts';

/** "vai trò": what an account may do; editors and viewers are bound to one unit. */
export type Role = 'admin' | 'steering' | 'editor' | 'viewer';

export interface User {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  mustChangePassword: boolean;
}

interface SessionAnswer { user: User | null; csrfToken: string | null }

/** The signed-in account; null for the public; undefined until the server has said which. */
export const currentUser = signal<User | null | undefined>(undefined);
/** Whether someone is signed in; undefined while that is not known yet. Changes only on sign-in and sign-out. */
export const signedIn = computed<boolean | undefined>(() => (currentUser.value === undefined ? undefined : currentUser.value !== null));

function apply(answer: SessionAnswer): void {
  setCsrfToken(answer.csrfToken);
  currentUser.value = answer.user;
}

/** Asks the server who the cookie belongs to; a server that cannot say leaves the reader signed out. */
export async function loadSession(): Promise<void> {
  try {
    apply(await getJson<SessionAnswer>('/api/session'));
  } catch (err) {
    console.warn('could not read the session', err);
    if (currentUser.value === undefined) apply({ user: null, csrfToken: null });
  }
}

export async function signIn(username: string, password: string): Promise<User> {
  const answer = await send<SessionAnswer & { user: User }>('POST', '/api/session', { username, password });
  apply(answer);
  return answer.user;
}

export async function signOut(): Promise<void> {
  try {
    await send('DELETE', '/api/session');
    apply({ user: null, csrfToken: null });
  } catch (err) {
    console.warn('could not sign out', err);
    await loadSession();
  }
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await send('POST', '/api/session/password', { currentPassword, newPassword });
  const user = currentUser.value;
  if (user) currentUser.value = { ...user, mustChangePassword: false };
}

/** A 401 or a refused stream while signed in usually means the session ended (expired, or ended elsewhere): check. */
function recheck(): void {
  if (!signedIn.peek()) return;
  void getJson<SessionAnswer>('/api/session').then((answer) => {
    if (!answer.user) apply(answer);
  }, () => {
    // The server is unreachable: the stream retries, and the next answer decides.
  });
}

onUnauthorized(recheck);
effect(() => {
  if (liveStatus.value === 'offline') recheck();
});
