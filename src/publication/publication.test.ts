import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { listAudit } from '../audit/audit.query.ts';
import { verifyAudit } from '../audit/audit-log.ts';
import { addUser } from '../auth/users.ts';
import { submitEvents, submitValues } from '../ingest/submit.ts';
import { AppError } from '../shared/errors.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { correctPublished } from './correct-published.ts';
import { isPublished, latestPublished, listCorrections, listPublishedPeriods, listValueCorrections } from './publication.query.ts';
import { isPublicPeriod } from './public-periods.ts';
import { publishPeriod } from './publish-period.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
let counter = 0;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

/** Dossiers sent in October 2026 at a commune of Hà Nội (00004, 00008) or Đà Nẵng (20194): they score that month. */
async function octoberDossiers(unit: string, channels: string[]): Promise<void> {
  const events = channels.map((channel) => ({ id: `e${++counter}`, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel, fee: 0 } }));
  await submitEvents(core, testActor, ndjson(events));
}

const scoreRows = (table: 'scores' | 'published_scores', month = '2026-10') =>
  core.db.selectFrom(table).select(['unit_code', 'peer_group', 'score', 'pillars', 'band', 'rank', 'peers']).where('period', '=', month).orderBy('unit_code').execute();

/** Everything publication can write, to show that a refused request wrote nothing. */
async function publicationState() {
  return {
    periods: await core.db.selectFrom('published_periods').selectAll().orderBy('period').execute(),
    scores: await core.db.selectFrom('published_scores').selectAll().orderBy('period').orderBy('unit_code').execute(),
    corrections: await core.db.selectFrom('score_corrections').selectAll().orderBy('id').execute(),
    audit: (await core.db.selectFrom('audit_log').select('seq').execute()).length,
  };
}

