import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../core.ts';
import { prepareBatch } from '../ingest/parsed-batch.ts';
import { ingestEvents } from '../ingest/ingest-events.ts';
import { submitEvents, submitValues } from '../ingest/submit.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

const dossier = (id: string, unit = '00004') => ({ id, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel: 'online', fee: 0 } });

async function stored(indicator: string, unit: string, period: string) {
  const row = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', indicator).where('unit_code', '=', unit).where('period', '=', period).executeTakeFirst();
  return row?.value;
}

describe('derived state held in memory', () => {
  it('forgets what a rolled-back write had already propagated', async () => {
    await submitEvents(core, testActor, ndjson([dossier('a1')]));
    const batch = prepareBatch(ndjson([dossier('a2')]), core.ctx.units, core.ctx.catalogue, core.ctx.now());
    // The work propagates a2 into the cells held in memory, then fails: the transaction rolls back.
    await expect(
      core.gate.run(testActor, { action: 'events.ingest', units: ['00004'], eventTypes: ['dossier.submitted'] }, async (trx) => {
        await ingestEvents(trx, core.ctx, batch, testActor.id, null);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    await submitEvents(core, testActor, ndjson([dossier('a3')]));
    // a1 and a3 only: had the memory kept a2, the province would read 3.
    expect(await stored('dossiers_total', '00004', '2026-10')).toBe(2);
    expect(await stored('dossiers_total', '01', '2026-10')).toBe(2);
  });

  it('sees what another process (a CLI beside the server) committed to the same file', async () => {
    const population = (unit: string, value: number) => ({ unit, indicator: 'population', period: '2026', value });
    await submitValues(core, testActor, [population('00004', 1_000)]);
    const other = await openCore({ dbFile: core.dbFile, now: core.ctx.now, catalogue: testCatalogue });
    try {
      await submitValues(other, testActor, [population('00008', 2_000)]);
    } finally {
      await other.close();
    }
    await submitValues(core, testActor, [population('00004', 1_500)]);
    // The province sums its communes' reports as they are on disk, the other process's one included.
    expect(await stored('population', '01', '2026')).toBe(3_500);
  });
});
