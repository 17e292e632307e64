import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../auth/tokens.ts';
import { addTestUser, signIn } from '../testing/test-client.ts';
import { ndjson, startTestApp, testActor, testCatalogue, type TestApp } from '../testing/test-core.ts';

let app: TestApp;
let counter = 0;
let token: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
type Body = any;
const now = new Date('2026-11-15T03:00:00Z');

/** The public: no cookie, no token. */
const anonymous = (path: string) => fetch(`${app.url}${path}`);
const asPublic = async (path: string): Promise<Body> => {
  const res = await anonymous(path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return res.json();
};
const asAdmin = async (path: string): Promise<Body> => (await app.admin.fetch(path)).json();
const post = (path: string, body: unknown, type = 'application/json') =>
  app.admin.fetch(path, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function dossiers(unit: string, month: string, channels: string[]): Promise<void> {
  const events = channels.map((channel) => ({ id: `p${++counter}`, type: 'dossier.submitted', unit, time: `${month}-05T09:00:00+07:00`, attributes: { channel, fee: 0 } }));
  const res = await post('/api/events', ndjson(events), 'application/x-ndjson');
  expect(res.ok, await res.clone().text()).toBe(true);
}

const scoreOf = (card: Body, code: string) => card.units.find((r: { unit: { code: string } }) => r.unit.code === code)?.score;
/** What a month's ranking says, leaving out the change since the month before (which the public sees only when that month is published too). */
const standings = (card: Body) => card.units.map(({ unit, score, pillars, band, rank, peers }: Body) => ({ unit: unit.code, score, pillars, band, rank, peers }));
let publishedCard: Body;

beforeAll(async () => {
  app = await startTestApp({ now, catalogue: testCatalogue });
  const values = [
    { unit: '01', indicator: 'coverage_5g', period: '2026', value: 95, source: 'Sở KH&CN Hà Nội' },
    { unit: '79', indicator: 'coverage_5g', period: '2026', value: 60, source: 'Sở KH&CN TP.HCM' },
    { unit: '01', indicator: 'coverage_5g', period: '2025', value: 80, source: 'Sở KH&CN Hà Nội' },
  ];
  expect((await post('/api/values', values)).status).toBe(201);
  await dossiers('00004', '2026-10', ['online', 'online']);
  await dossiers('00004', '2026-11', ['online']);
  const published = await post('/api/publications', { period: '2026-10', note: 'Kỳ báo cáo tháng 10/2026' });
  expect(published.status, await published.clone().text()).toBe(201);
  publishedCard = await asAdmin('/api/scorecard?level=province&period=2026-10');
  // Late dossiers for October: they move the live scores after publication.
  await dossiers('00004', '2026-10', ['paper', 'paper', 'paper', 'paper']);
  token = (await createToken(app.core, testActor, { name: 'Cổng DVC Hà Nội', units: ['01'], eventTypes: ['dossier.*'] })).token;
});
afterAll(async () => {
  await app.dispose();
});

describe('what the public sees', () => {
  it('sees the newest published month, frozen as published, not the live scores', async () => {
    const card = await asPublic('/api/scorecard?level=province');
    expect(card).toMatchObject({ period: '2026-10', source: 'published', published: { at: now.toISOString(), corrections: 0 } });
    expect(standings(card)).toEqual(standings(publishedCard));
    expect(card.units[0]).toMatchObject({ previousScore: null, change: null });
    const live = await asAdmin('/api/scorecard?level=province&period=2026-10');
    expect(live).toMatchObject({ source: 'live', published: { at: now.toISOString() } });
    expect(scoreOf(live, '01')).not.toBe(scoreOf(card, '01'));
  });

  it('sees a unit of a published month with its frozen score and the values of published periods', async () => {
    const body = await asPublic('/api/units/01/kpis?period=2026-10');
    expect(body).toMatchObject({ period: '2026-10', source: 'published', score: { score: scoreOf(publishedCard, '01') } });
    const kpi = (code: string) => body.kpis.find((k: { indicator: string }) => k.indicator === code);
    // As published: the four late dossiers of October reach the public only through a correction.
    expect(kpi('dossiers_total')).toMatchObject({ period: '2026-10', value: 2 });
    const live = await asAdmin('/api/units/01/kpis?period=2026-10');
    expect(live.kpis.find((k: { indicator: string }) => k.indicator === 'dossiers_total')).toMatchObject({ value: 6 });
    // The year 2026 is public while its last finished month, October, is published.
    expect(kpi('coverage_5g')).toMatchObject({ period: '2026', value: 95 });
  });

  it('sees the history of published months only', async () => {
    const body = await asPublic('/api/units/01/history?months=3&indicators=dossiers_total,coverage_5g');
    expect(body.months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(body.scores.map((s: { period: string }) => s.period)).toEqual(['2026-10']);
    const points = (code: string) => body.kpis.find((k: { indicator: string }) => k.indicator === code).points.map((p: { period: string }) => p.period);
    expect(points('dossiers_total')).toEqual(['2026-10']);
    // No month of 2025 is published: the year was published with October 2026, as it stood then (decision 0028).
    expect(points('coverage_5g')).toEqual(['2025', '2026']);
  });

  it('sees indicator values and standings of published periods', async () => {
    expect(await asPublic('/api/indicators/dossiers_total/values')).toMatchObject({ period: '2026-10' });
    expect(await asPublic('/api/indicators/coverage_5g/values?period=2026')).toMatchObject({ period: '2026' });
    const standing = await asPublic('/api/indicators/coverage_5g/standing?level=province');
    expect(standing).toMatchObject({ month: '2026-10', period: '2026', source: 'published' });
    expect(standing.rows[0]).toMatchObject({ unit: { code: '01' }, value: 95, previous: 80 });
    expect(await asPublic('/api/indicators/coverage_5g/values?period=2025')).toMatchObject({ period: '2025', values: expect.arrayContaining([expect.objectContaining({ unit: '01', value: 80 })]) });
    for (const path of ['/api/export/scorecard.xlsx', '/api/export/unit-kpis.xlsx?unit=01', '/api/export/indicator.xlsx?indicator=coverage_5g']) {
      expect((await anonymous(path)).status, path).toBe(200);
    }
  });

  it('gets Excel files that say their figures are the published ones', async () => {
    const note = async (res: Response) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
      return String(workbook.worksheets[0]?.getCell(2, 1).value);
    };
    expect(await note(await anonymous('/api/export/scorecard.xlsx'))).toMatch(/Số liệu đã công bố ngày 15\/11\/2026/);
    expect(await note(await app.admin.fetch('/api/export/scorecard.xlsx?period=2026-10'))).toMatch(/Số liệu trực tiếp/);
  });

  it('lists the published months only, and which months are published', async () => {
    expect(await asPublic('/api/periods')).toEqual({ months: ['2026-10'], published: ['2026-10'], current: '2026-11', dataUntil: '2026-11-15', latestComplete: '2026-10' });
    const signedIn = await asAdmin('/api/periods');
    // The yearly 5G values score every month of 2026, but data of its own starts with October's dossiers (decision 0028).
    expect(signedIn.months).toEqual(expect.arrayContaining(['2026-11', '2026-10']));
    expect(signedIn.months.at(-1)).toBe('2026-10');
    expect(signedIn.published).toEqual(['2026-10']);
  });

  it.each([
    '/api/scorecard?period=2026-11', '/api/scorecard?period=2026-09', '/api/units/01/kpis?period=2026-11', '/api/units/01/history?period=2026-11',
    '/api/indicators/coverage_5g/standing?period=2026-11', '/api/indicators/dossiers_total/values?period=2026-11', '/api/indicators/databases_done/values?period=2026-Q2',
    '/api/export/scorecard.xlsx?period=2026-11', '/api/export/unit-kpis.xlsx?unit=01&period=2026-11', '/api/export/indicator.xlsx?indicator=coverage_5g&period=2026-11',
  ])('is asked to log in for an unpublished period: %s', async (path) => {
    const res = await anonymous(path);
    expect(res.status).toBe(401);
    const { error } = (await res.json()) as Body;
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/chưa được công bố; cần đăng nhập/) });
  });

  it.each(['/api/stream', '/api/tasks', '/api/tasks/1', '/api/tasks/export.xlsx', '/api/directives', '/api/directives/1', '/api/units/01/tasks/summary', `/api/evidence/${'a'.repeat(64)}`])(
    'is asked to log in for live data: %s', async (path) => {
      expect((await anonymous(path)).status).toBe(401);
    },
  );

  it('reads reference data without an account', async () => {
    for (const path of ['/api/health', '/api/units?kind=province', '/api/units/01', '/api/indicators', '/api/indicators/online_rate', '/api/publications', '/api/publications/2026-10/corrections']) {
      expect((await anonymous(path)).status, path).toBe(200);
    }
  });

  it('lets a source-system token read what the public reads, and refuses it live data (403)', async () => {
    const withToken = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await withToken('/api/scorecard?period=2026-11')).status).toBe(403);
    expect((await withToken('/api/stream')).status).toBe(403);
    expect((await (await withToken('/api/scorecard')).json()) as Body).toMatchObject({ source: 'published', period: '2026-10' });
  });
});

