import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTargets } from '../indicators/manage.ts';
import { ValidationError } from '../shared/errors.ts';
import { createTestCore, testActor, testCatalogue } from '../testing/test-core.ts';
import { importValueFile, submitValues } from './submit.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeAll(async () => {
  core = await createTestCore({ catalogue: testCatalogue, now: new Date('2026-11-15T03:00:00Z') });
});
afterAll(async () => {
  await core.dispose();
});

async function refused(work: Promise<unknown>) {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => ({ line: p.line, field: p.field, reasonEn: p.reasonEn }));
}

describe('periods of reported values and targets', () => {
  it('refuses values for impossible periods, before 2020 or after the current year, and stores none of the batch', async () => {
    const values = ['2026-Q5', '2026-Q0', '2019-Q4', '1970-Q1', '2027-Q1', '2099-Q4'].map((period) => ({ unit: 'BKHCN', indicator: 'databases_done', period, value: 1 }));
    const problems = await refused(submitValues(core, testActor, [...values, { unit: 'BKHCN', indicator: 'databases_done', period: '2026-Q4', value: 1 }]));
    expect(problems.map((p) => [p.line, p.field])).toEqual(values.map((_, i) => [i + 1, 'period']));
    expect(problems[2]?.reasonEn).toBe('Period "2019-Q4" ends before 2020-01-01, outside the period the system accepts');
    expect(problems[4]?.reasonEn).toBe('Period "2027-Q1" is after the current year (2026): no figures can exist yet');
    expect(await core.db.selectFrom('reported_values').select('id').execute()).toEqual([]);
    expect((await submitValues(core, testActor, [{ unit: 'BKHCN', indicator: 'databases_done', period: '2020-Q1', value: 1 }])).accepted).toBe(1);
  });

  it('refuses a sheet whose period is outside the window, naming the row', async () => {
    const csv = Buffer.from('Mã đơn vị,Dân số\n01,8500000\n');
    expect(await refused(importValueFile(core, testActor, csv, 'dan-so.csv', { period: '2099' }))).toMatchObject([{ line: 2, field: 'Dân số', reasonEn: expect.stringContaining('after the current year') }]);
    expect((await importValueFile(core, testActor, csv, 'dan-so.csv', { period: '2026' })).accepted).toBe(1);
  });

  it('takes targets for up to ten years ahead, not before 2020 nor beyond', async () => {
    const target = (period: string) => ({ indicator: 'coverage_5g', unit: '01', period, value: 95 });
    expect(await refused(saveTargets(core, testActor, [target('2037'), target('2019'), target('2026-13')]))).toMatchObject([
      { line: 1, field: 'period', reasonEn: 'Period "2037" is too far ahead: up to 2036 only' },
      { line: 2, field: 'period', reasonEn: expect.stringContaining('before 2020-01-01') },
      { line: 3, field: 'period' },
    ]);
    expect((await saveTargets(core, testActor, [target('2036'), target('2030')])).accepted).toBe(2);
  });
});
