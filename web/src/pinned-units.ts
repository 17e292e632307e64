import { computed, signal } from '@preact/signals';
import { currentUser } from './session.ts';

/**
 * Units a steering or administrator account pinned to its overview. Kept in this browser's storage, per account:
 * nothing is sent to the server, so another device starts with an empty list (decision 0029).
 */
const KEY = 'nhipso.pinned.';
const stored = signal<Record<string, string[]>>({});

function read(username: string): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY + username) ?? '[]');
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    // A list another version wrote, or edited by hand: start again rather than fail the page.
    return [];
  }
}

/** Whether this account pins units: the national roles, who land on the overview. */
export const canPin = computed(() => {
  const role = currentUser.value?.role;
  return role === 'steering' || role === 'admin';
});

export const pinnedUnits = computed<string[]>(() => {
  const username = currentUser.value?.username;
  if (!username || !canPin.value) return [];
  return stored.value[username] ?? read(username);
});

export function setPinned(code: string, on: boolean): void {
  const username = currentUser.value?.username;
  if (!username) return;
  const next = pinnedUnits.value.filter((c) => c !== code);
  if (on) next.push(code);
  localStorage.setItem(KEY + username, JSON.stringify(next));
  stored.value = { ...stored.value, [username]: next };
}
