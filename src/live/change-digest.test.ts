import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitEvents } from '../ingest/submit.ts';
import { createTestCore, ndjson, testActor, testCatalogue } from '../testing/test-core.ts';
import type { ChangeMessage } from './change-bus.ts';
import { changesSince } from './change-feed.ts';
import { filterChange } from './stream-filter.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ catalogue: testCatalogue });
});
afterEach(async () => {
  await core.dispose();
});

const dossier = (id: string, unit: string) => ({ id, type: 'dossier.submitted', unit, time: '2026-10-05T09:00:00+07:00', attributes: { channel: 'online', fee: 1000 } });

async function commit(events: object[]) {
  const heard: ChangeMessage[] = [];
  const stop = core.bus.subscribe((m) => heard.push(m));
  try {
    const result = await submitEvents(core, testActor, ndjson(events));
    return { result, message: heard[0] };
  } finally {
    stop();
  }
}

describe('large changes on the stream', () => {
  it('sends a commit that touches hundreds of communes as a digest: the Nation, the provinces and the units touched', async () => {
    const communes = [...core.ctx.units.all()].filter((u) => u.kind === 'commune').slice(0, 600).map((u) => u.code);
    const { result, message } = await commit(communes.map((unit, i) => dossier(`d${i}`, unit)));
    expect(result.changes.kpis.length).toBeGreaterThan(1_000);
    const changes = message?.changes;
    expect(changes?.digest?.kpis).toBe(result.changes.kpis.length);
    expect(changes?.digest?.scores).toBe(result.changes.scores.length);
    expect(changes?.kpis.every((k) => k.unit === 'VN')).toBe(true);
    expect(changes?.kpis.map((k) => k.indicator)).toEqual(expect.arrayContaining(['dossiers_total', 'fees_vnd']));
    expect(changes?.scores.every((s) => core.ctx.units.depth(s.unit) <= 1)).toBe(true);
    expect(changes?.digest?.units).toEqual(expect.arrayContaining([...communes, 'VN']));
    // A tenth of what the whole change would weigh, and the resumed stream replays the same digest.
    expect(JSON.stringify(changes).length * 10).toBeLessThan(JSON.stringify(result.changes).length);
    expect((await changesSince(core.db, (message?.seq ?? 1) - 1))[0]?.changes).toEqual(changes);
  });

  it('keeps a small change whole', async () => {
    const { result, message } = await commit([dossier('s1', '00004'), dossier('s2', '00008')]);
    expect(message?.changes.digest).toBeUndefined();
    expect(message?.changes.kpis).toEqual(result.changes.kpis);
  });

  it('gives a subscriber following one province only the units of that province from a digest', async () => {
    const communes = [...core.ctx.units.all()].filter((u) => u.kind === 'commune').slice(0, 600).map((u) => u.code);
    const { message } = await commit(communes.map((unit, i) => dossier(`f${i}`, unit)));
    if (!message) throw new Error('no change heard');
    const filtered = filterChange(message, { units: new Set(['01']) }, core.ctx.units);
    const units = filtered?.changes.digest?.units ?? [];
    expect(units.length).toBeGreaterThan(1);
    expect(units.every((u) => core.ctx.units.lineage(u).includes('01'))).toBe(true);
    expect(filterChange(message, { units: new Set(['NOPE']) }, core.ctx.units)).toBeUndefined();
  });
});
