import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/actor.ts';
import { within } from '../auth/policy.ts';
import { createToken, revokeToken } from '../auth/tokens.ts';
import { setUserDisabled } from '../auth/users.ts';
import { submitEvents } from '../ingest/submit.ts';
import { publishPeriod } from '../publication/publish-period.ts';
import { fingerprint } from '../testing/db-fingerprint.ts';
import { cookieOnlyCaller, publicCaller, send, tokenCaller, type Caller, type RequestSpec } from '../testing/http-callers.ts';
import { clearTask, seedDirective, seedTask } from '../testing/task-fixtures.ts';
import { addTestUser, signIn, TEST_PASSWORD } from '../testing/test-client.ts';
import { ndjson, startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';

const HN = '01';
const DN = '48';
/** Ba Đình, a ward of Hà Nội. */
const HN_COMMUNE = '00004';
const operator = systemActor('test');

type ActorKey = 'admin' | 'steering' | 'editorHn' | 'editorCommune' | 'editorDn' | 'viewerHn' | 'public' | 'token' | 'revoked';
const ACTORS: Record<ActorKey, string> = {
  admin: 'the administrator',
  steering: 'the steering committee',
  editorHn: `the editor of ${HN}`,
  editorCommune: `the editor of commune ${HN_COMMUNE}`,
  editorDn: `the editor of ${DN}`,
  viewerHn: `the viewer of ${HN}`,
  public: 'the public',
  token: `a dossier.* token for ${HN}`,
  revoked: 'a revoked token',
};

let app: TestApp;
let callers: Record<ActorKey, Caller>;

beforeAll(async () => {
  app = await startTestApp({ catalogue: testCatalogue });
  const { core, url } = app;
  expect(core.ctx.units.lineage(HN_COMMUNE)).toContain(HN);
  const accounts: [ActorKey, string, 'steering' | 'editor' | 'viewer', string?][] = [
    ['steering', 'bcd.trunguong', 'steering'],
    ['editorHn', 'nhaplieu.hanoi', 'editor', HN],
    ['editorCommune', 'nhaplieu.badinh', 'editor', HN_COMMUNE],
    ['editorDn', 'nhaplieu.danang', 'editor', DN],
    ['viewerHn', 'xem.hanoi', 'viewer', HN],
  ];
  const signedIn = new Map(await Promise.all(accounts.map(async ([key, username, role, unit]) => {
    await addTestUser(core, username, role, unit);
    return [key, await signIn(url, username)] as const;
  })));
  const account = (key: ActorKey): Caller => {
    const client = signedIn.get(key);
    if (!client) throw new Error(`no account for ${key}`);
    return client;
  };
  const { token } = await createToken(core, operator, { name: 'Cổng DVC Hà Nội', units: [HN], eventTypes: ['dossier.*'] });
  const revoked = await createToken(core, operator, { name: 'Hệ thống cũ', units: [HN], eventTypes: ['*'] });
  await revokeToken(core, operator, revoked.record.id);
  callers = {
    admin: app.admin, steering: account('steering'), editorHn: account('editorHn'), editorCommune: account('editorCommune'), editorDn: account('editorDn'),
    viewerHn: account('viewerHn'), public: publicCaller(url), token: tokenCaller(url, token), revoked: tokenCaller(url, revoked.token),
  };
});
afterAll(async () => app.dispose());

let serial = 0;
/** Every successful write changes state: each request carries fresh ids, numbers and names. */
const next = () => ++serial;

function event(unit: string, type = 'dossier.submitted') {
  const id = `matrix-${next()}`;
  const attributes = type === 'training.completed' ? { person: `nguoi-${id}` } : { channel: 'online', fee: 1000 };
  return { id, type, unit, time: '2026-11-03T09:00:00+07:00', attributes };
}
const postEvents = (...events: object[]): RequestSpec => ({ method: 'POST', path: '/api/events', text: ndjson(events), contentType: 'application/x-ndjson' });
const population = (unit: string) => ({ unit, indicator: 'population', period: '2026', value: 1000 + next() });
const postValues = (...units: string[]): RequestSpec => ({ method: 'POST', path: '/api/values', json: units.map(population) });
const importValues = (...units: string[]): RequestSpec => ({
  method: 'POST', path: '/api/values/import?period=2026&filename=dan-so.csv', contentType: 'text/csv',
  text: ['Mã đơn vị;population', ...units.map((u) => `${u};${1000 + next()}`)].join('\n'),
});
const taskPath = async (lead: string, action: string, options: { submitted?: boolean } = {}) => `/api/tasks/${await seedTask(app.core, lead, options)}/${action}`;
const directivePath = async () => `/api/directives/${encodeURIComponent(await seedDirective(app.core))}`;
const newUsername = () => `taikhoan${next()}`;
async function seededUser(disabled = false): Promise<string> {
  const username = newUsername();
  await addTestUser(app.core, username, 'viewer', HN);
  if (disabled) await setUserDisabled(app.core, operator, username, true);
  return username;
}
let months = 0;
/** A month that has ended, not used by any other case, holding one online dossier of 01 and so scores. */
async function endedMonthWithScores(): Promise<string> {
  months += 1;
  const at = new Date(Date.UTC(2026, 10 - months, 10));
  const month = at.toISOString().slice(0, 7);
  await submitEvents(app.core, operator, ndjson([{ ...event(HN), time: at.toISOString() }]));
  return month;
}
/** A published month whose live scores have moved since (a paper dossier lowers the online rate): there is something to correct. */
async function publishedMonthToCorrect(): Promise<string> {
  const month = await endedMonthWithScores();
  await publishPeriod(app.core, operator, month);
  await submitEvents(app.core, operator, ndjson([{ ...event(HN), time: `${month}-12T09:00:00+07:00`, attributes: { channel: 'paper', fee: 0 } }]));
  return month;
}
const TASK_SHEET_HEADER = 'STT;Nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Người chịu trách nhiệm;Chức vụ;Liên hệ;Thời hạn;Sản phẩm;Thẩm quyền';

interface Scenario {
  does: string;
  allowed: readonly ActorKey[];
  request(): Promise<RequestSpec>;
}

const scenarios: Scenario[] = [
  { does: `post a dossier event for commune ${HN_COMMUNE}`, allowed: ['admin', 'editorHn', 'editorCommune', 'token'], request: async () => postEvents(event(HN_COMMUNE)) },
  { does: `post a dossier event for ${HN}`, allowed: ['admin', 'editorHn', 'token'], request: async () => postEvents(event(HN)) },
  { does: `post a dossier event for ${DN}`, allowed: ['admin', 'editorDn'], request: async () => postEvents(event(DN)) },
  { does: `post a training.completed event for ${HN}`, allowed: ['admin', 'editorHn'], request: async () => postEvents(event(HN, 'training.completed')) },
  { does: `post a batch of ${HN} events with one event for ${DN}`, allowed: ['admin'], request: async () => postEvents(event(HN), event(HN_COMMUNE), event(DN)) },

  { does: `post values for ${HN}`, allowed: ['admin', 'editorHn'], request: async () => postValues(HN) },
  { does: `post values for commune ${HN_COMMUNE}`, allowed: ['admin', 'editorHn', 'editorCommune'], request: async () => postValues(HN_COMMUNE) },
  { does: `post values for ${DN}`, allowed: ['admin', 'editorDn'], request: async () => postValues(DN) },
  { does: `post a batch of ${HN} values with one row for ${DN}`, allowed: ['admin'], request: async () => postValues(HN, HN_COMMUNE, DN) },
  { does: `import a sheet of values for ${HN}`, allowed: ['admin', 'editorHn'], request: async () => importValues(HN) },
  { does: `import a sheet of values for ${HN} with one row for ${DN}`, allowed: ['admin'], request: async () => importValues(HN, DN) },
  {
    does: `attach an evidence file to values of commune ${HN_COMMUNE}`, allowed: ['admin', 'editorHn', 'editorCommune'],
    request: async () => ({ method: 'POST', path: `/api/values/evidence?unit=${HN_COMMUNE}&filename=bien-ban.txt`, contentType: 'text/plain', text: `Biên bản số ${next()}` }),
  },

  { does: `set a target for ${HN}`, allowed: ['admin', 'steering'], request: async () => ({ method: 'PUT', path: '/api/targets', json: [{ indicator: 'coverage_5g', unit: HN, period: '2026', value: next() % 100 }] }) },
  {
    does: 'add an indicator to the catalogue', allowed: ['admin', 'steering'],
    request: async () => {
      const code = `matrix_${next()}`;
      const def = { code, name: 'Chỉ tiêu thử', nameEn: 'Test indicator', kind: 'reported', measure: 'điểm', periodType: 'year', direction: 'higher', rollup: 'sum', pillar: 'xa_hoi_so', weight: 0, appliesTo: ['province'], valid: { min: 0, max: 100 } };
      return { method: 'PUT', path: `/api/indicators/${code}`, json: def };
    },
  },

  {
    does: 'register a directive', allowed: ['admin', 'steering'],
    request: async () => ({ method: 'POST', path: '/api/directives', json: { number: `${next()}/CT-MATRIX`, type: 'Chỉ thị', issuedOn: '05/01/2026', issuer: 'Thủ tướng', title: 'Chuyển đổi số' } }),
  },
  { does: `assign a task to ${HN} under a directive`, allowed: ['admin', 'steering'], request: async () => ({ method: 'POST', path: `${await directivePath()}/tasks`, json: [clearTask(HN)] }) },
  {
    does: `import a task list for ${HN}`, allowed: ['admin', 'steering'],
    request: async () => ({
      method: 'POST', path: `${await directivePath()}/tasks/import?filename=nhiem-vu.csv`, contentType: 'text/csv',
      text: `${TASK_SHEET_HEADER}\n1;Số hóa hồ sơ;${HN};;Trần Thị B;Giám đốc Sở;b@hanoi.gov.vn;Quý 4/2026;Báo cáo;Chủ tịch UBND\n`,
    }),
  },
  {
    does: `split a task of ${HN} into a sub-task for commune ${HN_COMMUNE}`, allowed: ['admin', 'steering', 'editorHn'],
    request: async () => ({ method: 'POST', path: await taskPath(HN, 'subtasks'), json: [clearTask(HN_COMMUNE, { deadline: '15/12/2026' })] }),
  },
  { does: `report progress on a task of commune ${HN_COMMUNE}`, allowed: ['admin', 'editorHn', 'editorCommune'], request: async () => ({ method: 'POST', path: await taskPath(HN_COMMUNE, 'progress'), json: { progress: 40 } }) },
  { does: `report progress on a task of ${DN}`, allowed: ['admin', 'editorDn'], request: async () => ({ method: 'POST', path: await taskPath(DN, 'progress'), json: { progress: 40 } }) },
  {
    does: `report completion of a task of commune ${HN_COMMUNE}`, allowed: ['admin', 'editorHn', 'editorCommune'],
    request: async () => ({ method: 'POST', path: await taskPath(HN_COMMUNE, 'complete'), json: { links: ['https://badinh.hanoi.gov.vn/bao-cao'] } }),
  },
  {
    does: `accept the completed task of commune ${HN_COMMUNE}`, allowed: ['admin', 'steering', 'editorHn'],
    request: async () => ({ method: 'POST', path: await taskPath(HN_COMMUNE, 'accept', { submitted: true }), json: { note: 'Đạt' } }),
  },
  {
    does: `reject the completed task of commune ${HN_COMMUNE}`, allowed: ['admin', 'steering', 'editorHn'],
    request: async () => ({ method: 'POST', path: await taskPath(HN_COMMUNE, 'reject', { submitted: true }), json: { reason: 'Thiếu minh chứng' } }),
  },
  { does: `accept the completed task of ${HN} itself`, allowed: ['admin', 'steering'], request: async () => ({ method: 'POST', path: await taskPath(HN, 'accept', { submitted: true }), json: {} }) },

  { does: 'publish an ended month', allowed: ['admin', 'steering'], request: async () => ({ method: 'POST', path: '/api/publications', json: { period: await endedMonthWithScores(), note: 'Số liệu chính thức' } }) },
  {
    does: 'correct a published month', allowed: ['admin', 'steering'],
    request: async () => ({ method: 'POST', path: `/api/publications/${await publishedMonthToCorrect()}/corrections`, json: { reason: 'Bổ sung hồ sơ nộp muộn' } }),
  },

  { does: 'create an account', allowed: ['admin'], request: async () => ({ method: 'POST', path: '/api/users', json: { username: newUsername(), role: 'viewer', unit: HN, password: TEST_PASSWORD } }) },
  { does: 'disable an account', allowed: ['admin'], request: async () => ({ method: 'POST', path: `/api/users/${await seededUser()}/disable` }) },
  { does: 'enable a disabled account', allowed: ['admin'], request: async () => ({ method: 'POST', path: `/api/users/${await seededUser(true)}/enable` }) },
  { does: "reset an account's password", allowed: ['admin'], request: async () => ({ method: 'POST', path: `/api/users/${await seededUser()}/reset-password` }) },
  { does: 'issue a token', allowed: ['admin'], request: async () => ({ method: 'POST', path: '/api/tokens', json: { name: `Hệ thống ${next()}`, units: [HN], eventTypes: ['dossier.*'] } }) },
  {
    does: 'revoke a token', allowed: ['admin'],
    request: async () => ({ method: 'DELETE', path: `/api/tokens/${(await createToken(app.core, operator, { name: `Thu hồi ${next()}`, units: [HN], eventTypes: ['*'] })).record.id}` }),
  },
];

/** `[sentence, actor, allowed, scenario]`: a tuple, so that the sentence is the test's whole name. */
const rows = scenarios.flatMap((scenario) => (Object.keys(ACTORS) as ActorKey[]).map((actor) => {
  const allowed = scenario.allowed.includes(actor);
  return [`${ACTORS[actor]} ${allowed ? 'may' : 'may not'} ${scenario.does}`, actor, allowed, scenario] as const;
}));

/** No account (or a dead token) is 401; an account without the right is 403. */
const refusal = (actor: ActorKey) => (actor === 'public' || actor === 'revoked' ? 401 : 403);

async function reply(res: Response): Promise<{ status: number; body: { error?: { code?: unknown; message?: unknown } } | undefined; text: string }> {
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

describe('who may write what', () => {
  it.each(rows)('%s', async (_sentence, actor, allowed, scenario) => {
    const spec = await scenario.request();
    const before = await fingerprint(app.core.db);

    const { status, body, text } = await reply(await send(callers[actor], spec));

    const after = await fingerprint(app.core.db);
    if (allowed) {
      expect(status, text).toBeGreaterThanOrEqual(200);
      expect(status, text).toBeLessThan(300);
      expect(after.audit_log?.rows, 'one audit record per write').toBe((before.audit_log?.rows ?? 0) + 1);
    } else {
      expect(status, text).toBe(refusal(actor));
      expect(body?.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(after, 'a refused write changes nothing, not even the audit log').toEqual(before);
    }
  });
});

describe('cookies and tokens', () => {
  it('refuses a cookie write without the CSRF header, and writes nothing', async () => {
    const editor = await signIn(app.url, 'nhaplieu.hanoi');
    const before = await fingerprint(app.core.db);

    const withoutHeader = await send(cookieOnlyCaller(app.url, editor), postValues(HN));
    const withWrongHeader = await send(cookieOnlyCaller(app.url, editor, 'khong-phai-ma-csrf'), postEvents(event(HN)));
    const adminWithoutHeader = await send(cookieOnlyCaller(app.url, app.admin), { method: 'POST', path: '/api/users', json: { username: newUsername(), role: 'steering', password: TEST_PASSWORD } });

    expect([withoutHeader.status, withWrongHeader.status, adminWithoutHeader.status]).toEqual([403, 403, 403]);
    expect(await fingerprint(app.core.db)).toEqual(before);
    expect((await send(editor, postValues(HN))).status).toBe(201);
  });

  it('stops a revoked token at once: the very next request is 401 and writes nothing', async () => {
    const issued = await send(app.admin, { method: 'POST', path: '/api/tokens', json: { name: 'Cổng DVC Đà Nẵng', units: [DN], eventTypes: ['dossier.*'] } });
    expect(issued.status).toBe(201);
    const { token, record } = (await issued.json()) as { token: string; record: { id: number } };
    const source = tokenCaller(app.url, token);
    expect((await send(source, postEvents(event(DN)))).status).toBe(201);

    expect((await send(app.admin, { method: 'DELETE', path: `/api/tokens/${record.id}` })).status).toBe(200);
    const before = await fingerprint(app.core.db);
    const refused = await send(source, postEvents(event(DN)));

    expect(refused.status).toBe(401);
    expect(await fingerprint(app.core.db)).toEqual(before);
  });
});

describe('who may read what', () => {
  it.each(['/api/tasks', '/api/stream', '/api/audit', '/api/users'])('the public may not read %s (401)', async (path) => {
    const controller = new AbortController();
    const res = await fetch(`${app.url}${path}`, { signal: controller.signal });
    controller.abort();
    expect(res.status).toBe(401);
  });

  it(`${ACTORS.viewerHn} may not list the accounts (403)`, async () => {
    expect((await callers.viewerHn.fetch('/api/users')).status).toBe(403);
  });

  it(`${ACTORS.editorHn} reads only the audit records touching ${HN} or its communes`, async () => {
    for (const spec of [postValues(DN), postValues(HN_COMMUNE), postValues(HN)]) expect((await send(app.admin, spec)).status).toBe(201);
    const touches = <T extends { units: string[] }>(records: T[], root: string) => records.filter((r) => r.units.some((u) => within(app.core.ctx.units, u, root)));
    const all = ((await (await app.admin.fetch('/api/audit?limit=1000')).json()) as { records: { seq: number; units: string[] }[] }).records;
    expect(touches(all, DN).length).toBeGreaterThan(0);

    const res = await callers.editorHn.fetch('/api/audit?limit=1000');
    expect(res.status).toBe(200);
    const seen = ((await res.json()) as { records: { seq: number; units: string[] }[] }).records;

    expect(seen.map((r) => r.seq)).toEqual(touches(all, HN).map((r) => r.seq));
    expect(seen.some((r) => r.units.includes(HN_COMMUNE))).toBe(true);
    expect((await callers.editorHn.fetch(`/api/audit?unit=${DN}`)).status).toBe(403);
  });
});
