import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTargets } from '../indicators/manage.ts';
import { ValidationError } from '../shared/errors.ts';
import { startTestApp, testActor, type TestApp } from '../testing/test-core.ts';
import { importValueFile, submitValues } from './submit.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.dispose());

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as ValidationError);
const storedCount = async () => (await app.core.db.selectFrom('reported_values').select('id').execute()).length;

describe('reported values outside their indicator\'s range', () => {
  it('refuse the whole batch, naming each line, the field and the allowed range', async () => {
    const before = await storedCount();
    const error = await refusal(submitValues(app.core, testActor, [
      { unit: '01', indicator: 'data_quality_score', period: '2026-10', value: 88 },
      { unit: '79', indicator: 'data_quality_score', period: '2026-10', value: 1234.5 },
      { unit: '48', indicator: 'data_quality_score', period: '2026-10', value: -1e15 },
      { unit: '01', indicator: 'coverage_5g_pct', period: '2026-Q3', value: 150 },
      { unit: '79', indicator: 'coverage_5g_pct', period: '2026-Q3', value: -20 },
      { unit: '01', indicator: 'villages_without_power', period: '2026-10', value: -7 },
      { unit: '79', indicator: 'hospitals_total', period: '2026-Q3', value: 1.5 },
    ]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.problems.map((p) => [p.line, p.field, p.value, p.reasonEn])).toEqual([
      [2, 'value', 1234.5, 'Value 1234.5 of indicator "data_quality_score" is outside the allowed range 0 to 100'],
      [3, 'value', -1e15, 'Value -1000000000000000 of indicator "data_quality_score" is outside the allowed range 0 to 100'],
      [4, 'value', 150, 'Value 150 of indicator "coverage_5g_pct" is outside the allowed range 0 to 100'],
      [5, 'value', -20, 'Value -20 of indicator "coverage_5g_pct" is outside the allowed range 0 to 100'],
      [6, 'value', -7, 'Value -7 of indicator "villages_without_power" is outside the allowed range 0 or more, whole numbers'],
      [7, 'value', 1.5, 'Indicator "hospitals_total" takes whole numbers only, not 1.5'],
    ]);
    expect(error?.problems[2]?.reason).toBe('Giá trị 150 của chỉ tiêu "coverage_5g_pct" nằm ngoài khoảng cho phép từ 0 đến 100');
    expect(await storedCount()).toBe(before);
  });

  it('take the bounds themselves', async () => {
    const result = await submitValues(app.core, testActor, [
      { unit: '01', indicator: 'coverage_5g_pct', period: '2026-Q3', value: 100 },
      { unit: '79', indicator: 'coverage_5g_pct', period: '2026-Q3', value: 0 },
      { unit: 'VN', indicator: 'egdi_rank', period: '2025', value: 1 },
    ]);
    expect(result.accepted).toBe(3);
  });

  it('refuse a spreadsheet with such a cell, naming its row, and store none of it', async () => {
    const before = await storedCount();
    const csv = Buffer.from('Mã đơn vị;Tỷ lệ dân số được phủ sóng 5G\n01;87,5\n79;150\n');
    const error = await refusal(importValueFile(app.core, testActor, csv, 'phu-song.csv', { period: 'Quý III/2026' }));
    expect(error?.problems).toEqual([expect.objectContaining({ line: 3, column: 'B', field: 'Tỷ lệ dân số được phủ sóng 5G', value: 150, reasonEn: expect.stringMatching(/coverage_5g_pct" is outside the allowed range 0 to 100/) })]);
    expect(await storedCount()).toBe(before);
  });

  it('over HTTP: 400 in the error shape, and a target of 150 % refused the same way', async () => {
    const values = await app.admin.fetch('/api/values', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ unit: '01', indicator: 'coverage_5g_pct', period: '2026-Q3', value: 150 }]),
    });
    expect(values.status).toBe(400);
    expect(((await values.json()) as { error: { details: { problems: unknown[] } } }).error.details.problems).toEqual([expect.objectContaining({ line: 1, field: 'value', value: 150 })]);
    const targets = await app.admin.fetch('/api/targets', {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ indicator: 'online_dossier_rate', unit: '01', period: '2026', value: 80 }, { indicator: 'coverage_5g_pct', unit: '01', period: '2026', value: 150 }]),
    });
    expect(targets.status).toBe(400);
    expect(((await targets.json()) as { error: { details: { problems: unknown[] } } }).error.details.problems).toEqual([
      expect.objectContaining({ line: 2, field: 'value', value: 150, reasonEn: 'Target 150 is outside the valid range 0 to 100' }),
    ]);
    expect(await app.core.db.selectFrom('targets').select('value').where('unit_code', '=', '01').execute()).toEqual([]);
  });

  it('refuse a target below the range as well', async () => {
    const error = await refusal(saveTargets(app.core, testActor, [{ indicator: 'villages_without_power', unit: '01', period: '2026', value: -3 }]));
    expect(error?.problems).toEqual([expect.objectContaining({ line: 1, field: 'value', reasonEn: 'Target -3 is outside the valid range 0 or more, whole numbers' })]);
  });

  it('leave a formula value that ends outside its range as computed, never clamped', async () => {
    await submitValues(app.core, testActor, [
      { unit: '01', indicator: 'hospitals_total', period: '2026-Q2', value: 100 },
      { unit: '01', indicator: 'hospitals_emr', period: '2026-Q2', value: 120 },
    ]);
    const rate = await app.core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', 'hospitals_emr_rate')
      .where('unit_code', '=', '01').where('period', '=', '2026-Q2').executeTakeFirstOrThrow();
    expect(rate.value).toBe(120);
  });
});
