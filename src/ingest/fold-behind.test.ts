import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../core.ts';
import type { ChangeMessage } from '../live/change-bus.ts';
import { rebuildAggregates } from '../kpi/rebuild.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { foldStored, planFold, storeBatch, writeFold, type StoredBatch } from './ingest-events.ts';
import { StaleChangeError } from '../kpi/derived-writes.ts';
import { prepareBatch } from './parsed-batch.ts';
import { submitEvents } from './submit.ts';
import { foldGapAfter } from './event-commits.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

const dossier = (id: string, unit = '00004') => ({ id, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel: 'online', fee: 0 } });
const training = (id: string, person: string) => ({ id, type: 'training.completed', unit: '00004', time: '2026-10-02T08:00:00+07:00', attributes: { person } });

async function value(c: { db: TestCore['db'] }, indicator: string, unit: string) {
  const row = await c.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', indicator).where('unit_code', '=', unit).where('period', '=', '2026-10').executeTakeFirst();
  return row?.value;
}

const unfoldedBatches = async () => (await core.db.selectFrom('batches').select('id').where('folded', '=', 0).execute()).map((r) => r.id);

/** Stores a batch as the first of ingest's two transactions does, and stops there, as a crash between them would. */
async function storeOnly(events: object[]): Promise<StoredBatch> {
  const batch = prepareBatch(ndjson(events), core.ctx.units, core.ctx.catalogue, core.ctx.now());
  const { value: stored } = await core.gate.runGroup('events.ingest', [], async (trx) => ({
    value: await storeBatch(trx, core.ctx, batch, testActor.id, null),
    audits: [],
    changes: { kpis: [], scores: [] },
  }));
  return stored;
}

