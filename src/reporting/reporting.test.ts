import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../testing/db-fingerprint.ts';
import { startTestApp, type TestApp } from '../testing/test-core.ts';
import { addTestUser, signIn, type Client } from '../testing/test-client.ts';
import { publicCaller } from '../testing/http-callers.ts';
import type { ReportDue } from './report-due.query.ts';
import type { ReportingCompleteness } from './completeness.query.ts';

/** Reporting through the API as a commune officer would: what is owed, by when, the template, a dry run, evidence. */

let app: TestApp;
/** An editor of Phường Ba Đình (00004, in Hà Nội 01). */
let baDinh: Client;
/** An editor of Hà Nội. */
let haNoi: Client;
const OTHER_COMMUNE = '00008';

beforeAll(async () => {
  app = await startTestApp();
  await addTestUser(app.core, 'canbo.badinh', 'editor', '00004');
  await addTestUser(app.core, 'canbo.hanoi', 'editor', '01');
  baDinh = await signIn(app.url, 'canbo.badinh');
  haNoi = await signIn(app.url, 'canbo.hanoi');
});
afterAll(async () => app?.dispose());

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const xlsxForm = (data: Buffer, name = 'bao-cao.xlsx') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  return { method: 'POST', body: form } satisfies RequestInit;
};

