import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core.ts';
import { getScorecard } from '../scoring/scorecard.query.ts';
import { TASK_METRICS } from '../tasks/task-refresh.ts';
import { DEMO_LABEL, fillDemo, startLiveTrickle } from './demo.ts';
import { listPublishedPeriods } from '../publication/publication.query.ts';
import { REAL_LABEL } from './real-figures.ts';

const NOW = new Date('2026-11-15T03:00:00Z');
const SMALL = { months: 2, scale: 0.05 } as const;

const dir = mkdtempSync(join(tmpdir(), 'nhipso-demo-'));
const opened: Core[] = [];

async function freshCore(name: string): Promise<Core> {
  const core = await openCore({ dbFile: join(dir, `${name}.db`), now: () => NOW });
  opened.push(core);
  return core;
}

afterAll(async () => {
  for (const core of opened) await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const countRows = async (core: Core) => ({
  events: Number((await core.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  // Task indicators are computed by the task register, not reported by the demo.
  values: Number((await core.db.selectFrom('reported_values').select((eb) => eb.fn.countAll<number>().as('n')).where('indicator_code', 'not in', [...TASK_METRICS]).executeTakeFirstOrThrow()).n),
});

describe('a demo filled for two months', () => {
  let core: Core;
  let filled: { events: number; values: number };
  const lines: string[] = [];

  beforeAll(async () => {
    core = await freshCore('filled');
    filled = await fillDemo(core, { ...SMALL, log: (line) => lines.push(line) });
  });

  it('stores events and reported values, and says so in Vietnamese', async () => {
    expect(filled.events).toBeGreaterThan(500);
    expect(filled.values).toBeGreaterThan(1000);
    expect(await countRows(core)).toEqual(filled);
    expect(lines.at(-1)).toMatch(/^Xong dữ liệu minh họa/);
  });

  it('reports the seed figure for national 5G coverage, marked as real', async () => {
    const cell = await core.db.selectFrom('kpi_values').select('value').where('indicator_code', '=', 'coverage_5g_pct').where('unit_code', '=', 'VN').where('period', '=', '2025-Q4').executeTakeFirstOrThrow();
    expect(cell.value).toBe(59);
    const report = await core.db.selectFrom('reported_values').select('source').where('indicator_code', '=', 'coverage_5g_pct').where('unit_code', '=', 'VN').where('period', '=', '2025-Q4').executeTakeFirstOrThrow();
    expect(report.source).toMatch(new RegExp(`^${REAL_LABEL} — Thông báo 4/TB-VPCP`));
  });

  it('labels every reported value that is not a real national figure as synthetic', async () => {
    const rows = await core.db.selectFrom('reported_values').select(['unit_code', 'source']).where('indicator_code', 'not in', [...TASK_METRICS]).execute();
    const unlabelled = rows.filter((r) => !r.source?.startsWith(DEMO_LABEL) && !(r.unit_code === 'VN' && r.source?.startsWith(REAL_LABEL)));
    expect(unlabelled).toEqual([]);
    expect(rows.filter((r) => r.unit_code !== 'VN').every((r) => r.source?.startsWith(DEMO_LABEL))).toBe(true);
  });

  it('ranks all 34 provinces for the current month', async () => {
    const card = await getScorecard(core.db, core.ctx, 'province', '2026-11');
    expect(card).toHaveLength(34);
    expect(card.every((row) => row.rank !== null && row.score !== null)).toBe(true);
    expect(new Set(card.map((row) => row.band)).size).toBeGreaterThan(1);
  });

  it('publishes the ended month, labelled as synthetic, and leaves the current month live', async () => {
    const published = await listPublishedPeriods(core.db, true);
    expect(published.map((p) => p.period)).toEqual(['2026-10']);
    expect(published[0]?.note).toMatch(/minh họa/);
  });

  it('adds nothing when asked to fill only an empty database', async () => {
    const before = await countRows(core);
    const lines: string[] = [];
    expect(await fillDemo(core, { ...SMALL, onlyIfEmpty: true, log: (line) => lines.push(line) })).toEqual({ events: 0, values: 0 });
    expect(await countRows(core)).toEqual(before);
    expect(lines).toHaveLength(1);
  });
});

describe('the demo', () => {
  it('gives identical KPI values for the same seed on two fresh databases', async () => {
    const kpis = async (name: string) => {
      const core = await freshCore(name);
      await fillDemo(core, { ...SMALL, seed: 7 });
      return core.db.selectFrom('kpi_values').selectAll().orderBy('indicator_code').orderBy('unit_code').orderBy('period').execute();
    };
    const [a, b] = [await kpis('same-seed-a'), await kpis('same-seed-b')];
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toEqual(a);
  });

  it('keeps a running server alive with small batches of events until stopped', async () => {
    const core = await freshCore('live');
    const trickle = startLiveTrickle(core, { intervalMs: 20, seed: 1 });
    try {
      await expect.poll(async () => (await countRows(core)).events, { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(5);
    } finally {
      trickle.stop();
    }
    const ids = await core.db.selectFrom('events').select('id').execute();
    expect(ids.every((e) => e.id.startsWith('live-'))).toBe(true);
  });
});
