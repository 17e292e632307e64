import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitEvents, submitValues } from '../ingest/submit.ts';
import { saveTargets } from '../indicators/manage.ts';
import { getScorecard } from '../scoring/scorecard.query.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { rebuildAggregates } from './rebuild.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

async function value(indicator: string, unit: string, period: string): Promise<number | null | undefined> {
  const row = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', indicator).where('unit_code', '=', unit).where('period', '=', period).executeTakeFirst();
  return row?.value;
}

const dossier = (id: string, unit: string, channel: string, fee = 0, time = '2026-10-05T09:00:00+07:00') =>
  ({ id, type: 'dossier.submitted', unit, time, attributes: { channel, fee } });

describe('live KPI aggregation', () => {
  it('counts events at the commune, its province and the Nation in the same write', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a1', '00004', 'online', 10_000), dossier('a2', '00004', 'paper'), dossier('a3', '00008', 'online', 5_000)]));
    expect(await value('dossiers_total', '00004', '2026-10')).toBe(2);
    expect(await value('dossiers_total', '01', '2026-10')).toBe(3);
    expect(await value('dossiers_total', 'VN', '2026-10')).toBe(3);
    expect(await value('fees_vnd', 'VN', '2026-10')).toBe(15_000);
  });

  it('rolls a ratio up as the ratio of sums, never the mean of ratios', async () => {
    const events = [dossier('b1', '00004', 'online')];
    for (let i = 0; i < 9; i++) events.push(dossier(`b-paper-${i}`, '00008', 'paper'));
    await submitEvents(core, testActor, ndjson(events));
    expect(await value('online_rate', '00004', '2026-10')).toBe(100);
    expect(await value('online_rate', '00008', '2026-10')).toBe(0);
    // Mean of ratios would say 50; one online dossier of ten is 10 %.
    expect(await value('online_rate', '01', '2026-10')).toBe(10);
  });

  it('places events in the month of their time in Vietnam, not UTC', async () => {
    await submitEvents(core, testActor, ndjson([dossier('c1', '00004', 'online', 0, '2026-09-30T18:30:00Z')]));
    expect(await value('dossiers_total', '00004', '2026-10')).toBe(1);
    expect(await value('dossiers_total', '00004', '2026-09')).toBeUndefined();
  });

  it('counts each person once for a distinct-count indicator, across batches', async () => {
    const training = (id: string, person: string) => ({ id, type: 'training.completed', unit: '00004', time: '2026-10-02T08:00:00+07:00', attributes: { person } });
    await submitEvents(core, testActor, ndjson([training('t1', 'p1'), training('t2', 'p2'), training('t3', 'p1')]));
    await submitEvents(core, testActor, ndjson([training('t4', 'p2'), training('t5', 'p3')]));
    expect(await value('people_trained', '00004', '2026-10')).toBe(3);
    expect(await value('people_trained', 'VN', '2026-10')).toBe(3);
  });

  it('changes nothing when a batch is sent again', async () => {
    const batch = ndjson([dossier('d1', '00004', 'online', 7), dossier('d2', '00025', 'paper', 3)]);
    await submitEvents(core, testActor, batch);
    const before = await core.db.selectFrom('kpi_values').select(['indicator_code', 'unit_code', 'period', 'value', 'updated_at']).orderBy(['indicator_code', 'unit_code', 'period']).execute();
    const again = await submitEvents(core, testActor, batch);
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(2);
    const after = await core.db.selectFrom('kpi_values').select(['indicator_code', 'unit_code', 'period', 'value', 'updated_at']).orderBy(['indicator_code', 'unit_code', 'period']).execute();
    expect(after).toEqual(before);
  });

  it('counts only the new events of a batch that resends some, sums and distinct keys included', async () => {
    const training = (id: string, person: string) => ({ id, type: 'training.completed', unit: '00004', time: '2026-10-02T08:00:00+07:00', attributes: { person } });
    await submitEvents(core, testActor, ndjson([dossier('r1', '00004', 'online', 100), dossier('r2', '00004', 'paper'), training('t1', 'p1')]));
    const mixed = await submitEvents(core, testActor, ndjson([
      dossier('r1', '00004', 'online', 100), dossier('r3', '00004', 'online', 20), training('t1', 'p1'), training('t2', 'p2'),
    ]));
    expect([mixed.accepted, mixed.duplicates]).toEqual([2, 2]);
    expect(await value('dossiers_total', '00004', '2026-10')).toBe(3);
    expect(await value('dossiers_online', '01', '2026-10')).toBe(2);
    expect(await value('fees_vnd', 'VN', '2026-10')).toBe(120);
    expect(await value('people_trained', '00004', '2026-10')).toBe(2);
  });

  it('stores only the new events of a batch of hundreds whose resent ones are scattered through it', async () => {
    // Events are written many rows to a statement: resent ones fall inside full runs and in the rows left over.
    const resent = [0, 3, 63, 64, 65, 127, 200, 255, 256, 299];
    const all = Array.from({ length: 300 }, (_, i) => dossier(`big-${String(i).padStart(3, '0')}`, i % 2 ? '00004' : '00008', 'online', i));
    await submitEvents(core, testActor, ndjson(all.filter((_, i) => resent.includes(i))));
    const result = await submitEvents(core, testActor, ndjson(all));
    expect([result.accepted, result.duplicates]).toEqual([290, 10]);
    const underBatch = await core.db.selectFrom('events').select('id').where('batch_id', '=', result.batchId as number).orderBy('id').execute();
    expect(underBatch.map((e) => e.id)).toEqual(all.map((e) => e.id).filter((_, i) => !resent.includes(i)));
    expect(await value('dossiers_total', 'VN', '2026-10')).toBe(300);
    expect(await value('fees_vnd', 'VN', '2026-10')).toBe((299 * 300) / 2);
  });

  it('counts each person once per unit among hundreds of keys, some seen before, looked up and written many to a statement', async () => {
    const training = (i: number, unit: string) => ({ id: `tr-${i}-${unit}`, type: 'training.completed', unit, time: '2026-10-02T08:00:00+07:00', attributes: { person: `p${String(i).padStart(3, '0')}` } });
    await submitEvents(core, testActor, ndjson(Array.from({ length: 20 }, (_, i) => training(i, '00004'))));
    await submitEvents(core, testActor, ndjson(Array.from({ length: 150 }, (_, i) => training(i, i % 2 ? '00008' : '00004'))));
    // 00004: the 75 even ones of the second batch and the 10 odd ones below 20 of the first.
    expect(await value('people_trained', '00004', '2026-10')).toBe(85);
    expect(await value('people_trained', '00008', '2026-10')).toBe(75);
    expect(await value('people_trained', '01', '2026-10')).toBe(150);
    expect(await value('people_trained', 'VN', '2026-10')).toBe(150);
  });

  it('counts a person at every unit whose events, or whose descendants\' events, carried them, storing the key once per own unit', async () => {
    const hcmc = (await core.db.selectFrom('units').select('code').where('parent_code', '=', '79').orderBy('code').executeTakeFirstOrThrow()).code;
    const training = (id: string, unit: string, person: string) => ({ id, type: 'training.completed', unit, time: '2026-10-02T08:00:00+07:00', attributes: { person } });
    const sent = [
      [training('k1', '00004', 'p1')],
      // p1 again, in another province and in another commune of the same one: new there, not at the Nation.
      [training('k2', hcmc, 'p1'), training('k3', '00008', 'p1')],
      // p1 from Hà Nội itself, p2 from the Nation itself, then p2 from a commune.
      [training('k4', '01', 'p1'), training('k5', 'VN', 'p2')],
      [training('k6', '00004', 'p2')],
    ];
    const counts = async (c: TestCore) => {
      const rows = await c.db.selectFrom('kpi_values').select(['unit_code', 'value']).where('indicator_code', '=', 'people_trained').where('period', '=', '2026-10').execute();
      return Object.fromEntries(rows.filter((r) => ['00004', '00008', hcmc, '01', '79', 'VN'].includes(r.unit_code)).map((r) => [r.unit_code, r.value]));
    };
    const expected = { '00004': 2, '00008': 1, [hcmc]: 1, '01': 2, '79': 1, VN: 2 };
    for (const batch of sent) await submitEvents(core, testActor, ndjson(batch));
    expect(await counts(core)).toEqual(expected);
    const rows = await core.db.selectFrom('event_distinct').select(['unit_code', 'key']).execute();
    expect(rows.map((r) => `${r.key}@${r.unit_code}`).sort()).toEqual(['p1@00004', 'p1@00008', `p1@${hcmc}`, 'p1@01', 'p2@00004', 'p2@VN'].sort());

    // The same events in one batch (one fold) count the same.
    const oneBatch = await createTestCore({ catalogue: testCatalogue });
    try {
      await submitEvents(oneBatch, testActor, ndjson(sent.flat()));
      expect(await counts(oneBatch)).toEqual(expected);
    } finally {
      await oneBatch.dispose();
    }
  });

  it('refuses a batch of hundreds with one conflicting resend inside a full run, storing none of it', async () => {
    await submitEvents(core, testActor, ndjson([dossier('big-070', '00004', 'online')]));
    const all = Array.from({ length: 200 }, (_, i) => dossier(`big-${String(i).padStart(3, '0')}`, '00004', 'paper'));
    const error = await submitEvents(core, testActor, ndjson(all)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await core.db.selectFrom('events').select('id').execute()).toEqual([{ id: 'big-070' }]);
    expect(await value('dossiers_total', 'VN', '2026-10')).toBe(1);
  });

  it('rejects a whole batch with one bad line, naming the line and field, and writes nothing', async () => {
    const lines = [JSON.stringify(dossier('e1', '00004', 'online')), JSON.stringify({ ...dossier('e2', '99999', 'online') }), JSON.stringify(dossier('e3', '00004', 'paper'))];
    const error = await submitEvents(core, testActor, lines.join('\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([expect.objectContaining({ line: 2, field: 'unit' })]);
    const events = await core.db.selectFrom('events').select('id').execute();
    expect(events).toEqual([]);
  });

  it('lists every problem of a batch, not just the first', async () => {
    const text = ['{not json', JSON.stringify({ id: 'x', type: 'dossier.submitted', unit: '00004', time: 'yesterday' }), JSON.stringify({ ...dossier('y', '00004', 'online'), attributes: { channel: 'online', fee: 'free' } })].join('\n');
    const error = (await submitEvents(core, testActor, text).catch((e: unknown) => e)) as ValidationError;
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([[1, undefined], [2, 'time'], [3, 'attributes.fee']]);
  });
});

describe('reported values', () => {
  it('weights 5G coverage by population when rolling up to the province', async () => {
    await submitValues(core, testActor, [
      { unit: '00004', indicator: 'population', period: '2026', value: 300 },
      { unit: '00008', indicator: 'population', period: '2026', value: 100 },
      { unit: '00004', indicator: 'coverage_5g', period: '2026', value: 80 },
      { unit: '00008', indicator: 'coverage_5g', period: '2026', value: 40 },
    ]);
    expect(await value('coverage_5g', '01', '2026')).toBe(70);
    expect(await value('population', 'VN', '2026')).toBe(400);
  });

  it("lets a unit's own report stand over the roll-up of its children, and the newest report win", async () => {
    await submitValues(core, testActor, [{ unit: '00004', indicator: 'villages_no_power', period: '2026', value: 5 }].map((v) => ({ ...v, unit: '01' })));
    await submitValues(core, testActor, [{ unit: '01', indicator: 'villages_no_power', period: '2026', value: 3 }]);
    await submitValues(core, testActor, [{ unit: '79', indicator: 'villages_no_power', period: '2026', value: 2 }]);
    expect(await value('villages_no_power', '01', '2026')).toBe(3);
    expect(await value('villages_no_power', 'VN', '2026')).toBe(5);
    await submitValues(core, testActor, [{ unit: 'VN', indicator: 'villages_no_power', period: '2026', value: 117 }]);
    expect(await value('villages_no_power', 'VN', '2026')).toBe(117);
  });

  it('accepts the periods Vietnamese offices write, and refuses one that does not fit the indicator', async () => {
    await submitValues(core, testActor, [{ unit: 'BCA', indicator: 'databases_done', period: 'Quý IV/2026', value: 3 }]);
    expect(await value('databases_done', 'BCA', '2026-Q4')).toBe(3);
    const error = (await submitValues(core, testActor, [{ unit: 'BCA', indicator: 'databases_done', period: '10/2026', value: 3 }]).catch((e: unknown) => e)) as ValidationError;
    expect(error.problems[0]).toMatchObject({ line: 1, field: 'period' });
  });
});

describe('scores and ranks', () => {
  it('gives full marks at target, proportional marks below, and ranks provinces', async () => {
    const events = [];
    for (let i = 0; i < 10; i++) events.push(dossier(`hn-${i}`, '00004', i < 8 ? 'online' : 'paper'));
    for (let i = 0; i < 10; i++) events.push(dossier(`hcm-${i}`, '25747', i < 4 ? 'online' : 'paper'));
    await submitEvents(core, testActor, ndjson(events));
    const card = await getScorecard(core.db, core.ctx, 'province', '2026-10');
    const hn = card.find((r) => r.unit.code === '01');
    const hcm = card.find((r) => r.unit.code === '79');
    // Online rate 80 % of target 80 → full. Xã hội số has nothing reported: it is left out, not scored 0 (decision 0028).
    expect(hn).toMatchObject({ score: 100, rank: 1, band: 'tot', coverage: 0.6667 });
    expect(hcm).toMatchObject({ score: 50, rank: 2, band: 'trung_binh', peers: 2 });
  });

  it("scores a unit against its own target when it has one, for the period or for the year", async () => {
    const events = [];
    for (let i = 0; i < 10; i++) events.push(dossier(`t-${i}`, '00004', i < 8 ? 'online' : 'paper'));
    await submitEvents(core, testActor, ndjson(events));
    const score = async () => (await getScorecard(core.db, core.ctx, 'province', '2026-10')).find((r) => r.unit.code === '01')?.score;
    expect(await score()).toBe(100);
    // A yearly target of 100 % for Hà Nội: 80 % online now earns 0.8 of the pillar's points.
    await saveTargets(core, testActor, [{ indicator: 'online_rate', unit: '01', period: '2026', value: 100 }]);
    expect(await score()).toBe(80);
    // A target for the month itself takes precedence over the yearly one.
    await saveTargets(core, testActor, [{ indicator: 'online_rate', unit: '01', period: '2026-10', value: 80 }]);
    expect(await score()).toBe(100);
  });

  it('reports the change since the previous month', async () => {
    await submitEvents(core, testActor, ndjson([dossier('m9', '00004', 'paper', 0, '2026-09-10T10:00:00+07:00'), dossier('m10', '00004', 'online', 0, '2026-10-10T10:00:00+07:00')]));
    const card = await getScorecard(core.db, core.ctx, 'province', '2026-10');
    expect(card[0]).toMatchObject({ unit: { code: '01' }, previousScore: 0, change: 100 });
  });
});

describe('recompute', () => {
  it.each([
    ['reading the events on this thread', {}],
    ['reading them on three threads of their own', { threads: 3, threadsFrom: 0 }],
  ])('rebuilds exactly what live ingest maintained, %s', async (_, scan) => {
    const communes = ['00004', '00008', '00025', '25747', '25750', '20194'];
    let n = 0;
    for (let batch = 0; batch < 6; batch++) {
      const events: object[] = [];
      for (let i = 0; i < 40; i++) {
        const unit = communes[(i * 7 + batch) % communes.length] ?? '00004';
        const month = `2026-${String(8 + (i % 3)).padStart(2, '0')}`;
        events.push({ id: `r${n++}`, type: 'dossier.submitted', unit, time: `${month}-1${i % 9}T10:00:00+07:00`, attributes: { channel: i % 3 ? 'online' : 'paper', fee: (i * 1000) % 7000 } });
        events.push({ id: `r${n++}`, type: 'training.completed', unit, time: `${month}-0${1 + (i % 9)}T10:00:00+07:00`, attributes: { person: `p${i % 11}` } });
      }
      await submitEvents(core, testActor, ndjson(events));
      await submitValues(core, testActor, [
        { unit: communes[batch] ?? '00004', indicator: 'population', period: '2026', value: 1000 + batch * 10 },
        { unit: communes[batch] ?? '00004', indicator: 'coverage_5g', period: '2026', value: 40 + batch * 7 },
        { unit: batch % 2 ? '01' : '79', indicator: 'villages_no_power', period: '2026', value: batch },
      ]);
    }
    const snapshot = async () => ({
      kpis: await core.db.selectFrom('kpi_values').select(['indicator_code', 'unit_code', 'period', 'value', 'reported', 'derived', 'as_of']).orderBy(['indicator_code', 'unit_code', 'period']).execute(),
      scores: await core.db.selectFrom('scores').select(['unit_code', 'period', 'score', 'pillars', 'band', 'rank', 'peers', 'peer_group', 'coverage', 'indicators_reported', 'indicators_expected']).orderBy(['unit_code', 'period']).execute(),
      keys: await core.db.selectFrom('event_distinct').selectAll().orderBy(['indicator_code', 'unit_code', 'period', 'key']).execute(),
    });
    const live = await snapshot();
    expect(live.kpis.length).toBeGreaterThan(50);
    expect(live.scores.length).toBeGreaterThan(5);
    const stats = await rebuildAggregates(core, testActor, scan);
    expect(stats.events).toBe(n);
    expect(await snapshot()).toEqual(live);
  });

  it('changes nothing when a thread reading the events fails', async () => {
    await submitEvents(core, testActor, ndjson([dossier('f1', '00004', 'online', 10), dossier('f2', '00008', 'paper', 20)]));
    const before = await core.db.selectFrom('kpi_values').selectAll().orderBy(['indicator_code', 'unit_code', 'period']).execute();
    const engine = core.engine as { eventSource: unknown };
    engine.eventSource = { engine: 'sqlite', file: `${core.dbFile}.missing` };
    await expect(rebuildAggregates(core, testActor, { threads: 2, threadsFrom: 0 })).rejects.toThrow();
    expect(await core.db.selectFrom('kpi_values').selectAll().orderBy(['indicator_code', 'unit_code', 'period']).execute()).toEqual(before);
    expect(await value('dossiers_total', 'VN', '2026-10')).toBe(2);
  });
});