describe('before anything is published', () => {
  it('asks the public to log in, and still shows accounts the live figures', async () => {
    const fresh = await startTestApp({ now, catalogue: testCatalogue });
    try {
      const res = await fetch(`${fresh.url}/api/scorecard`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as Body).error.message).toMatch(/Chưa có kỳ báo cáo nào được công bố/);
      expect(await (await fetch(`${fresh.url}/api/periods`)).json()).toEqual({ months: [], published: [], current: '2026-11', dataUntil: '2026-11-15', latestComplete: null });
      expect(((await (await fresh.admin.fetch('/api/scorecard')).json()) as Body)).toMatchObject({ period: '2026-11', source: 'live', published: null });
    } finally {
      await fresh.dispose();
    }
  });
});

describe('publishing and correcting over HTTP', () => {
  it('refuses a second publication of the same month', async () => {
    const res = await post('/api/publications', { period: '2026-10' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Body).error.message).toMatch(/đã công bố/);
  });

  it('refuses publication by a unit viewer or editor, and by the public', async () => {
    await addTestUser(app.core, 'xem.hanoi', 'viewer', '01');
    await addTestUser(app.core, 'nhap.hanoi', 'editor', '01');
    for (const username of ['xem.hanoi', 'nhap.hanoi']) {
      const client = await signIn(app.url, username);
      const res = await client.fetch('/api/publications', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ period: '2026-09' }) });
      expect(res.status, username).toBe(403);
    }
    expect((await fetch(`${app.url}/api/publications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"period":"2026-09"}' })).status).toBe(401);
    expect((await asPublic('/api/publications')).periods.map((p: { period: string }) => p.period)).toEqual(['2026-10']);
  });

  it('corrects a published month only with a reason, and shows the public the correction and why', async () => {
    const refused = await post('/api/publications/2026-10/corrections', {});
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Body).error.details.problems).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect(standings(await asPublic('/api/scorecard?level=province'))).toEqual(standings(publishedCard));

    const res = await post('/api/publications/2026-10/corrections', { reason: 'Bổ sung hồ sơ giấy nộp muộn của phường Ba Đình' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { corrections, values } = (await res.json()) as Body;
    expect(corrections.map((c: { unit: string }) => c.unit)).toEqual(expect.arrayContaining(['00004', '01']));
    expect(values).toEqual(expect.arrayContaining([expect.objectContaining({ indicator: 'dossiers_total', unit: '01', period: '2026-10', before: expect.objectContaining({ value: 2 }), after: expect.objectContaining({ value: 6 }) })]));

    const card = await asPublic('/api/scorecard?level=province');
    expect(scoreOf(card, '01')).toBe(scoreOf(await asAdmin('/api/scorecard?level=province&period=2026-10'), '01'));
    expect(card.published.corrections).toBe(corrections.length + values.length);
    const unit = await asPublic('/api/units/01/kpis?period=2026-10');
    expect(unit.kpis.find((k: { indicator: string }) => k.indicator === 'dossiers_total')).toMatchObject({ value: 6 });
    const listed = await asPublic('/api/publications/2026-10/corrections');
    expect(listed.corrections.find((c: { unit: string }) => c.unit === '01')).toMatchObject({
      reason: 'Bổ sung hồ sơ giấy nộp muộn của phường Ba Đình', before: { score: scoreOf(publishedCard, '01') }, correctedBy: null,
    });
    expect(listed.values.find((c: { unit: string; indicator: string }) => c.unit === '01' && c.indicator === 'dossiers_total')).toMatchObject({
      reason: 'Bổ sung hồ sơ giấy nộp muộn của phường Ba Đình', before: { value: 2 }, after: { value: 6 }, correctedBy: null,
    });
    expect((await anonymous('/api/publications/2026-09/corrections')).status).toBe(404);
  });
});
