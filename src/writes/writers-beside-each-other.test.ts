import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runNhipso, type CliResult } from '../testing/run-cli.ts';
import { ndjson, startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

/**
 * Another process writing the same file, the way a CLI import or recompute does: short write transactions, and one
 * that holds the lock longer than the busy timeout (a recompute of a nation's data).
 */
const OTHER_WRITER = `
const Database = (await import(process.argv[2])).default;
const db = new Database(process.argv[3]);
db.pragma('busy_timeout = 5000');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const holds = [...Array(20).fill(150), 6000, ...Array(20).fill(150)];
for (const [i, ms] of holds.entries()) {
  db.exec('BEGIN IMMEDIATE');
  db.prepare("UPDATE units SET name_en = name_en WHERE code = ?").run('01');
  sleep(ms);
  db.exec('COMMIT');
  // A read between writes: the next write of the server sees a newer snapshot than the one it read.
  db.prepare('SELECT count(*) FROM batches').get();
  sleep(i % 3 === 0 ? 5 : 40);
}
`;

interface Sent {
  kind: 'events' | 'values';
  marker: string;
  status: number;
}

/** Posts event batches and values one after the other until `until` settles, answers kept to be checked. */
async function keepWriting(target: TestApp, until: Promise<unknown>, maxMs: number): Promise<Sent[]> {
  let done = false;
  void until.finally(() => (done = true));
  const deadline = Date.now() + maxMs;
  const sent: Sent[] = [];
  const events = async () => {
    for (let i = 0; !done && Date.now() < deadline; i++) {
      const marker = `ev-${i}`;
      const body = ndjson([0, 1, 2].map((k) => ({ id: `${marker}-${k}`, type: 'dossier.submitted', unit: '01', time: '2026-11-03T09:00:00+07:00', attributes: { channel: 'online', fee: 1000 } })));
      const ack = i % 2 === 0 ? 'derived' : 'stored';
      const res = await target.admin.fetch(`/api/events?ack=${ack}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      await res.arrayBuffer();
      sent.push({ kind: 'events', marker, status: res.status });
    }
  };
  const values = async () => {
    for (let i = 0; !done && Date.now() < deadline; i++) {
      const marker = `val-${i}`;
      const body = JSON.stringify([{ unit: '01', indicator: 'population', period: '2026', value: 1000 + i, source: marker }]);
      const res = await target.admin.fetch('/api/values', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      sent.push({ kind: 'values', marker, status: res.status });
    }
  };
  await Promise.all([events(), values(), until]);
  return sent;
}

/** Every acknowledged write is in the database, and none that was refused. */
async function expectStoredAsAnswered(target: TestApp, sent: readonly Sent[]): Promise<void> {
  const db = target.core.db;
  const events = new Set((await db.selectFrom('events').select('id').execute()).map((r) => r.id.replace(/-\d+$/, '')));
  const values = new Set((await db.selectFrom('reported_values').select('source').execute()).map((r) => r.source));
  const wrong = sent.filter((s) => (s.status < 300) !== (s.kind === 'events' ? events.has(s.marker) : values.has(s.marker)));
  expect(wrong).toEqual([]);
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |SqliteError/);

describe('writers beside each other on one database file', () => {
  it('makes the server wait for another process holding the write lock, never answering 5xx', async () => {
    app = await startTestApp({ catalogue: testCatalogue });
    const script = join(app.dir, 'other-writer.mjs');
    writeFileSync(script, OTHER_WRITER);
    const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
    const other = new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, [script, sqlitePath, join(app?.dir ?? '', 'test.db')]);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code: code ?? 1, stdout: '', stderr }));
    });
    const sent = await keepWriting(app, other, 40_000);
    expect((await other).stderr).toBe('');
    await app.core.events.idle();
    expect(sent.filter((s) => s.status >= 500)).toEqual([]);
    expect(sent.filter((s) => s.status < 300).length).toBeGreaterThan(10);
    await expectStoredAsAnswered(app, sent);
  }, 60_000);

  it('lets a CLI import and the server write together: no 5xx, no stack trace, every answer true', async () => {
    app = await startTestApp();
    const csv = join(app.dir, 'dan-so.csv');
    writeFileSync(csv, 'Mã đơn vị;Dân số (người)\n01;8.435.700\n79;14.002.598\n');
    const db = join(app.dir, 'test.db');
    const imports = (async () => {
      const results: CliResult[] = [];
      for (let i = 0; i < 2; i++) results.push(await runNhipso(db, 'import', csv, '--period', 'Năm 2025'));
      return results;
    })();
    const sent = await keepWriting(app, imports, 50_000);
    for (const result of await imports) {
      noStackTrace(result.stderr);
      expect(result.code).toBe(0);
    }
    await app.core.events.idle();
    expect(sent.filter((s) => s.status >= 500)).toEqual([]);
    await expectStoredAsAnswered(app, sent);
  }, 90_000);
});
