/**
 * Ingest without HTTP, for profiling the server's own work: opens a core on a temporary database, writes the
 * workload's batches beforehand, then submits them `inflight` at a time as the route does, and prints events/s.
 *
 *   node --max-old-space-size=512 --max-semi-space-size=32 --import tsx bench/in-process-ingest.ts [events] [batch] [inflight]
 *   NHIPSO_PARSE_WORKER=0 …   parse on the main thread, as the CLI does
 *   NHIPSO_ACK=derived …       answer each batch after its fold (default: stored, as the bench's load does)
 *   node --cpu-prof …          profile it
 *
 * Not part of `npm run bench`, whose figures all go through the real server; the batches here are generated in the
 * same process before the clock starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { tuneServerHeap } from '../src/cli/server-heap.ts';
import { openCore } from '../src/core.ts';
import { submitEvents } from '../src/ingest/submit.ts';
import { splitCpu, threadCpuMs } from './server-process.ts';
import { Workload } from './workload.ts';

const [events = 400_000, batchSize = 50_000, inflight = 4] = process.argv.slice(2).map(Number);
const now = new Date('2026-11-30T10:00:00Z');
const ack = process.env.NHIPSO_ACK === 'derived' ? 'derived' : 'stored';
const dir = mkdtempSync(join(tmpdir(), 'nhipso-in-process-'));
// The heap as `serve` tunes it.
tuneServerHeap();
const core = await openCore({ dbFile: join(dir, 'bench.db'), now: () => now, parseInWorker: loadConfig().parseInWorker });
try {
  const workload = new Workload({ seed: 2026, until: new Date(now.getTime() - 3_600_000), months: 2 });
  const batches: string[] = [];
  for (let first = 0; first < events; first += batchSize) batches.push(workload.ndjson(first, Math.min(batchSize, events - first)));
  await core.parser.warm();
  const actor = { id: 'bench', kind: 'system' } as const;
  let next = 0;
  const threadsBefore = threadCpuMs('self');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const client = async () => {
    while (next < batches.length) await submitEvents(core, actor, batches[next++] as string, null, ack);
  };
  await Promise.all(Array.from({ length: inflight }, client));
  // Timed until every batch is folded, not only stored.
  await core.events.idle();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1_000;
  // CPU time of every thread of the process (main, parser, garbage collector): steadier than events/s on a shared machine.
  const cpuPerEvent = (cpuMs * 1_000) / events;
  console.log(`${events} events in ${batches.length} batches, ${inflight} in flight, ack=${ack}: ${ms.toFixed(0)} ms, ${Math.round((events * 1_000) / ms)} events/s, CPU ${cpuPerEvent.toFixed(1)} µs per event (all threads)`);
  // By thread: the main one (storing, folding), the busiest other (the parser's worker) and the rest (V8's helpers).
  const { main, parser, rest } = splitCpu(process.pid, threadsBefore, threadCpuMs('self'), cpuMs);
  const perEvent = (ms: number) => ((ms * 1_000) / events).toFixed(1);
  console.log(`  µs per event: main thread ${perEvent(main)}, parser ${perEvent(parser)}, other threads ${perEvent(rest)} (busy ${((main * 100) / ms).toFixed(0)} % and ${((parser * 100) / ms).toFixed(0)} % of the time)`);
} finally {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}
