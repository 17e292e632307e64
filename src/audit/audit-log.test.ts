import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { submitEvents, submitValues } from '../ingest/submit.ts';
import { saveTargets } from '../indicators/manage.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import { verifyAudit } from './audit-log.ts';
import { listAudit } from './audit.query.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
  await submitEvents(core, testActor, ndjson([{ id: 'e1', type: 'dossier.submitted', unit: '00004', time: '2026-11-03T09:00:00+07:00', attributes: { channel: 'online', fee: 1 } }]));
  await submitValues(core, testActor, [{ unit: '01', indicator: 'population', period: '2026', value: 8_500_000 }]);
  await saveTargets(core, testActor, [{ indicator: 'coverage_5g', unit: '01', period: '2026', value: 95 }]);
  await submitValues(core, testActor, [{ unit: '01', indicator: 'population', period: '2026', value: 8_600_000 }]);
});
afterEach(async () => {
  await core.dispose();
});

describe('the audit trail', () => {
  it('holds one chained record per write, with before and after', async () => {
    const records = await listAudit(core.db, {});
    expect(records.map((r) => r.action)).toEqual(['values.values', 'targets.set', 'values.values', 'events.ingest']);
    expect(records[0]?.before).toEqual([['01', 'population', '2026', 8_500_000]]);
    expect(records[1]).toMatchObject({ before: [], after: [['01', 'coverage_5g', '2026', 95]] });
    expect(records[3]?.after).toMatchObject({ accepted: 1, eventTypes: ['dossier.submitted'] });
    expect(await verifyAudit(core.db)).toMatchObject({ ok: true, records: 4, head: { seq: 4 } });
  });

  it('finds a batch record from each of the hundreds of units it touches, and from no other', async () => {
    const communes = (await core.db.selectFrom('units').select('code').where('kind', '=', 'commune').orderBy('code').limit(151).execute()).map((u) => u.code);
    const touched = communes.slice(0, 150);
    await submitEvents(core, testActor, ndjson(touched.map((unit, i) => ({ id: `wide-${i}`, type: 'dossier.submitted', unit, time: '2026-11-03T09:00:00+07:00', attributes: { channel: 'online', fee: 1 } }))));
    const [wide] = await listAudit(core.db, { action: 'events.ingest', limit: 1 });
    expect(wide?.units).toHaveLength(150);
    for (const unit of [touched[0], touched[63], touched[64], touched[127], touched[128], touched[149]]) {
      expect((await listAudit(core.db, { units: [unit as string], limit: 1 }))[0]?.seq).toBe(wide?.seq);
    }
    expect((await listAudit(core.db, { units: [communes[150] as string], limit: 1 }))[0]?.seq).not.toBe(wide?.seq);
  });

  it('is found out when a past record is edited', async () => {
    await sql`UPDATE audit_log SET after = ${'{"values":[["01","population","2026",1]]}'} WHERE seq = 2`.execute(core.db);
    expect(await verifyAudit(core.db)).toMatchObject({ ok: false, problem: { seq: 2, kind: 'edited' } });
  });

  it('is found out when a record is deleted', async () => {
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(core.db);
    expect(await verifyAudit(core.db)).toMatchObject({ ok: false, problem: { seq: 2, kind: 'missing' } });
  });

  it('is found out when records are renumbered to hide a deletion', async () => {
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(core.db);
    await sql`UPDATE audit_log SET seq = seq - 1 WHERE seq > 2`.execute(core.db);
    expect(await verifyAudit(core.db)).toMatchObject({ ok: false, problem: { seq: 2, kind: 'relinked' } });
  });

  it('finds a head written down earlier after later writes, and misses it once the tail is cut', async () => {
    const noted = (await verifyAudit(core.db)).head?.hash;
    await submitValues(core, testActor, [{ unit: '01', indicator: 'population', period: '2026', value: 8_700_000 }]);
    expect(await verifyAudit(core.db, { anchor: noted })).toMatchObject({ ok: true, records: 5, anchorSeq: 4 });
    await sql`DELETE FROM audit_log WHERE seq >= 4`.execute(core.db);
    expect(await verifyAudit(core.db, { anchor: noted })).toMatchObject({ ok: true, records: 3, anchorSeq: null });
  });

  it('records the target a new one replaces', async () => {
    await saveTargets(core, testActor, [{ indicator: 'coverage_5g', unit: '01', period: '2026', value: 97 }]);
    const [record] = await listAudit(core.db, { action: 'targets.set', limit: 1 });
    expect(record).toMatchObject({ before: [['01', 'coverage_5g', '2026', 95]], after: [['01', 'coverage_5g', '2026', 97]] });
  });

  it('keeps the record out when the write itself is refused', async () => {
    await expect(submitValues(core, testActor, [{ unit: 'KHONG-CO', indicator: 'population', period: '2026', value: 1 }])).rejects.toThrow();
    expect((await verifyAudit(core.db)).records).toBe(4);
  });
});
