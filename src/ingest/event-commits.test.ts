import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../shared/errors.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { submitEvents } from './submit.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

const dossier = (id: string, unit: string, channel = 'online') => ({ id, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel, fee: 0 } });

async function stored(indicator: string, unit: string) {
  const row = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', indicator).where('unit_code', '=', unit).where('period', '=', '2026-10').executeTakeFirst();
  return row?.value;
}

const auditCount = async () => (await core.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('group commit of event batches', () => {
  it('commits batches that arrive together in one transaction, with one change and one audit record each', async () => {
    const auditBefore = await auditCount();
    const results = await Promise.all([
      submitEvents(core, testActor, ndjson([dossier('g1', '00004'), dossier('g2', '00004', 'paper')])),
      submitEvents(core, testActor, ndjson([dossier('g3', '00008')])),
      submitEvents(core, testActor, ndjson([dossier('g4', '00004')])),
    ]);
    // A batch waits one turn of the event loop before its commit starts, so the three share it.
    expect(results.map((r) => r.accepted)).toEqual([2, 1, 1]);
    expect(results[0]?.seq).not.toBeNull();
    expect(results.map((r) => r.seq)).toEqual([results[0]?.seq, results[0]?.seq, results[0]?.seq]);
    expect(new Set(results.map((r) => r.batchId)).size).toBe(3);
    expect(await auditCount()).toBe(auditBefore + 3);
    expect(await stored('dossiers_total', '00004')).toBe(3);
    expect(await stored('dossiers_online', '01')).toBe(3);
    expect(await stored('online_rate', '01')).toBe(75);
  });

  it('refuses a conflicting batch alone, leaving no trace of it, and commits the rest of its group', async () => {
    await submitEvents(core, testActor, ndjson([dossier('c1', '00004')]));
    const auditBefore = await auditCount();
    const batchesBefore = (await core.db.selectFrom('batches').select('id').execute()).length;
    const [first, conflicting, last] = await Promise.allSettled([
      submitEvents(core, testActor, ndjson([dossier('c2', '00004')])),
      // c1 again with other content, beside a new event that must not be stored either.
      submitEvents(core, testActor, ndjson([dossier('c3', '00008'), dossier('c1', '00004', 'paper')])),
      submitEvents(core, testActor, ndjson([dossier('c4', '00008')])),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(last.status).toBe('fulfilled');
    expect(conflicting.status).toBe('rejected');
    expect(conflicting.status === 'rejected' && conflicting.reason).toBeInstanceOf(ConflictError);
    expect(await core.db.selectFrom('events').select('id').where('id', '=', 'c3').executeTakeFirst()).toBeUndefined();
    expect((await core.db.selectFrom('batches').select('id').execute()).length).toBe(batchesBefore + 2);
    expect(await auditCount()).toBe(auditBefore + 2);
    expect(await stored('dossiers_total', '00008')).toBe(1);
    expect(await stored('dossiers_total', 'VN')).toBe(3);
  });

  it('commits a batch sent after the previous one was answered on its own', async () => {
    const first = await submitEvents(core, testActor, ndjson([dossier('s1', '00004')]));
    const second = await submitEvents(core, testActor, ndjson([dossier('s2', '00004')]));
    expect(second.seq ?? 0).toBeGreaterThan(first.seq ?? Infinity);
    expect(await stored('dossiers_total', '00004')).toBe(2);
  });

  it('counts an event sent by two batches of one group once', async () => {
    const results = await Promise.all([
      submitEvents(core, testActor, ndjson([dossier('d0', '00004')])),
      submitEvents(core, testActor, ndjson([dossier('d1', '00004'), dossier('d2', '00008')])),
      submitEvents(core, testActor, ndjson([dossier('d2', '00008'), dossier('d3', '00008')])),
    ]);
    expect(results.map((r) => [r.accepted, r.duplicates])).toEqual([[1, 0], [2, 0], [1, 1]]);
    expect(await stored('dossiers_total', 'VN')).toBe(4);
  });

  it('answers a batch stored but not folded as stored (derived: false), never as failed, and folds it with the next', async () => {
    core.events.onFoldError(() => {});
    vi.spyOn(core.ctx.state, 'periodCells').mockRejectedValueOnce(new Error('the fold failed'));
    const first = await submitEvents(core, testActor, ndjson([dossier('f1', '00004')]));
    expect(first).toMatchObject({ accepted: 1, derived: false, seq: null });
    expect(await core.db.selectFrom('events').select('id').where('id', '=', 'f1').executeTakeFirst()).toEqual({ id: 'f1' });
    const second = await submitEvents(core, testActor, ndjson([dossier('f2', '00004')]));
    expect(second).toMatchObject({ accepted: 1, derived: true });
    expect(await stored('dossiers_total', '00004')).toBe(2);
  });
});
