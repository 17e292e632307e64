import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { listAudit } from '../audit/audit.query.ts';
import { verifyAudit } from '../audit/audit-log.ts';
import { submitEvents } from '../ingest/submit.ts';
import { AppError } from '../shared/errors.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { correctPublished } from './correct-published.ts';
import { isPublished, latestPublished, listCorrections, listPublishedPeriods } from './publication.query.ts';
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
    expect(await listPublishedPeriods(core.db)).toEqual([]);
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

    const { corrections } = await correctPublished(core, testActor, '2026-10', '  Bổ sung hồ sơ nộp muộn của xã  ');

    expect(await scoreRows('published_scores')).toEqual(await scoreRows('scores'));
    const commune = corrections.find((c) => c.unit === '00004');
    const original = published.find((r) => r.unit_code === '00004');
    expect(commune).toMatchObject({ reason: 'Bổ sung hồ sơ nộp muộn của xã', correctedBy: 'test', before: { score: original?.score, band: original?.band, rank: original?.rank } });
    expect(commune?.after?.score).toBeLessThan(original?.score ?? 0);
    expect(await listCorrections(core.db, '2026-10')).toEqual(corrections);
    // Đà Nẵng's commune did not move, so it is not corrected.
    expect(corrections.map((c) => c.unit)).not.toContain('20194');
    expect(await listPublishedPeriods(core.db)).toEqual([expect.objectContaining({ period: '2026-10', corrections: corrections.length })]);
  });

  it('corrects only the rankings of the units named', async () => {
    await octoberDossiers('00004', ['paper', 'paper', 'paper', 'paper']);
    const { corrections } = await correctPublished(core, testActor, '2026-10', 'Đính chính xã 00004', { units: ['00004'] });
    expect(corrections.map((c) => c.unit)).toEqual(['00004']);
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
  const now = new Date('2026-11-15T03:00:00Z');
  const published = new Set(['2025-12', '2026-09', '2026-10']);

  it('shows a month once it is published, never the running month', () => {
    expect(isPublicPeriod('2026-10', published, now)).toBe(true);
    expect(isPublicPeriod('2026-08', published, now)).toBe(false);
    expect(isPublicPeriod('2026-11', new Set([...published, '2026-11']), now)).toBe(false);
    expect(isPublicPeriod('2026-10-07', published, now)).toBe(true);
  });

  it('shows a quarter or a year when the last of its months that has ended is published', () => {
    expect(isPublicPeriod('2026', published, now)).toBe(true);
    expect(isPublicPeriod('2026-Q4', published, now)).toBe(true);
    expect(isPublicPeriod('2026-Q3', published, now)).toBe(true);
    expect(isPublicPeriod('2026-Q2', published, now)).toBe(false);
    expect(isPublicPeriod('2025', published, now)).toBe(true);
    expect(isPublicPeriod('2027', published, now)).toBe(false);
  });
});