async function due(caller: Client, query: string): Promise<ReportDue> {
  const res = await caller.fetch(`/api/reporting/due?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ReportDue;
}

describe('what a unit must report for a month', () => {
  it('lists each reported indicator of the unit’s kind for the period holding the month, due on the 5th of the month after it', async () => {
    const answer = await due(baDinh, 'period=2026-11');
    expect(answer.unit).toMatchObject({ code: '00004', kind: 'commune' });
    const codes = answer.items.map((i) => i.indicator);
    expect(codes).toEqual(expect.arrayContaining(['population', 'households_total', 'households_guided', 'infra_systems_total']));
    expect(codes).not.toContain('digital_signature_certs');
    expect(codes).not.toContain('tasks_due');
    expect(answer.items.find((i) => i.indicator === 'households_guided')).toMatchObject({
      period: '2026-Q4', periodLabel: 'Quý 4/2026', measure: 'hộ', deadline: '2027-01-05', status: 'due', daysLeft: 51, report: null,
    });
    expect(answer.items.find((i) => i.indicator === 'population')).toMatchObject({ period: '2026', deadline: '2027-01-05', valid: { min: 0, integer: true } });
  });

  it('gives the previous period’s value and the target, and marks a period past its deadline as overdue until it is reported', async () => {
    expect((await haNoi.fetch('/api/values', json([{ unit: '01', indicator: 'digital_signature_certs', period: '2026-09', value: 1234 }]))).status).toBe(201);
    const before = await due(haNoi, 'unit=01&period=2026-10');
    const certs = before.items.find((i) => i.indicator === 'digital_signature_certs');
    expect(certs).toMatchObject({ period: '2026-10', deadline: '2026-11-05', daysLeft: -10, status: 'overdue', previous: { period: '2026-09', value: 1234 } });
    expect(before.items.find((i) => i.indicator === 'coverage_5g_pct')).toMatchObject({ target: 90, measure: '%' });

    expect((await haNoi.fetch('/api/values', json([{ unit: '01', indicator: 'digital_signature_certs', period: '2026-10', value: 1300, source: 'Sở KH&CN' }]))).status).toBe(201);
    const after = await due(haNoi, 'unit=01&period=2026-10');
    expect(after.items.find((i) => i.indicator === 'digital_signature_certs')).toMatchObject({ status: 'reported', report: { value: 1300, source: 'Sở KH&CN', by: 'canbo.hanoi' } });
    expect(after.reported).toBe(before.reported + 1);
  });

  it('is read by accounts only', async () => {
    const res = await publicCaller(app.url).fetch('/api/reporting/due?unit=00004&period=2026-11');
    expect(res.status).toBe(401);
    expect((await publicCaller(app.url).fetch('/api/reporting/completeness?period=2026-11')).status).toBe(401);
  });

  it('names a unit that does not exist with 404 and a month that is not one with 400', async () => {
    expect((await baDinh.fetch('/api/reporting/due?unit=99999&period=2026-11')).status).toBe(404);
    expect((await baDinh.fetch('/api/reporting/due?period=2026-13x')).status).toBe(400);
  });
});

describe('reporting completeness', () => {
  it('counts, per province and nationally, the values owed and reported and the units that reported them all', async () => {
    const month = '2025-11';
    const empty = (await (await baDinh.fetch(`/api/reporting/completeness?period=${month}`)).json()) as ReportingCompleteness;
    const hanoi = empty.provinces.find((p) => p.unit.code === '01');
    expect(hanoi?.communes.reported).toBe(0);
    const owed = (await due(baDinh, `period=${month}`)).items;
    const values = owed.map((i) => ({ unit: '00004', indicator: i.indicator, period: i.period, value: 10 }));
    expect((await baDinh.fetch('/api/values', json(values))).status).toBe(201);

    const after = (await (await baDinh.fetch(`/api/reporting/completeness?period=${month}`)).json()) as ReportingCompleteness;
    const hanoiAfter = after.provinces.find((p) => p.unit.code === '01');
    expect(hanoiAfter?.communes).toMatchObject({ reported: owed.length, unitsComplete: 1, units: hanoi?.communes.units, expected: hanoi?.communes.expected });
    expect(after.national.reported - empty.national.reported).toBe(owed.length);
    expect(after.national.unitsComplete - empty.national.unitsComplete).toBe(1);
    expect(after.provinces.find((p) => p.unit.code === '79')?.communes.reported).toBe(0);
  });
});

async function problemsOf(res: Response): Promise<unknown[]> {
  return ((await res.json()) as { error: { details: { problems: unknown[] } } }).error.details.problems;
}

async function filledTemplate(caller: Client, query: string, fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const res = await caller.fetch(`/api/reporting/template.xlsx?${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Báo cáo');
  if (!sheet) throw new Error('no sheet "Báo cáo"');
  fill(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The column whose first header row starts with the indicator's name. */
function columnOf(sheet: ExcelJS.Worksheet, name: string): number {
  const row = sheet.getRow(3);
  for (let c = 1; c <= row.cellCount; c++) if (String(row.getCell(c).value ?? '').startsWith(`${name} (`)) return c;
  throw new Error(`no column for ${name}`);
}

describe('the office’s template', () => {
  it('round-trips: a unit’s template, filled in, imports back every value for the periods it names', async () => {
    const data = await filledTemplate(baDinh, 'unit=00004&period=2026-10', (sheet) => {
      expect(sheet.getCell(5, 1).value).toBe('00004');
      sheet.getCell(5, columnOf(sheet, 'Dân số')).value = '25.432';
      sheet.getCell(5, columnOf(sheet, 'Hộ gia đình được tổ công nghệ số cộng đồng hướng dẫn (luỹ kế năm)')).value = 1200;
    });
    const res = await baDinh.fetch('/api/values/import', xlsxForm(data));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ accepted: 2 });
    const answer = await due(baDinh, 'period=2026-10');
    expect(answer.items.find((i) => i.indicator === 'population')).toMatchObject({ status: 'reported', report: { value: 25432 } });
    expect(answer.items.find((i) => i.indicator === 'households_guided')).toMatchObject({ period: '2026-Q4', report: { value: 1200 } });
  });

  it('round-trips a province’s template for its communes, one row per commune', async () => {
    const data = await filledTemplate(haNoi, 'unit=01&period=2026-10&rows=communes', (sheet) => {
      const rows = sheet.getRows(5, sheet.rowCount - 4) ?? [];
      expect(rows.length).toBeGreaterThan(100);
      const column = columnOf(sheet, 'Hộ gia đình');
      rows.slice(0, 3).forEach((row, i) => { row.getCell(column).value = 1000 + i; });
    });
    const preview = await haNoi.fetch('/api/values/import?dryRun=true', xlsxForm(data));
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as { values: { unit: string; line: number; column: string; value: number; period: string }[]; units: number };
    expect(body.units).toBe(3);
    expect(body.values.map((v) => [v.line, v.value, v.period])).toEqual([[5, 1000, '2026'], [6, 1001, '2026'], [7, 1002, '2026']]);
  });
});

describe('an import’s dry run', () => {
  it('writes nothing and audits nothing, and answers with every value it would write and its cell', async () => {
    const data = await filledTemplate(baDinh, 'unit=00004&period=2025-10', (sheet) => {
      sheet.getCell(5, columnOf(sheet, 'Dân số')).value = '25.432';
      sheet.getCell(5, columnOf(sheet, 'Hệ thống, thiết bị hạ tầng số cấp xã đã đầu tư')).value = '12';
    });
    const before = await fingerprint(app.core.db);
    const res = await baDinh.fetch('/api/values/import?dryRun=true', xlsxForm(data));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { values: unknown[] };
    expect(body).toMatchObject({ dryRun: true, units: 1, indicators: 2, periods: ['2025', '2025-Q4'] });
    expect(body.values).toContainEqual(expect.objectContaining({
      sheet: 'Báo cáo', line: 5, unit: '00004', unitName: 'Ba Đình', indicator: 'population', indicatorName: 'Dân số', period: '2025', periodLabel: 'Năm 2025', value: 25432,
    }));
    expect(await fingerprint(app.core.db)).toEqual(before);
  });

  it('names every problem by sheet, row and column, as the import does, and writes nothing', async () => {
    let column = '';
    const data = await filledTemplate(baDinh, 'unit=00004&period=2025-10', (sheet) => {
      const cell = sheet.getCell(5, columnOf(sheet, 'Dân số'));
      cell.value = 'khoảng 25 nghìn';
      column = cell.address.replace(/\d+$/, '');
    });
    const before = await fingerprint(app.core.db);
    const dry = await baDinh.fetch('/api/values/import?dryRun=true', xlsxForm(data));
    const real = await baDinh.fetch('/api/values/import', xlsxForm(data));
    expect(dry.status).toBe(400);
    const problems = await problemsOf(dry);
    expect(problems).toEqual(await problemsOf(real));
    expect(problems).toContainEqual(expect.objectContaining({ sheet: 'Báo cáo', line: 5, column, field: 'Dân số (người) / Năm 2025', value: 'khoảng 25 nghìn' }));
    expect(await fingerprint(app.core.db)).toEqual(before);
  });
});

describe('an editor’s scope', () => {
  it('cannot report, preview an import or attach evidence for a unit outside its scope', async () => {
    const before = await fingerprint(app.core.db);
    const sent = await baDinh.fetch('/api/values', json([{ unit: OTHER_COMMUNE, indicator: 'population', period: '2026', value: 100 }]));
    expect(sent.status).toBe(403);
    const data = await filledTemplate(baDinh, `unit=${OTHER_COMMUNE}&period=2026-10`, (sheet) => {
      sheet.getCell(5, columnOf(sheet, 'Dân số')).value = 100;
    });
    expect((await baDinh.fetch('/api/values/import?dryRun=true', xlsxForm(data))).status).toBe(403);
    expect((await baDinh.fetch(`/api/values/evidence?unit=${OTHER_COMMUNE}`, xlsxForm(Buffer.from('biên bản'), 'bien-ban.txt'))).status).toBe(403);
    expect(await fingerprint(app.core.db)).toEqual(before);
  });
});

describe('evidence for reported values', () => {
  it('stores a file for the editor’s unit, which a value then names and an account reads back', async () => {
    const res = await baDinh.fetch('/api/values/evidence?unit=00004', xlsxForm(Buffer.from('Biên bản kiểm tra số liệu'), 'bien-ban.txt'));
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { url: string; hash: string };
    expect(stored.url).toBe(`/api/evidence/${stored.hash}`);
    const sent = await baDinh.fetch('/api/values', json([{ unit: '00004', indicator: 'households_total', period: '2024', value: 5000, evidence: stored.url }]));
    expect(sent.status).toBe(201);
    const answer = await due(baDinh, 'period=2024-06');
    expect(answer.items.find((i) => i.indicator === 'households_total')?.report?.evidence).toBe(stored.url);
    const file = await haNoi.fetch(stored.url);
    expect(await file.text()).toBe('Biên bản kiểm tra số liệu');
  });

  it('refuses a program as evidence', async () => {
    const res = await baDinh.fetch('/api/values/evidence?unit=00004', xlsxForm(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'x.sh'));
    expect(res.status).toBe(400);
  });
});
