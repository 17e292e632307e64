import type { User } from './session.ts';

/** "Đơn vị của tôi": where an editor or viewer lands after signing in. */
export const HOME_PATH = '/don-vi-cua-toi';

/**
 * Where an account goes when it asked for the overview: an account bound to a unit (a commune's officer, a
 * province's viewer) to its own unit's home, not to the national figures; the national roles keep the overview.
 */
export function landingFor(user: User | null | undefined, asked: string): string {
  return user?.unit && asked === '/' ? HOME_PATH : asked;
}

let arrived = false;

/** Whether this is the first page shown in this visit: taken once, so moving about later goes where it is asked. */
export function firstArrival(): boolean {
  const first = !arrived;
  arrived = true;
  return first;
}

/** The overview asked as the first page of a visit, bare (a shared link with a month keeps the overview). */
export function landsOnHome(user: User | null | undefined, path: string, query: URLSearchParams): boolean {
  const bare = [...query.keys()].every((k) => k === 'lang');
  return firstArrival() && bare && landingFor(user, path) === HOME_PATH;
}
