import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-core.ts';
import { addTestUser, signIn, TEST_PASSWORD } from '../testing/test-client.ts';
import { addUser, setUserDisabled } from '../auth/users.ts';
import { createToken, revokeToken } from '../auth/tokens.ts';
import { systemActor } from '../auth/actor.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await addTestUser(app.core, 'canbo.hanoi', 'editor', '01');
});
afterAll(async () => {
  await app.dispose();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
const json = (res: Response): Promise<any> => res.json();
const login = (username: string, password: string) =>
  fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
const value = (unit: string, v: number) => [{ unit, indicator: 'population', period: '2026', value: v }];

describe('signing in', () => {
  it('sets an HttpOnly, SameSite session cookie that holds no password and is stored only as a hash', async () => {
    const res = await login('canbo.hanoi', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nhipso_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    const stored = await app.core.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const user = await app.core.db.selectFrom('users').select('password_hash').where('username', '=', 'canbo.hanoi').executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(user.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const unknown = await login('khong-co-ai', 'sai-mat-khau-123');
    const wrong = await login('canbo.hanoi', 'sai-mat-khau-123');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect((await json(unknown)).error.message).toBe((await json(wrong)).error.message);
  });

  it('locks an account after five failures, even for the right password, and records each failure in the audit trail', async () => {
    await addTestUser(app.core, 'bi.khoa', 'viewer', '01');
    for (let i = 0; i < 5; i += 1) expect((await login('bi.khoa', `sai-${i}-mat-khau`)).status).toBe(401);
    const locked = await login('bi.khoa', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect((await json(locked)).error.details.retryAfterSeconds).toBeGreaterThan(0);
    const failures = await app.core.db.selectFrom('audit_log').select('action').where('action', '=', 'session.login_failed').where('target', '=', 'user:bi.khoa').execute();
    expect(failures).toHaveLength(5);
  });

  it('forces a one-time password to be changed before any write, then ends the old password', async () => {
    const { oneTimePassword } = await addUser(app.core, systemActor('test'), { username: 'moi.vao', role: 'editor', unit: '01' });
    expect(oneTimePassword).toBeDefined();
    const client = await signIn(app.url, 'moi.vao', oneTimePassword);
    const before = await client.fetch('/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value('01', 1)) });
    expect(before.status).toBe(403);
    const change = await client.fetch('/api/session/password', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: 'mat-khau-moi-rat-dai' }),
    });
    expect(change.status).toBe(204);
    const after = await client.fetch('/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value('01', 8_500_000)) });
    expect(after.status).toBe(201);
    expect((await login('moi.vao', oneTimePassword ?? '')).status).toBe(401);
  });

  it('refuses at once a session whose account was disabled and a token revoked, though both were just used', async () => {
    await addTestUser(app.core, 'canbo.tam', 'editor', '01');
    const client = await signIn(app.url, 'canbo.tam');
    const { token, record } = await createToken(app.core, systemActor('test'), { name: 'Cổng thử', units: ['01'], eventTypes: ['*'] });
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
    const postEvent = (id: string) =>
      fetch(`${app.url}/api/events`, { method: 'POST', headers: bearer, body: JSON.stringify({ id, type: 'dossier.submitted', unit: '00004', time: '2026-11-03T09:00:00+07:00', attributes: { channel: 'online' } }) });
    // Both are remembered after their first use.
    expect((await postEvent('memo-1')).status).toBe(201);
    expect((await client.fetch('/api/tasks')).status).toBe(200);
    await setUserDisabled(app.core, systemActor('test'), 'canbo.tam', true);
    await revokeToken(app.core, systemActor('test'), record.id);
    expect((await client.fetch('/api/tasks')).status).toBe(401);
    expect((await postEvent('memo-2')).status).toBe(401);
  });

  it('ends the session at logout', async () => {
    const client = await signIn(app.url, 'canbo.hanoi');
    expect((await json(await client.fetch('/api/session'))).user.username).toBe('canbo.hanoi');
    expect((await client.fetch('/api/session', { method: 'DELETE' })).status).toBe(204);
    expect((await json(await client.fetch('/api/session'))).user).toBeNull();
    expect((await client.fetch('/api/tasks')).status).toBe(401);
  });
});

describe('cookie-authenticated writes', () => {
  it('are refused without the CSRF token, and nothing is written', async () => {
    const client = await signIn(app.url, 'canbo.hanoi');
    const before = await app.core.db.selectFrom('reported_values').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await fetch(`${app.url}/api/values`, { method: 'POST', headers: { cookie: client.cookie, 'content-type': 'application/json' }, body: JSON.stringify(value('01', 2)) });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('FORBIDDEN');
    const after = await app.core.db.selectFrom('reported_values').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('are recorded in the audit trail with who, from where, before and after', async () => {
    const client = await signIn(app.url, 'canbo.hanoi');
    const body = (v: number) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ unit: '01', indicator: 'population', period: '2025', value: v }]) });
    expect((await client.fetch('/api/values', body(8_400_000))).status).toBe(201);
    expect((await client.fetch('/api/values', body(8_450_000))).status).toBe(201);
    const [record] = (await json(await app.admin.fetch('/api/audit?action=values.values&limit=1'))).records;
    expect(record).toMatchObject({ actor: 'canbo.hanoi', actorKind: 'user', ip: '127.0.0.1', units: ['01'] });
    expect(record.before).toEqual([['01', 'population', '2025', 8_400_000]]);
    expect(record.after.values).toEqual([['01', 'population', '2025', 8_450_000]]);
  });
});
