import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core.ts';
import { submitEvents } from '../ingest/submit.ts';
import { listCorrections } from '../publication/publication.query.ts';
import { ndjson, testActor } from '../testing/test-core.ts';
import { runNhipso } from '../testing/run-cli.ts';

let dir: string;
let db: string;
const nhipso = (...args: string[]) => runNhipso(db, ...args);
const dossiers = (prefix: string, count: number, channel: string) =>
  ndjson(Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, type: 'dossier.submitted', unit: '00004', time: '2025-10-10T09:00:00+07:00', attributes: { channel, fee: 1000 } })));

async function withCore<T>(work: (core: Awaited<ReturnType<typeof openCore>>) => Promise<T>): Promise<T> {
  const core = await openCore({ dbFile: db });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-periods-'));
  db = join(dir, 'periods.db');
  await withCore((core) => submitEvents(core, testActor, dossiers('a', 4, 'online')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nhipso periods', () => {
  it('publishes an ended month once, lists it, and refuses to publish it again', async () => {
    const published = await nhipso('periods', 'publish', '2025-10', '--note', 'Kỳ tháng 10');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Đã công bố kỳ 2025-10');
    expect((await nhipso('periods', 'list')).stdout).toContain('2025-10');
    const again = await nhipso('periods', 'publish', '2025-10');
    expect(again.code).toBe(4);
  });

  it('corrects a published month only with a reason, and keeps the published values beside the reason', async () => {
    await withCore((core) => submitEvents(core, testActor, dossiers('b', 4, 'offline')));
    const noReason = await nhipso('periods', 'correct', '2025-10');
    expect(noReason.code).not.toBe(0);
    const corrected = await nhipso('periods', 'correct', '2025-10', '--reason', 'Bổ sung hồ sơ giấy nhận muộn');
    expect(corrected.code).toBe(0);
    const corrections = await withCore((core) => listCorrections(core.db, '2025-10', true));
    expect(corrections.length).toBeGreaterThan(0);
    expect(corrections.every((c) => c.reason === 'Bổ sung hồ sơ giấy nhận muộn')).toBe(true);
  });
});