const codeOf = async (work: Promise<unknown>) => {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

const user = (role: 'editor' | 'viewer' | 'steering', unit: string | null): Actor => ({ kind: 'user', id: `${role}-${unit ?? 'tw'}`, userId: 99, role, unit });

describe('publishing a month', () => {
  it('freezes its scores: later data moves the live scores, not the published ones', async () => {
    await octoberDossiers('00004', ['online', 'online']);
    const live = await scoreRows('scores');
    expect(live.length).toBeGreaterThan(0);

    const publication = await publishPeriod(core, testActor, '2026-10', 'Kỳ báo cáo tháng 10');
    expect(publication).toMatchObject({ period: '2026-10', units: live.length, publishedBy: 'test', note: 'Kỳ báo cáo tháng 10' });
    expect(await scoreRows('published_scores')).toEqual(live);

    await octoberDossiers('00004', ['paper', 'paper', 'paper']);
    expect(await scoreRows('scores')).not.toEqual(live);
    expect(await scoreRows('published_scores')).toEqual(live);
  });

  it('refuses to publish a month twice, and keeps the first publication', async () => {
    await octoberDossiers('00004', ['online']);
    await publishPeriod(core, testActor, '2026-10');
    const before = await publicationState();
    expect((await codeOf(publishPeriod(core, testActor, '2026-10', 'lần hai'))).code).toBe('CONFLICT');
    expect(await publicationState()).toEqual(before);
  });

  it('refuses a month with no scores, a running month and a malformed month, naming the period', async () => {
    await octoberDossiers('00004', ['online']);
    for (const month of ['2026-09', '2026-11', '2026-12', '10/2026', '2026-13']) {
      const error = await codeOf(publishPeriod(core, testActor, month));
      expect(error.code, month).toBe('VALIDATION_FAILED');
      expect(error.details).toMatchObject({ problems: [expect.objectContaining({ field: 'period' })] });
    }
    expect(await listPublishedPeriods(core.db, true)).toEqual([]);
  });

  it.each([['an editor', user('editor', '01')], ['a viewer', user('viewer', '01')]])('may not be done by %s, and nothing is written', async (_who, actor) => {
    await octoberDossiers('00004', ['online']);
    const before = await publicationState();
    expect((await codeOf(publishPeriod(core, actor, '2026-10'))).code).toBe('FORBIDDEN');
    expect(await publicationState()).toEqual(before);
  });

  it('may be done by the steering committee', async () => {
    await octoberDossiers('00004', ['online']);
    await publishPeriod(core, user('steering', null), '2026-10');
    expect(await isPublished(core.db, '2026-10')).toBe(true);
    expect(await latestPublished(core.db)).toBe('2026-10');
  });
});

describe('correcting a published month', () => {
  beforeEach(async () => {
    await octoberDossiers('00004', ['online', 'online']);
    await octoberDossiers('20194', ['online', 'paper']);
    await publishPeriod(core, testActor, '2026-10');
  });

  it('replaces the published scores with the live ones and keeps each old value beside the new one, with the reason', async () => {
    const published = await scoreRows('published_scores');
    await octoberDossiers('00004', ['paper', 'paper', 'paper', 'paper']);

    const { corrections, values } = await correctPublished(core, testActor, '2026-10', '  Bổ sung hồ sơ nộp muộn của xã  ');

    expect(await scoreRows('published_scores')).toEqual(await scoreRows('scores'));
    const commune = corrections.find((c) => c.unit === '00004');
    const original = published.find((r) => r.unit_code === '00004');
    expect(commune).toMatchObject({ reason: 'Bổ sung hồ sơ nộp muộn của xã', correctedBy: 'test', before: { score: original?.score, band: original?.band, rank: original?.rank } });
    expect(commune?.after?.score).toBeLessThan(original?.score ?? 0);
    expect(await listCorrections(core.db, '2026-10', true)).toEqual(corrections);
    // Đà Nẵng's commune did not move, so it is not corrected.
    expect(corrections.map((c) => c.unit)).not.toContain('20194');
    expect(await listPublishedPeriods(core.db, true)).toEqual([expect.objectContaining({ period: '2026-10', corrections: corrections.length + values.length })]);
  });

  it('corrects only the rankings of the units named', async () => {
    await octoberDossiers('00004', ['paper', 'paper', 'paper', 'paper']);
    const { corrections, values } = await correctPublished(core, testActor, '2026-10', 'Đính chính xã 00004', { units: ['00004'] });
    expect(corrections.map((c) => c.unit)).toEqual(['00004']);
    // The values corrected are those of the same units: Hà Nội's and the Nation's totals stay as published.
    expect([...new Set(values.map((v) => v.unit))]).toEqual(['00004']);
    // Hà Nội's own score moved too, but the provinces' ranking was not asked for: it stays as published.
    const province = (rows: { unit_code: string; score: number }[]) => rows.find((r) => r.unit_code === '01')?.score;
    expect(province(await scoreRows('published_scores'))).not.toBe(province(await scoreRows('scores')));
  });

  it('records a unit that has gained a score since publication', async () => {
    await octoberDossiers('00008', ['online']);
    const { corrections } = await correctPublished(core, testActor, '2026-10', 'Xã 00008 gửi số liệu muộn');
    expect(corrections.find((c) => c.unit === '00008')).toMatchObject({ before: null, after: expect.objectContaining({ rank: expect.any(Number) }) });
  });

  it('refuses a correction without a reason, naming the field, and writes nothing', async () => {
    await octoberDossiers('00004', ['paper']);
    const before = await publicationState();
    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      const error = await codeOf(correctPublished(core, testActor, '2026-10', reason));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toMatchObject({ problems: [expect.objectContaining({ field: 'reason' })] });
    }
    expect(await publicationState()).toEqual(before);
  });

  it('refuses a correction that would change nothing, of an unpublished month, or by an editor', async () => {
    let before = await publicationState();
    expect((await codeOf(correctPublished(core, testActor, '2026-10', 'Không có gì thay đổi'))).code).toBe('CONFLICT');
    expect((await codeOf(correctPublished(core, testActor, '2026-09', 'Kỳ chưa công bố'))).code).toBe('NOT_FOUND');
    expect(await publicationState()).toEqual(before);
    await octoberDossiers('00004', ['paper']);
    before = await publicationState();
    expect((await codeOf(correctPublished(core, user('editor', '01'), '2026-10', 'Tự sửa điểm'))).code).toBe('FORBIDDEN');
    expect((await codeOf(correctPublished(core, testActor, '2026-10', 'Đơn vị lạ', { units: ['khong-co'] }))).code).toBe('VALIDATION_FAILED');
    expect(await publicationState()).toEqual(before);
  });

  it('leaves both the publication and the correction in the audit trail', async () => {
    await octoberDossiers('00004', ['paper', 'paper']);
    const { corrections } = await correctPublished(core, testActor, '2026-10', 'Bổ sung hồ sơ');

    const [publish] = await listAudit(core.db, { action: 'periods.publish' });
    expect(publish).toMatchObject({ actor: 'test', target: 'period:2026-10', after: { period: '2026-10', units: expect.any(Number), note: null } });
    const [correction] = await listAudit(core.db, { action: 'periods.correct' });
    expect(correction).toMatchObject({ target: 'period:2026-10', after: { reason: 'Bổ sung hồ sơ' } });
    expect(correction?.units).toEqual(corrections.map((c) => c.unit).sort());
    expect((correction?.before as { scores: Record<string, unknown> }).scores['00004']).toEqual(corrections.find((c) => c.unit === '00004')?.before);
    expect((await verifyAudit(core.db)).ok).toBe(true);
  });
});

