import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitEvents, submitValues } from '../ingest/submit.ts';
import { rebuildAggregates } from '../kpi/rebuild.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { getScorecard } from './scorecard.query.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

const dossier = (id: string, unit: string, channel: string) =>
  ({ id, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel, fee: 0 } });

const provinceRow = async (code: string) => (await getScorecard(core.db, core.ctx, 'province', '2026-10')).find((r) => r.unit.code === code);

/*
 * Test catalogue, a province: Chính quyền số (weight 2) holds online_rate (w2, target 80); Xã hội số (weight 1) holds
 * people_trained (w1, target 3), coverage_5g (w1, target 90) and villages_no_power (w1, target 0, lower is better).
 */
describe('a missing value (decision 0028)', () => {
  it('scores a unit over the indicators it reported, not counting the unreported ones as 0, and keeps the coverage beside it', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a', '00004', 'online'), dossier('b', '00004', 'paper')]));
    // Online rate 50 % of a target of 80 → 62.5 %; nothing reported in Xã hội số: the index is Chính quyền số alone.
    expect(await provinceRow('01')).toMatchObject({ score: 62.5, band: 'trung_binh', coverage: 0.6667, reported: 1, expected: 4, pillars: { chinh_quyen_so: 62.5 } });
  });

  it('renormalises the weights inside a pillar over the indicators reported', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a', '00004', 'online')]));
    await submitValues(core, testActor, [{ unit: '01', indicator: 'coverage_5g', period: '2026', value: 45 }]);
    // Xã hội số: 5G coverage 45 of 90 → 50, the two unreported indicators left out (not 50 / 3); index (2 × 100 + 50) / 3.
    const row = await provinceRow('01');
    expect(row).toMatchObject({ score: 83.33, pillars: { chinh_quyen_so: 100, xa_hoi_so: 50 }, reported: 2, expected: 4 });
    expect(row?.coverage).toBeCloseTo(2 / 3 + 1 / 9, 4);
  });

  it('ranks only units with at least half their index weight reported, and counts only those as peers', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a', '00004', 'online'), dossier('b', '25747', 'paper')]));
    // Đà Nẵng reports only its 5G coverage, at target: 100 over a third of Xã hội số, a ninth of its index.
    await submitValues(core, testActor, [{ unit: '48', indicator: 'coverage_5g', period: '2026', value: 95 }]);
    expect(await provinceRow('48')).toMatchObject({ score: 100, coverage: 0.1111, rank: null, peers: 2 });
    expect(await provinceRow('01')).toMatchObject({ score: 100, rank: 1, peers: 2 });
    expect(await provinceRow('79')).toMatchObject({ score: 0, rank: 2, peers: 2 });
  });

  it('leaves a unit that reported nothing unscored and unranked, not at 0', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a', '00004', 'online')]));
    expect(await provinceRow('79')).toMatchObject({ score: null, band: null, rank: null, coverage: 0, reported: 0 });
  });

  it('rebuilds the same scores, coverage and ranks from raw data as live ingest kept', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a', '00004', 'online'), dossier('b', '25747', 'paper'), dossier('c', '20194', 'online')]));
    await submitValues(core, testActor, [
      { unit: '48', indicator: 'coverage_5g', period: '2026', value: 95 },
      { unit: '79', indicator: 'villages_no_power', period: '2026', value: 3 },
    ]);
    const snapshot = () => core.db.selectFrom('scores').selectAll().orderBy(['unit_code', 'period']).execute();
    const live = (await snapshot()).map(({ updated_at: _, ...r }) => r);
    expect(live.some((r) => r.rank === 0)).toBe(true);
    await rebuildAggregates(core, testActor);
    expect((await snapshot()).map(({ updated_at: _, ...r }) => r)).toEqual(live);
  });
});
