/**
 * Ingest alone, through the real server over HTTP, for comparing two builds or two settings in pairs run back to
 * back: starts the server as the bench does (the flags of `npm start`, plus any `--node-flag`), posts the workload's
 * first N events as the bench's load does (batches of 50,000, 4 in flight, ack=stored, a change stream open), and
 * prints the bench's line for a load phase, with the rate of each fifth of the batches and the server's peak RSS.
 *
 *   node --import tsx bench/http-ingest.ts [events] [--node-flag=--max-semi-space-size=64 …]
 *
 * Not part of `npm run bench` and writes nothing to RESULTS.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ChangeStream } from './measure-freshness.ts';
import { describeIngest, ingest } from './measure-ingest.ts';
import { count, megabytes } from './report.ts';
import { createToken, ServerProcess, signIn } from './server-process.ts';
import { lastWholeMinute, Workload } from './workload.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'node-flag': { type: 'string', multiple: true, default: [] } } });
const events = Number(positionals[0] ?? 2_000_000);
if (!Number.isSafeInteger(events) || events <= 0) throw new Error(`not a positive whole number: ${positionals[0]}`);

const dir = mkdtempSync(join(tmpdir(), 'nhipso-http-ingest-'));
const dbFile = join(dir, 'bench.db');
const adminPassword = `bench-${randomBytes(12).toString('base64url')}`;
// The token is made on the fresh file before the server opens it, as the bench does.
const token = await createToken(dbFile);
const server = await ServerProcess.start({ dbFile, adminPassword, nodeFlags: values['node-flag'] });
try {
  const cookie = await signIn(server.url, adminPassword);
  const stream = await ChangeStream.open(server.url, cookie);
  const workload = new Workload({ seed: 2026, until: lastWholeMinute(), months: 2 });
  const r = await ingest(server.url, token, workload, { from: 0, count: events, batchSize: 50_000, concurrency: 4, budgetMs: 1_800_000, slices: 5, dir, ack: 'stored', server, stream });
  stream.close();
  console.log(`${describeIngest(r)}; fifths of the batches ${r.sliceRates.map(count).join(' / ')} ev/s; server peak RSS ${megabytes(server.peakRss())}`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
