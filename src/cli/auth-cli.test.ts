import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/actor.ts';
import { findSession, logIn } from '../auth/sessions.ts';
import { tokenActor } from '../auth/tokens.ts';
import { addUser } from '../auth/users.ts';
import { openCore, type Core } from '../core.ts';
import { runNhipso, type CliResult } from '../testing/run-cli.ts';

let dir: string;
let db: string;

const nhipso = (...args: string[]) => runNhipso(db, ...args);
const bin = new URL('../../bin/nhipso.js', import.meta.url).pathname;
const IP = '127.0.0.1';

/** Like `runNhipso`, with something typed or piped on standard input. */
function nhipsoWithInput(input: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, '--db', db, ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
    child.stdin?.end(input);
  });
}

/** The secret a command prints on its last line. */
const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

/** Opens the database the CLI wrote, as the server would; closed before the next command runs. */
async function inDb<T>(work: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore({ dbFile: db });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

const addAccount = (username: string, password: string) =>
  inDb((core) => addUser(core, systemActor('test'), { username, role: 'viewer', unit: '79', password }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-auth-cli-'));
  db = join(dir, 'auth.db');
  await inDb(async () => undefined);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nhipso user', () => {
  it('add prints a one-time password that logs in, must be changed, and is stored only as a hash', async () => {
    const added = await nhipso('user', 'add', 'nguyenvana', '--role', 'editor', '--unit', '01', '--name', 'Nguyễn Văn A');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/một lần/i);
    const password = lastLine(added.stdout);
    expect(password.length).toBeGreaterThanOrEqual(10);
    await inDb(async (core) => {
      const row = await core.db.selectFrom('users').select('password_hash').where('username', '=', 'nguyenvana').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(password);
      const signedIn = await logIn(core, 'nguyenvana', password, IP);
      expect(signedIn.user).toMatchObject({ displayName: 'Nguyễn Văn A', role: 'editor', unit: '01', mustChangePassword: true });
    });
  });

  it('add --password-stdin takes the password from standard input and never prints it', async () => {
    const password = 'mat-khau-rat-dai-123';
    const added = await nhipsoWithInput(`${password}\n`, 'user', 'add', 'tranthib', '--role', 'steering', '--password-stdin');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain(password);
    const signedIn = await inDb((core) => logIn(core, 'tranthib', password, IP));
    expect(signedIn.user).toMatchObject({ role: 'steering', unit: null, mustChangePassword: false });
  });

  it('add refuses an unknown unit or a bad role, names the field, and writes nothing', async () => {
    const countAudit = () => inDb(async (core) => (await core.db.selectFrom('audit_log').select('seq').execute()).length);
    const before = await countAudit();
    const badUnit = await nhipso('user', 'add', 'lethic', '--role', 'editor', '--unit', '999');
    expect(badUnit.code).toBe(2);
    expect(badUnit.stderr).toMatch(/"unit".*999/);
    const badRole = await nhipso('user', 'add', 'lethic', '--role', 'boss');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/"role"/);
    await inDb(async (core) => {
      expect(await core.db.selectFrom('users').select('id').where('username', '=', 'lethic').execute()).toEqual([]);
    });
    expect(await countAudit()).toBe(before);
  });

  it('disable refuses login and ends open sessions; list shows disabled and locked accounts; enable lets the user back in', async () => {
    await addAccount('phamvand', 'mat-khau-cua-d-456');
    await addAccount('hoangvane', 'mat-khau-cua-e-789');
    const session = await inDb(async (core) => {
      for (let i = 0; i < 5; i++) await logIn(core, 'hoangvane', 'sai-mat-khau-000', IP).catch(() => undefined);
      return logIn(core, 'phamvand', 'mat-khau-cua-d-456', IP);
    });

    expect((await nhipso('user', 'disable', 'phamvand')).code).toBe(0);
    await inDb(async (core) => {
      await expect(logIn(core, 'phamvand', 'mat-khau-cua-d-456', IP)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await findSession(core, session.token, IP)).toBeUndefined();
    });

    const listed = await nhipso('user', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/phamvand .*vô hiệu/);
    expect(listed.stdout).toMatch(/hoangvane .*tạm khóa đến \d\d\/\d\d\/\d{4} \d\d:\d\d/);

    expect((await nhipso('user', 'enable', 'phamvand')).code).toBe(0);
    await inDb((core) => expect(logIn(core, 'phamvand', 'mat-khau-cua-d-456', IP)).resolves.toMatchObject({ user: { username: 'phamvand' } }));
  });

  it('reset-password prints a new one-time password; the old password stops working', async () => {
    await addAccount('vuthif', 'mat-khau-cu-cua-f-1');
    const reset = await nhipso('user', 'reset-password', 'vuthif');
    expect(reset.code).toBe(0);
    const password = lastLine(reset.stdout);
    await inDb(async (core) => {
      await expect(logIn(core, 'vuthif', 'mat-khau-cu-cua-f-1', IP)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect((await logIn(core, 'vuthif', password, IP)).user.mustChangePassword).toBe(true);
    });
  });

  it('list --json gives every account without any password hash', async () => {
    await addAccount('dangvang', 'mat-khau-cua-g-1011');
    const listed = await nhipso('user', 'list', '--json');
    expect(listed.code).toBe(0);
    const users = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(users.map((u) => u.username)).toContain('dangvang');
    expect(listed.stdout).not.toMatch(/scrypt|password_?hash/i);
  });
});

describe('nhipso token', () => {
  it('create prints the token once; list never shows it; revoke turns it off', async () => {
    const created = await nhipso('token', 'create', '--name', 'Cổng DVC Hà Nội', '--unit', '01', '--unit', '79', '--event-type', 'dossier.*,payment.done');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/MỘT LẦN/);
    const token = lastLine(created.stdout);
    expect(token).toMatch(/^nhs_/);
    const actor = await inDb((core) => tokenActor(core, token, IP));
    expect(actor).toMatchObject({ units: ['01', '79'], eventTypes: ['dossier.*', 'payment.done'] });

    const table = await nhipso('token', 'list');
    const json = await nhipso('token', 'list', '--json');
    expect(table.stdout).toContain(token.slice(0, 10));
    expect(table.stdout).not.toContain(token);
    expect(json.stdout).not.toContain(token);
    const listed = (JSON.parse(json.stdout) as { id: number; name: string }[]).find((t) => t.name === 'Cổng DVC Hà Nội');

    const revoked = await nhipso('token', 'revoke', String(listed?.id));
    expect(revoked.code).toBe(0);
    expect(await inDb((core) => tokenActor(core, token, IP))).toBeUndefined();
  });

  it('create refuses an unknown unit, names the field, and stores nothing', async () => {
    const created = await nhipso('token', 'create', '--name', 'Sai', '--unit', '999', '--event-type', 'dossier.*');
    expect(created.code).toBe(2);
    expect(created.stderr).toMatch(/"units".*999/);
    expect(created.stdout).not.toMatch(/nhs_/);
    await inDb(async (core) => expect(await core.db.selectFrom('api_tokens').select('id').where('name', '=', 'Sai').execute()).toEqual([]));
  });
});