describe('batches acknowledged once stored, folded just after', () => {
  it('answers a batch sent with ack=stored before folding it, then names it in the change that folds it', async () => {
    const messages: ChangeMessage[] = [];
    core.bus.subscribe((m) => messages.push(m));
    const result = await submitEvents(core, testActor, ndjson([dossier('s1'), dossier('s2', '00008')]), null, 'stored');
    expect(result).toMatchObject({ accepted: 2, derived: false, seq: null });
    expect(await core.db.selectFrom('events').select('id').where('id', '=', 's1').executeTakeFirst()).toBeDefined();
    await core.events.idle();
    expect(await value(core, 'dossiers_total', 'VN')).toBe(2);
    const fold = messages.find((m) => m.changes.batches?.includes(result.batchId as number));
    expect(fold?.changes.kpis.length).toBeGreaterThan(0);
    expect(await unfoldedBatches()).toEqual([]);
  });

  it('answers a batch sent with the default ack only once its KPIs are written, with the change that carried it', async () => {
    const result = await submitEvents(core, testActor, ndjson([dossier('d1')]));
    expect(result).toMatchObject({ accepted: 1, derived: true });
    expect(result.seq).not.toBeNull();
    expect(result.changes.batches).toEqual([result.batchId]);
    expect(await value(core, 'dossiers_total', '01')).toBe(1);
  });

  it('folds a batch a stop left stored but unfolded when the database is next opened, distinct keys once', async () => {
    await submitEvents(core, testActor, ndjson([training('t1', 'p1')]));
    await storeOnly([training('t2', 'p1'), training('t3', 'p2'), dossier('x1')]);
    expect(await unfoldedBatches()).toHaveLength(1);
    expect(await value(core, 'people_trained', '00004')).toBe(1);

    const reopened = await openCore({ dbFile: core.dbFile, now: core.ctx.now, catalogue: testCatalogue });
    try {
      expect(await value(reopened, 'people_trained', '00004')).toBe(2);
      expect(await value(reopened, 'people_trained', 'VN')).toBe(2);
      expect(await value(reopened, 'dossiers_total', '01')).toBe(1);
    } finally {
      await reopened.close();
    }
    expect(await unfoldedBatches()).toEqual([]);
  });

  it('keeps of a stored new batch only its aggregate until the fold, and of a partly resent one its rows', async () => {
    const fresh = await storeOnly([dossier('k1'), dossier('k2', '00008')]);
    expect(fresh.adds).toEqual({ aggregate: expect.any(Object) });
    const partly = await storeOnly([dossier('k2', '00008'), dossier('k3')]);
    expect(partly).toMatchObject({ accepted: 1, duplicates: 1 });
    expect('batch' in partly.adds && [...partly.adds.known]).toEqual(['k2']);
    const { value: changes } = await core.gate.runGroup('events.ingest', [], async (trx) => {
      const changes = await foldStored(trx, core.ctx, [fresh, partly]);
      return { value: changes, audits: [], changes };
    });
    expect(changes.batches).toEqual([fresh.batchId, partly.batchId]);
    expect(await value(core, 'dossiers_total', 'VN')).toBe(3);
  });

  it('does not fold again a batch another process folded first', async () => {
    const stored = await storeOnly([dossier('o1'), dossier('o2')]);
    // A CLI opening the same file folds what it finds unfolded.
    const other = await openCore({ dbFile: core.dbFile, now: core.ctx.now, catalogue: testCatalogue });
    await other.close();
    const { value: changes } = await core.gate.runGroup('events.ingest', [], async (trx) => {
      const changes = await foldStored(trx, core.ctx, [stored]);
      return { value: changes, audits: [], changes };
    });
    expect(changes.batches).toBeUndefined();
    expect(await value(core, 'dossiers_total', '00004')).toBe(2);
  });

  it('rebuilds a stored, unfolded batch once with recompute, and does not fold it again afterwards', async () => {
    const stored = await storeOnly([dossier('r1'), dossier('r2', '00008')]);
    await rebuildAggregates(core, testActor);
    expect(await unfoldedBatches()).toEqual([]);
    const { value: changes } = await core.gate.runGroup('events.ingest', [], async (trx) => {
      const changes = await foldStored(trx, core.ctx, [stored]);
      return { value: changes, audits: [], changes };
    });
    expect(changes.kpis).toEqual([]);
    expect(await value(core, 'dossiers_total', 'VN')).toBe(2);
  });

  it('lets a fold wait for a batch on its way, and folds the two together', async () => {
    const messages: ChangeMessage[] = [];
    core.bus.subscribe((m) => messages.push(m));
    const arrived = core.events.expect();
    const first = await submitEvents(core, testActor, ndjson([dossier('w1')]), null, 'stored');
    const second = await submitEvents(core, testActor, ndjson([dossier('w2', '00008')]), null, 'stored', arrived);
    await core.events.idle();
    const folds = messages.filter((m) => m.changes.batches);
    expect(folds.map((m) => m.changes.batches)).toEqual([[first.batchId, second.batchId]]);
    expect(await value(core, 'dossiers_total', '01')).toBe(2);
  });

  it('counts a person trained in two batches of one fold once, at the commune and above', async () => {
    const arrived = core.events.expect();
    await submitEvents(core, testActor, ndjson([training('p1', 'an'), training('p2', 'binh')]), null, 'stored');
    await submitEvents(core, testActor, ndjson([training('p3', 'an'), training('p4', 'chi')]), null, 'stored', arrived);
    await core.events.idle();
    expect(await value(core, 'people_trained', '00004')).toBe(3);
    expect(await value(core, 'people_trained', '01')).toBe(3);
    expect(await value(core, 'people_trained', 'VN')).toBe(3);
  });

  it('folds without the batch it was told of when that batch does not come within half a second', async () => {
    const arrived = core.events.expect();
    const started = performance.now();
    await submitEvents(core, testActor, ndjson([dossier('n1')]), null, 'stored');
    await core.events.idle();
    const waited = performance.now() - started;
    arrived();
    expect(await value(core, 'dossiers_total', '00004')).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(490);
    expect(waited).toBeLessThan(3_000);
  });

  it('after a long fold, stores the batches that come for as long again and folds them together', async () => {
    const slow = await createTestCore({ catalogue: testCatalogue, foldGapAfter: () => 400 });
    try {
      const folds: { batches: number[]; at: number }[] = [];
      slow.bus.subscribe((m) => void (m.changes.batches && folds.push({ batches: m.changes.batches, at: performance.now() })));
      await submitEvents(slow, testActor, ndjson([dossier('g1')]));
      const firstFolded = performance.now();
      const second = await submitEvents(slow, testActor, ndjson([dossier('g2', '00008')]), null, 'stored');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const third = await submitEvents(slow, testActor, ndjson([dossier('g3', '00008')]), null, 'stored');
      await slow.events.idle();
      expect(folds.slice(1).map((f) => f.batches)).toEqual([[second.batchId, third.batchId]]);
      expect((folds[1]?.at ?? 0) - firstFolded).toBeGreaterThanOrEqual(390);
      expect(await value(slow, 'dossiers_total', '01')).toBe(3);
    } finally {
      await slow.dispose();
    }
  });

  it('waits after a fold only when it took a quarter of a second or more, and never more than a second', () => {
    expect([0, 120, 249, 250, 800, 4_000].map(foldGapAfter)).toEqual([0, 0, 0, 250, 800, 1_000]);
  });

  it('tells how many batches wait to be stored and to be folded', async () => {
    expect(core.events.backlog()).toEqual({ waiting: { batches: 0, events: 0 }, unfolded: { batches: 0, events: 0 } });
    const sent = submitEvents(core, testActor, ndjson([dossier('b1'), dossier('b2')]), null, 'stored');
    await sent;
    // Answered once stored: the fold has not run yet.
    expect(core.events.backlog().unfolded).toEqual({ batches: 1, events: 2 });
    await core.events.idle();
    expect(core.events.backlog().unfolded).toEqual({ batches: 0, events: 0 });
  });

  it('counts a batch as behind until the transaction that stores it, then the one that folds it, has committed', async () => {
    // Seen right after each commit, before the queue moves on: the store's, then the fold's.
    const seen: ReturnType<typeof core.events.backlog>[] = [];
    const stop = core.gate.onCommit(() => seen.push(core.events.backlog()));
    await submitEvents(core, testActor, ndjson([dossier('t1'), dossier('t2'), dossier('t3')]), null, 'stored');
    await core.events.idle();
    stop();
    expect(seen).toEqual([
      { waiting: { batches: 1, events: 3 }, unfolded: { batches: 0, events: 0 } },
      { waiting: { batches: 0, events: 0 }, unfolded: { batches: 1, events: 3 } },
    ]);
    expect(core.events.backlog()).toEqual({ waiting: { batches: 0, events: 0 }, unfolded: { batches: 0, events: 0 } });
  });

});

