import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, testCatalogue, startTestApp, type TestApp } from '../testing/test-core.ts';

let app: TestApp;
const now = new Date('2026-11-15T03:00:00Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
const json = async (path: string): Promise<any> => (await app.admin.fetch((path))).json();
const post = (path: string, body: string, type = 'application/json') => app.admin.fetch((path), { method: 'POST', headers: { 'content-type': type }, body });

beforeAll(async () => {
  app = await startTestApp({ now, catalogue: testCatalogue });
  expect((await post('/api/values', JSON.stringify([{ unit: '01', indicator: 'coverage_5g', period: '2026', value: 95, source: 'Sở KH&CN Hà Nội' }]))).ok).toBe(true);
  const events = ['2025-06-03', '2026-11-03'].map((day, i) => ({ id: `n${i}`, type: 'dossier.submitted', unit: '00004', time: `${day}T09:00:00+07:00`, attributes: { channel: 'online', fee: 1000 } }));
  const res = await post('/api/events', ndjson(events), 'application/x-ndjson');
  expect(res.ok, await res.clone().text()).toBe(true);
});
afterAll(async () => {
  await app.dispose();
});

const HANOI = { code: '01', name: 'Hà Nội', nameEn: 'Hanoi' };

describe('unit names in both languages', () => {
  it('names each unit of a scorecard in Vietnamese and English', async () => {
    const body = await json('/api/scorecard?level=province&period=2026-11');
    expect(body.units.find((r: { unit: { code: string } }) => r.unit.code === '01').unit).toEqual({ ...HANOI, kind: 'province' });
    const ministries = await json('/api/scorecard?level=ministry&period=2026-11');
    expect(ministries.units.find((r: { unit: { code: string } }) => r.unit.code === 'BTC').unit).toEqual({ code: 'BTC', name: 'Bộ Tài chính', nameEn: 'Ministry of Finance', kind: 'ministry' });
  });

  it('names each unit of an indicator standing and of an indicator table in both languages', async () => {
    const standing = await json('/api/indicators/coverage_5g/standing?level=province&period=2026-11');
    expect(standing.rows[0].unit).toEqual({ ...HANOI, kind: 'province' });
    const values = await json('/api/indicators/coverage_5g/values?period=2026');
    expect(values.values).toContainEqual(expect.objectContaining({ unit: '01', name: 'Hà Nội', nameEn: 'Hanoi', kind: 'province' }));
  });

  it('names the lead and coordinating units of a task in both languages', async () => {
    const directive = await post('/api/directives', JSON.stringify({ number: '9/TB-VPCP', type: 'Thông báo', issuedOn: '05/01/2026', issuer: 'Văn phòng Chính phủ', title: 'Kết luận về chuyển đổi số' }));
    expect(directive.status).toBe(201);
    const task = {
      title: 'Hoàn thiện Đề án chuyển đổi số doanh nghiệp', leadUnit: 'BKHCN', coordinators: ['BTC', '01'],
      responsible: { name: 'Nguyễn Văn A', position: 'Vụ trưởng', contact: 'a@mst.gov.vn' }, deadline: 'Quý 4/2026',
      deliverable: 'Đề án', approver: 'Thủ tướng Chính phủ',
    };
    expect((await post(`/api/directives/${encodeURIComponent('9/TB-VPCP')}/tasks`, JSON.stringify([task]))).status).toBe(201);
    const { items } = await json('/api/tasks?unit=BTC&role=coordinator');
    expect(items).toHaveLength(1);
    expect(items[0].leadUnit).toEqual({ code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ', nameEn: 'Ministry of Science and Technology' });
    expect(items[0].coordinators).toEqual(expect.arrayContaining([{ code: 'BTC', name: 'Bộ Tài chính', nameEn: 'Ministry of Finance' }, HANOI]));
    const detail = await json(`/api/tasks/${items[0].id}`);
    expect(detail.leadUnit.nameEn).toBe('Ministry of Science and Technology');
  });
});

describe('the months that can be shown', () => {
  it('lists every month with scores, newest first, each once', async () => {
    const { months } = await json('/api/periods');
    // Hà Nội's yearly 5G value scores every month of 2026; the dossiers of June 2025 score that month alone.
    expect(months).toEqual(['2026-12', '2026-11', '2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-06']);
    expect(months.every((m: string) => /^\d{4}-\d{2}$/.test(m))).toBe(true);
    expect(new Set(months).size).toBe(months.length);
    expect([...months].sort().reverse()).toEqual(months);
  });

  it('starts where data starts: not at a month scored only by a figure of its year (decision 0028)', async () => {
    // Hà Nội's 5G coverage of 2024 scores every month of 2024, none of which holds a value of its own.
    expect((await post('/api/values', JSON.stringify([{ unit: '01', indicator: 'coverage_5g', period: '2024', value: 70, source: 'Sở KH&CN Hà Nội' }]))).ok).toBe(true);
    const { months } = await json('/api/periods');
    expect(months.at(-1)).toBe('2025-06');
    expect(months).not.toContain('2024-12');
  });

  it('names the running month, the day its figures reach, and the newest month that has ended', async () => {
    expect(await json('/api/periods')).toMatchObject({ current: '2026-11', dataUntil: '2026-11-15', latestComplete: '2026-10' });
  });
});
