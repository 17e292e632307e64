import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, testCatalogue, startTestApp, type TestApp } from '../testing/test-core.ts';
import { webRoutes } from './routes/web.routes.ts';

let app: TestApp;
const now = new Date('2026-11-15T03:00:00Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
const json = async (path: string): Promise<any> => (await app.admin.fetch((path))).json();
const post = (path: string, body: string, type = 'application/json') => app.admin.fetch((path), { method: 'POST', headers: { 'content-type': type }, body });
const sheetOf = async (res: Response) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
};

beforeAll(async () => {
  app = await startTestApp({ now, catalogue: testCatalogue });
  const values = [
    { unit: '01', indicator: 'coverage_5g', period: '2025', value: 80, source: 'Sở KH&CN Hà Nội' },
    { unit: '01', indicator: 'coverage_5g', period: '2026', value: 95, source: '=HYPERLINK("http://x","bấm")' },
    { unit: '79', indicator: 'coverage_5g', period: '2026', value: 60, source: 'Sở KH&CN TP.HCM' },
  ];
  const res = await post('/api/values', JSON.stringify(values));
  expect(res.ok, await res.clone().text()).toBe(true);
  const events = ['2026-10-03', '2026-11-03'].map((day, i) => ({ id: `d${i}`, type: 'dossier.submitted', unit: '00004', time: `${day}T09:00:00+07:00`, attributes: { channel: 'online', fee: 1000 } }));
  expect((await post('/api/events', ndjson(events), 'application/x-ndjson')).ok).toBe(true);
});
afterAll(async () => {
  await app.dispose();
});

describe('dashboard API', () => {
  it('gives a unit history: monthly index and each indicator over its own periods, with target and achievement', async () => {
    const body = await json('/api/units/01/history?period=2026-11&months=3&indicators=coverage_5g,dossiers_total');
    expect(body.months).toEqual(['2026-09', '2026-10', '2026-11']);
    // A yearly value counts in every month of its year, so Hà Nội has a score in each month asked.
    expect(body.scores.map((s: { period: string }) => s.period)).toEqual(['2026-09', '2026-10', '2026-11']);
    const coverage = body.kpis.find((k: { indicator: string }) => k.indicator === 'coverage_5g');
    expect(coverage.points).toEqual([
      { period: '2025', value: 80, target: 90, achievement: 88.89, band: expect.any(String) },
      { period: '2026', value: 95, target: 90, achievement: 100, band: 'tot' },
    ]);
    expect(coverage.latestReport).toMatchObject({ value: 95, by: expect.any(String) });
    const dossiers = body.kpis.find((k: { indicator: string }) => k.indicator === 'dossiers_total');
    expect(dossiers.points.map((p: { period: string; value: number }) => [p.period, p.value])).toEqual([['2026-10', 1], ['2026-11', 1]]);
  });

  it('ranks one indicator across provinces with value, target, achievement and band', async () => {
    const body = await json('/api/indicators/coverage_5g/standing?level=province&period=2026-11');
    expect(body.period).toBe('2026');
    expect(body.rows.slice(0, 2)).toEqual([
      expect.objectContaining({ unit: expect.objectContaining({ code: '01' }), value: 95, rank: 1, achievement: 100, band: 'tot' }),
      expect.objectContaining({ unit: expect.objectContaining({ code: '79' }), value: 60, rank: 2, achievement: 66.67, band: 'trung_binh' }),
    ]);
    expect(body.rows).toHaveLength(34);
    expect((await app.admin.fetch(('/api/indicators/coverage_5g/standing?level=commune'))).status).toBe(400);
    expect((await app.admin.fetch(('/api/units/nowhere/history'))).status).toBe(404);
  });

  it('exports the ranking and a unit scorecard to Excel, with text that cannot run as a formula', async () => {
    const ranking = await app.admin.fetch(('/api/export/scorecard.xlsx?level=province&period=2026-11'));
    expect(ranking.headers.get('content-type')).toContain('spreadsheetml');
    const rankSheet = await sheetOf(ranking);
    expect(String(rankSheet.getCell(1, 1).value)).toContain('Xếp hạng tỉnh, thành phố');
    expect(rankSheet.getRow(4).values).toEqual(expect.arrayContaining(['Hạng', 'Đơn vị', 'Chỉ số (0–100)', 'Chính quyền số']));
    expect(rankSheet.getRow(5).getCell(3).value).toBe('Hà Nội');

    const kpis = await sheetOf(await app.admin.fetch(('/api/export/unit-kpis.xlsx?unit=01&period=2026-11')));
    const sources = kpis.getColumn(10).values.filter((v): v is string => typeof v === 'string');
    expect(sources).toContain('\'=HYPERLINK("http://x","bấm")');
    expect((await app.admin.fetch(('/api/export/indicator.xlsx?indicator=coverage_5g&level=province'))).ok).toBe(true);
  });

  it('says whether the data is synthetic demo data', async () => {
    expect(await json('/api/health')).toMatchObject({ synthetic: false });
  });
});

describe('serving the dashboard', () => {
  it('caches hashed assets for good, revalidates the page, and answers page paths with it', async () => {
    const dist = join(app.dir, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Nhịp Số</title>');
    const script = 'console.log("nhịp số");'.repeat(100);
    writeFileSync(join(dist, 'assets', 'main-abc123.js'), script);
    writeFileSync(join(dist, 'assets', 'main-abc123.js.br'), brotliCompressSync(script));
    const server = Fastify({ logger: false });
    await webRoutes(server, dist);
    const asset = await server.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    for (const path of ['/', '/ban-do', '/don-vi/01?period=2026-10']) {
      const page = await server.inject({ url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('Nhịp Số');
    }
    expect((await server.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await server.inject({ url: '/api/missing' })).statusCode).toBe(404);
    await server.close();
  });

  it('runs the API alone when the dashboard is not built', async () => {
    const server = Fastify({ logger: false });
    await webRoutes(server, join(app.dir, 'not-built'));
    const res = await server.inject({ url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/api/docs');
    await server.close();
  });
});