describe('which KPI periods the public may see', () => {
  const published = new Set(['2025-12', '2026-09', '2026-10']);

  it('shows a month and its days once the month is published', () => {
    expect(isPublicPeriod('2026-10', published)).toBe(true);
    expect(isPublicPeriod('2026-10-07', published)).toBe(true);
    expect(isPublicPeriod('2026-08', published)).toBe(false);
    expect(isPublicPeriod('2026-11-02', published)).toBe(false);
  });

  it('shows a quarter or a year once one of its months is published, whatever months ended since', () => {
    expect(isPublicPeriod('2026', published)).toBe(true);
    expect(isPublicPeriod('2026-Q4', published)).toBe(true);
    expect(isPublicPeriod('2026-Q3', published)).toBe(true);
    expect(isPublicPeriod('2026-Q2', published)).toBe(false);
    expect(isPublicPeriod('2025', published)).toBe(true);
    expect(isPublicPeriod('2025-Q3', published)).toBe(false);
    expect(isPublicPeriod('2027', published)).toBe(false);
  });

  it('shows an ended year and its quarters once a later month is published, when no month of that year was (decision 0028)', () => {
    const onlyThisYear = new Set(['2026-09', '2026-10']);
    expect(isPublicPeriod('2025', onlyThisYear)).toBe(true);
    expect(isPublicPeriod('2025-Q3', onlyThisYear)).toBe(true);
    expect(isPublicPeriod('2024', onlyThisYear)).toBe(true);
    expect(isPublicPeriod('2025-08', onlyThisYear)).toBe(false);
    expect(isPublicPeriod('2026-Q2', onlyThisYear)).toBe(false);
    expect(isPublicPeriod('2027', onlyThisYear)).toBe(false);
  });
});