describe('folds worked out in memory while batches go on being stored (decision 0018)', () => {
  const writePlan = (plan: Awaited<ReturnType<typeof planFold>>) =>
    core.gate.runGroup('events.ingest', [], async (trx) => {
      const changes = plan ? await writeFold(trx, core.ctx, plan) : { kpis: [], scores: [] };
      return { value: changes, audits: [], changes };
    }, { derivedLock: 'skip' });

  it('writes nothing while a fold is worked out, then the cells, keys and batch mark in one transaction', async () => {
    const stored = await storeOnly([training('m1', 'an'), training('m2', 'binh'), dossier('m3')]);
    const plan = await planFold(core.db, core.ctx, [stored]);
    expect(await value(core, 'people_trained', '00004')).toBeUndefined();
    expect(await core.db.selectFrom('event_distinct').select('key').execute()).toEqual([]);
    expect(await unfoldedBatches()).toEqual([stored.batchId]);
    await writePlan(plan);
    expect(await value(core, 'people_trained', 'VN')).toBe(2);
    expect(await value(core, 'dossiers_total', '01')).toBe(1);
    expect(await unfoldedBatches()).toEqual([]);
  });

  it('stores and answers a batch sent while a fold is being worked out, before that fold is written', async () => {
    const first = await storeOnly([dossier('f1')]);
    let answered = false;
    const folded = core.gate.holdingDerived(async () => {
      const plan = await planFold(core.db, core.ctx, [first]);
      // The fold holds the derived tables: a batch sent now is still stored and answered.
      await submitEvents(core, testActor, ndjson([dossier('f2', '00008')]), null, 'stored').then(() => (answered = true));
      return writePlan(plan);
    });
    await folded;
    expect(answered).toBe(true);
    await core.events.idle();
    expect(await value(core, 'dossiers_total', '01')).toBe(2);
  });

  it('refuses to write a fold when another process folded one of its batches first', async () => {
    const stored = await storeOnly([dossier('o1')]);
    const plan = await planFold(core.db, core.ctx, [stored]);
    await core.db.updateTable('batches').set({ folded: 1 }).where('id', '=', stored.batchId as number).execute();
    await expect(writePlan(plan)).rejects.toBeInstanceOf(StaleChangeError);
    expect(await value(core, 'dossiers_total', '00004')).toBeUndefined();
  });

  it('refuses to write a fold worked out from a derived state dropped since', async () => {
    const stored = await storeOnly([dossier('d1')]);
    const plan = await planFold(core.db, core.ctx, [stored]);
    core.ctx.state.clear();
    await expect(writePlan(plan)).rejects.toBeInstanceOf(StaleChangeError);
    expect(await unfoldedBatches()).toEqual([stored.batchId]);
  });

  it('refuses to write a distinct key found new that was stored meanwhile', async () => {
    const stored = await storeOnly([training('k1', 'an')]);
    const plan = await planFold(core.db, core.ctx, [stored]);
    await core.db.insertInto('event_distinct').values({ indicator_code: 'people_trained', unit_code: '00004', period: '2026-10', key: 'an' }).execute();
    await expect(writePlan(plan)).rejects.toBeInstanceOf(StaleChangeError);
  });

  it('folds the batches again from the database when its fold went stale, counting each event once', async () => {
    await submitEvents(core, testActor, ndjson([training('s0', 'an')]));
    const real = core.ctx.state.generation.bind(core.ctx.state);
    // The first generation read (the plan's) is real; the next (the write's) sees the state dropped meanwhile.
    let calls = 0;
    const spy = vi.spyOn(core.ctx.state, 'generation').mockImplementation((trx) => real(trx) + (calls++ === 1 ? 1 : 0));
    const sent = await submitEvents(core, testActor, ndjson([training('s1', 'an'), training('s2', 'binh'), dossier('s3')]));
    spy.mockRestore();
    expect(sent.derived).toBe(true);
    expect(sent.changes.batches).toEqual([sent.batchId]);
    expect(await value(core, 'people_trained', '00004')).toBe(2);
    expect(await value(core, 'people_trained', 'VN')).toBe(2);
    expect(await value(core, 'dossiers_total', '01')).toBe(1);
    expect(await unfoldedBatches()).toEqual([]);
  });
});
