/**
 * Ingest alone, through the real server over HTTP, for comparing two builds or two settings in pairs run back to
 * back: starts the server as the bench does (the flags of `npm start`, plus any `--node-flag`), posts the workload's
 * first N events as the bench's load does (batches of 50,000, 4 in flight, ack=stored, a change stream open), and
 * prints one line: events/s, the rate of each fifth of the batches, server CPU per event by thread, the lag from
 * reply to fold, and the server's peak RSS.
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
import { ingest } from './measure-ingest.ts';
import { createToken, ServerProcess, signIn } from './server-process.ts';
import { quantile } from './stats.ts';
import { Workload } from './workload.ts';

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
  const workload = new Workload({ seed: 2026, until: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000), months: 2 });
  const r = await ingest(server.url, token, workload, { from: 0, count: events, batchSize: 50_000, concurrency: 4, budgetMs: 1_800_000, slices: 5, dir, ack: 'stored', server, stream });
  stream.close();
  const perEvent = (ms: number) => ((ms * 1_000) / r.accepted).toFixed(2);
  const { main, parser, rest } = r.serverCpuSplit;
  const k = (n: number) => Math.round(n / 1_000);
  console.log(
    `${r.accepted} events: ${Math.round((r.accepted * 1_000) / r.ms)} events/s (fifths ${r.sliceRates.map(k).join(' / ')} k), ` +
      `CPU ${perEvent(r.serverCpuMs)} µs per event (main ${perEvent(main)}, parser ${perEvent(parser)}, others ${perEvent(rest)}), ` +
      `lag p50 ${Math.round(quantile(r.foldLagMs, 0.5))} ms, p99 ${Math.round(quantile(r.foldLagMs, 0.99))} ms, peak RSS ${Math.round(server.peakRss() / 1_048_576)} MB`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
