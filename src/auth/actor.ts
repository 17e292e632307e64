/** What an account may do ("vai trò"). */
export const ROLES = ['admin', 'steering', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  steering: { vi: 'Ban Chỉ đạo', en: 'Central steering' },
  editor: { vi: 'Cán bộ nhập liệu của đơn vị', en: 'Unit editor' },
  viewer: { vi: 'Xem số liệu của đơn vị', en: 'Unit viewer' },
};

/**
 * Who is acting. `system` is the local operator (CLI, the task clock, the demo loader): whoever can run commands
 * on the server already holds the database file. Everything that arrives over HTTP is `anonymous`, a `user` or a `token`.
 */
export type Actor =
  | { kind: 'system'; id: string; ip?: string }
  | { kind: 'anonymous'; id: string; ip?: string }
  | { kind: 'user'; id: string; ip?: string; userId: number; role: Role; unit: string | null; mustChangePassword?: boolean }
  | { kind: 'token'; id: string; ip?: string; tokenId: number; units: readonly string[]; eventTypes: readonly string[] };

export const systemActor = (name: string): Actor => ({ kind: 'system', id: name });

export const anonymousActor = (ip?: string): Actor => ({ kind: 'anonymous', id: `anonymous@${ip ?? 'unknown'}`, ip });

/** An account that can read unpublished data: any user; a token reads nothing but writes its events. */
export const isSignedIn = (actor: Actor): actor is Extract<Actor, { kind: 'user' | 'system' }> => actor.kind === 'user' || actor.kind === 'system';