describe('publishing KPI values', () => {
  const reportAs = async (actor: Actor, unit: string, indicator: string, period: string, value: number) =>
    submitValues(core, actor, [{ unit, indicator, period, value, source: `Báo cáo ${unit}`, evidence: `Công văn ${value}` }]);
  const published = (indicator: string, unit: string, period: string) =>
    core.db.selectFrom('published_kpi_values').selectAll().where('indicator_code', '=', indicator).where('unit_code', '=', unit).where('period', '=', period).execute();
  const dossiersIn = async (month: string) => {
    const events = [{ id: `e${++counter}`, type: 'dossier.submitted', unit: '00004', time: `${month}-05T09:00:00+07:00`, attributes: { channel: 'online', fee: 0 } }];
    await submitEvents(core, testActor, ndjson(events));
  };
  let editor: Actor;

  beforeEach(async () => {
    const { user: account } = await addUser(core, testActor, { username: 'canbo.hanoi', role: 'editor', unit: '01', password: 'mat-khau-thu-nghiem-2026' });
    editor = { kind: 'user', id: account.username, userId: account.id, role: 'editor', unit: '01' };
  });

  it('freezes them with the scores: values written after publication, by an administrator or a province editor, change the live tables only', async () => {
    await octoberDossiers('00004', ['online']);
    await reportAs(testActor, '01', 'coverage_5g', '2026', 95);
    await reportAs(editor, '00004', 'coverage_5g', '2026', 88);
    const publication = await publishPeriod(core, testActor, '2026-10');
    expect(publication.values).toBeGreaterThan(0);
    const [commune] = await published('coverage_5g', '00004', '2026');
    // The reporting unit is kept (the editor's province), not the account.
    expect(commune).toMatchObject({ value: 88, origin: 'reported', publication: '2026-10', report_value: 88, report_source: 'Báo cáo 00004', report_evidence: 'Công văn 88', reporter_unit: '01' });
    expect(JSON.stringify(commune)).not.toContain('canbo.hanoi');
    const before = await core.db.selectFrom('published_kpi_values').selectAll().orderBy('period').orderBy('indicator_code').orderBy('unit_code').execute();

    await reportAs(testActor, '01', 'coverage_5g', '2026', 61);
    await reportAs(editor, '00004', 'coverage_5g', '2026', 47);
    await octoberDossiers('00004', ['paper', 'paper']);
    const live = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', 'coverage_5g').where('unit_code', '=', '00004').where('period', '=', '2026').executeTakeFirst();
    expect(live?.value).toBe(47);
    expect(await core.db.selectFrom('published_kpi_values').selectAll().orderBy('period').orderBy('indicator_code').orderBy('unit_code').execute()).toEqual(before);
  });

  it('keeps one row a value: a year is replaced only when a later month of it is published, and says by which', async () => {
    for (const month of ['2026-07', '2026-08', '2026-09']) await dossiersIn(month);
    await reportAs(testActor, '01', 'coverage_5g', '2026', 80);
    await publishPeriod(core, testActor, '2026-08');
    expect(await published('coverage_5g', '01', '2026')).toEqual([expect.objectContaining({ value: 80, publication: '2026-08' })]);

    await reportAs(testActor, '01', 'coverage_5g', '2026', 85);
    await publishPeriod(core, testActor, '2026-09');
    expect(await published('coverage_5g', '01', '2026')).toEqual([expect.objectContaining({ value: 85, publication: '2026-09' })]);

    // July is published late: the year stays as September's publication showed it.
    await reportAs(testActor, '01', 'coverage_5g', '2026', 99);
    await publishPeriod(core, testActor, '2026-07');
    expect(await published('coverage_5g', '01', '2026')).toEqual([expect.objectContaining({ value: 85, publication: '2026-09' })]);
  });

  it('publishes the values of earlier years with the latest month published, when no month of theirs was (decision 0028)', async () => {
    await dossiersIn('2026-09');
    await octoberDossiers('00004', ['online']);
    await reportAs(testActor, 'VN', 'coverage_5g', '2025', 59);
    await reportAs(testActor, 'VN', 'coverage_5g', '2024', 41);
    await reportAs(testActor, 'VN', 'databases_done', '2025-Q4', 3);
    await publishPeriod(core, testActor, '2026-09');
    expect(await published('coverage_5g', 'VN', '2025')).toEqual([expect.objectContaining({ value: 59, publication: '2026-09', report_source: 'Báo cáo VN' })]);
    expect(await published('coverage_5g', 'VN', '2024')).toEqual([expect.objectContaining({ value: 41, publication: '2026-09' })]);
    expect(await published('databases_done', 'VN', '2025-Q4')).toEqual([expect.objectContaining({ value: 3 })]);
    await reportAs(testActor, 'VN', 'coverage_5g', '2025', 60);
    await publishPeriod(core, testActor, '2026-10');
    expect(await published('coverage_5g', 'VN', '2025')).toEqual([expect.objectContaining({ value: 60, publication: '2026-10' })]);
  });

  it('corrects a changed value through the month that published it, keeping the old and new value with the reason', async () => {
    await dossiersIn('2026-09');
    await octoberDossiers('00004', ['online']);
    await reportAs(testActor, '01', 'coverage_5g', '2026', 80);
    await publishPeriod(core, testActor, '2026-09');
    await publishPeriod(core, testActor, '2026-10');
    await reportAs(editor, '01', 'coverage_5g', '2026', 90);

    // The year was last published with October: correcting September corrects its scores, not the year's values.
    const september = await correctPublished(core, testActor, '2026-09', 'Điểm tháng 9 theo độ phủ 5G mới');
    expect(september.corrections.length).toBeGreaterThan(0);
    expect(september.values.filter((v) => v.period === '2026')).toEqual([]);
    expect(await published('coverage_5g', '01', '2026')).toEqual([expect.objectContaining({ value: 80, publication: '2026-10' })]);

    const { values } = await correctPublished(core, testActor, '2026-10', 'Hà Nội báo cáo lại độ phủ 5G');
    const change = values.find((v) => v.indicator === 'coverage_5g' && v.unit === '01');
    expect(change).toMatchObject({
      publication: '2026-10', period: '2026', reason: 'Hà Nội báo cáo lại độ phủ 5G', correctedBy: 'test',
      before: { value: 80, origin: 'reported', report: { value: 80, unit: '01' } }, after: { value: 90, report: { value: 90, unit: '01' } },
    });
    expect(await published('coverage_5g', '01', '2026')).toEqual([expect.objectContaining({ value: 90, publication: '2026-10' })]);
    expect(await listValueCorrections(core.db, '2026-10', true)).toEqual(values);
    expect((await listValueCorrections(core.db, '2026-10', false))[0]?.correctedBy).toBeNull();
  });
});
