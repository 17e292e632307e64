import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymousActor, isSignedIn, type Actor } from '../auth/actor.ts';
import { authMsg } from '../auth/auth-messages.ts';
import { findSession, type Session } from '../auth/sessions.ts';
import { tokenActor } from '../auth/tokens.ts';
import type { WriteAction } from '../auth/policy.ts';
import type { Core } from '../core.ts';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Forgets a remembered session at once (logout). */
    forgetSession(raw: string): void;
  }
  interface FastifyRequest {
    actor: Actor;
    session?: Session;
    /** A bad token or a cookie write without its CSRF token, thrown once the rate limit has counted the call. */
    authFailure?: Error;
  }
}

export const SESSION_COOKIE = 'nhipso_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Works out who is calling, once per request: a source system's bearer token, a signed-in user's session cookie,
 * or nobody. A cookie alone never authorises a write: it must come with the session's CSRF token in a header,
 * which another site cannot read.
 */
export async function registerAuth(app: FastifyInstance, core: Core, options: { secureCookies: boolean }): Promise<void> {
  await app.register(cookie);
  app.decorateRequest<unknown>('actor', null);
  // Who a cookie or token belongs to, remembered for a few seconds so that requests cost no lookups. A committed write
  // to accounts or tokens forgets everything, so a revoked token, a disabled account or a new password takes effect
  // at once (logging out forgets its session itself). Other writes leave it: were every ingest commit to clear it,
  // each request under load would look its caller up again, waiting behind the commit in progress to do it.
  const tokens = new Memo<Awaited<ReturnType<typeof tokenActor>>>(MEMO_MS);
  const sessions = new Memo<Session | undefined>(MEMO_MS);
  core.gate.onCommit((action) => {
    if (!ACCOUNT_ACTIONS.has(action)) return;
    tokens.clear();
    sessions.clear();
  });
  app.decorate('forgetSession', (raw: string) => sessions.delete(raw));
  app.addHook('onRequest', async (req) => {
    req.actor = anonymousActor(req.ip);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const actor = await tokens.get(bearer, () => tokenActor(core, bearer, req.ip));
      if (!actor) req.authFailure = new UnauthorizedError(authMsg('tokenInvalid').vi);
      else {
        req.actor = { ...actor, ip: req.ip };
        req.actorKey = `token:${actor.tokenId}`;
      }
      return;
    }
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return;
    const remembered = await sessions.get(raw, () => findSession(core, raw, req.ip));
    const session = remembered && remembered.expiresAt > core.ctx.now().toISOString() ? { ...remembered, actor: { ...remembered.actor, ip: req.ip } } : undefined;
    if (!session) return;
    req.actorKey = `user:${session.actor.userId}`;
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
      req.authFailure = new ForbiddenError(authMsg('csrfMissing').vi);
      return;
    }
    req.actor = session.actor;
    req.session = session;
  });
  // Refused only now, after the routes' rate limits have counted the call: guessing tokens costs budget too.
  app.addHook('preParsing', async (req) => {
    if (req.authFailure) throw req.authFailure;
  });
  cookieOptions.secure = options.secureCookies;
}

const MEMO_MS = 5_000;
/** The writes that can change who a token or a session belongs to, or what it may do. */
const ACCOUNT_ACTIONS = new Set<string>(['users.manage', 'users.password', 'tokens.manage'] satisfies WriteAction[]);

/** A small time-limited memo; callers clear it when what it remembers may have changed. */
class Memo<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(key, { value, at: Date.now() });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: false };

/** HttpOnly, SameSite=Lax; Secure when the server is reached over TLS (NHIPSO_SECURE_COOKIES, or a TLS request). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, secure: cookieOptions.secure || req.protocol === 'https', expires: new Date(expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Reads of live (unpublished) data, tasks and the stream need an account; a token only writes. */
export function requireAccount(req: FastifyRequest): Extract<Actor, { kind: 'user' | 'system' }> {
  const actor = req.actor;
  if (actor.kind === 'token') throw new ForbiddenError(authMsg('forbiddenAction', { role: 'token', action: `${req.method} ${req.routeOptions.url ?? req.url}` }).vi);
  if (!isSignedIn(actor)) throw new UnauthorizedError(authMsg('loginRequired').vi);
  return actor;
}

/** Whether the caller's session still holds: a long-lived stream asks again at each heartbeat (logout, disabled account, expiry). */
export async function stillSignedIn(core: Core, req: FastifyRequest): Promise<boolean> {
  if (!req.session) return req.actor.kind === 'system';
  const raw = req.cookies[SESSION_COOKIE];
  return raw !== undefined && (await findSession(core, raw, req.ip)) !== undefined;
}
