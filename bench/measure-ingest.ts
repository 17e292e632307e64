import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from './http-client.ts';
import type { ChangeStream } from './measure-freshness.ts';
import { splitCpu, type CpuSplit, type ServerProcess } from './server-process.ts';
import { NdjsonWriter, type Workload } from './workload.ts';
import { count, seconds } from './report.ts';
import { quantile } from './stats.ts';

export interface IngestPlan {
  /** First event number to send, and how many events to send at most. */
  from: number;
  count: number;
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** No new batch starts once this long has passed since the first one was sent; batches in flight finish. */
  budgetMs: number;
  /** Where the batches are written before the load starts (deleted after it). */
  dir: string;
  /** How many contiguous slices of the batches to report a rate for (the "runs"). */
  slices: number;
  /** `stored`: each reply once the batch is durable, its KPIs folded just after; `derived`: once folded too. */
  ack: 'stored' | 'derived';
  /** The server, whose CPU time (all threads, and by thread) is read at the start and at the end of the load. */
  server?: Pick<ServerProcess, 'pid' | 'cpuMs' | 'threadsCpuMs'>;
  /** A change stream open during the load: each batch's reply → the change that folded it (`foldLagMs`). */
  stream?: ChangeStream;
}

export interface IngestResult {
  sent: number;
  accepted: number;
  duplicates: number;
  batches: number;
  ms: number;
  /** Time spent writing the batches before the load (not part of `ms`), and how many events they hold. */
  prepareMs: number;
  prepared: number;
  /** Events per second of each slice of consecutive batches, in order. */
  sliceRates: number[];
  /** Time of each batch from its request to its reply (each reply only after the batch is committed). */
  batchMs: number[];
  /** From the last reply until the server had folded every batch into its KPIs (part of `ms` and of the last slice). */
  catchUpMs: number;
  /**
   * For each batch: from its reply (stored, with ack=stored) to the arrival on the stream of the change that folded
   * it into the KPIs, i.e. how stale a dashboard was under this load; empty without a stream. Batches whose change
   * never came are counted in `foldLagMissing`.
   */
  foldLagMs: number[];
  foldLagMissing: number;
  /** The event number after the last one sent. */
  next: number;
  /** CPU time the server used during the load (all threads), in ms; NaN when unknown. */
  serverCpuMs: number;
  /** The same by kind of thread; NaN where /proc is missing. */
  serverCpuSplit: CpuSplit;
}

interface EventsReply {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  changeId: number | null;
}

/**
 * Posts the workload's events as NDJSON batches, `concurrency` at a time, as fast as the server answers. The batches
 * are written to a file first and only read back during the load: source systems run on their own machines, and on
 * this 2-core one generating the stream (≈ 4.4 µs per event) would otherwise take CPU from the server it measures.
 */
export async function ingest(url: URL, token: string, workload: Workload, plan: IngestPlan): Promise<IngestResult> {
  const prepareStarted = performance.now();
  const file = BatchFile.write(join(plan.dir, `batches-${plan.from}.ndjson`), workload, plan.from, plan.count, plan.batchSize);
  const prepareMs = performance.now() - prepareStarted;
  const client = new HttpClient(url, plan.concurrency);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
  let nextBatch = 0;
  let sent = 0;
  const done: { at: number; events: number; batchId: number | null }[] = [];
  const batchMs: number[] = [];
  let accepted = 0;
  let duplicates = 0;
  const started = performance.now();
  const cpuAtStart = plan.server?.cpuMs() ?? Number.NaN;
  const threadsAtStart = plan.server?.threadsCpuMs() ?? new Map<number, number>();
  const deadline = started + plan.budgetMs;

  const path = `/api/events?ack=${plan.ack}`;
  const worker = async () => {
    while (nextBatch < file.batches.length && performance.now() < deadline) {
      const batch = file.read(nextBatch++);
      sent += batch.events;
      const reply = await client.send(path, { method: 'POST', headers, body: batch.body });
      if (reply.status !== 201 && reply.status !== 200) throw new Error(`POST /api/events: HTTP ${reply.status} ${reply.body.slice(0, 1_000)}`);
      const result = JSON.parse(reply.body) as EventsReply;
      accepted += result.accepted;
      duplicates += result.duplicates;
      done.push({ at: reply.doneAt, events: batch.events, batchId: result.batchId });
      batchMs.push(reply.doneAt - reply.sentAt);
    }
  };
  let caughtUp: number;
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    // Replies may come before the KPIs are folded (ack=stored): the load is over only when the server has caught up.
    caughtUp = await derivedCaughtUp(client);
  } finally {
    client.close();
    file.remove();
  }
  const lastReply = Math.max(started, ...done.map((d) => d.at));
  const foldLagMs: number[] = [];
  let foldLagMissing = 0;
  if (plan.stream) {
    // The change naming the last batches can reach the stream just after health reported them folded.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const { at, batchId } of done) {
      if (batchId === null) continue;
      const folded = plan.stream.folded.get(batchId);
      if (folded === undefined) foldLagMissing++;
      else foldLagMs.push(Math.max(0, folded - at));
    }
  }
  const serverCpuMs = (plan.server?.cpuMs() ?? Number.NaN) - cpuAtStart;
  const serverCpuSplit = splitCpu(plan.server?.pid ?? -1, threadsAtStart, plan.server?.threadsCpuMs() ?? new Map(), serverCpuMs);
  return {
    serverCpuMs,
    serverCpuSplit,
    sent, accepted, duplicates, batches: done.length, ms: caughtUp - started, prepareMs, prepared: plan.count,
    sliceRates: sliceRates(started, done, plan.slices, caughtUp), batchMs, catchUpMs: Math.max(0, caughtUp - lastReply), foldLagMs, foldLagMissing, next: plan.from + sent,
  };
}

/** Polls the server's health until no batch waits to be stored or folded; returns when it saw that. */
async function derivedCaughtUp(client: HttpClient): Promise<number> {
  const deadline = performance.now() + 600_000;
  while (performance.now() < deadline) {
    const health = await client.json<{ ingest: { waiting: { batches: number }; unfolded: { batches: number } } }>('/api/health');
    if (health.ingest.waiting.batches === 0 && health.ingest.unfolded.batches === 0) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the server did not fold the stored batches within 10 minutes');
}

/** NDJSON batches written one after another to a file, read back one at a time (from the page cache). */
class BatchFile {
  private constructor(
    private readonly path: string,
    private readonly fd: number,
    readonly batches: readonly { offset: number; length: number; events: number }[],
  ) {}

  static write(path: string, workload: Workload, from: number, count: number, batchSize: number): BatchFile {
    const fd = openSync(path, 'w+');
    const writer = new NdjsonWriter(workload);
    const batches: { offset: number; length: number; events: number }[] = [];
    let offset = 0;
    for (let first = from; first < from + count; first += batchSize) {
      const events = Math.min(batchSize, from + count - first);
      const body = writer.write(first, events);
      writeSync(fd, body, 0, body.length, offset);
      batches.push({ offset, length: body.length, events });
      offset += body.length;
    }
    return new BatchFile(path, fd, batches);
  }

  read(i: number): { body: Buffer; events: number } {
    const b = this.batches[i];
    if (!b) throw new Error(`no batch ${i}`);
    const body = Buffer.allocUnsafe(b.length);
    readSync(this.fd, body, 0, b.length, b.offset);
    return { body, events: b.events };
  }

  remove(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}

/**
 * Rates of contiguous slices of the batches (by completion), each timed from the previous slice's last reply; the last
 * slice ends when the server had folded everything (`end`). Batches committed together (group commit) are answered
 * together: a slice never ends inside such a group, where its time would be zero.
 */
function sliceRates(started: number, done: readonly { at: number; events: number }[], slices: number, end: number): number[] {
  const sorted = [...done].sort((a, b) => a.at - b.at);
  const total = sorted.reduce((s, b) => s + b.events, 0);
  const target = total / Math.max(1, slices);
  const rates: number[] = [];
  let since = started;
  let events = 0;
  for (let i = 0; i < sorted.length; i++) {
    const batch = sorted[i];
    if (!batch) continue;
    events += batch.events;
    const next = sorted[i + 1];
    const endOfGroup = !next || next.at - batch.at > 1;
    const at = next ? batch.at : Math.max(batch.at, end);
    if (endOfGroup && (events >= target || !next) && at > since) {
      rates.push((events * 1_000) / (at - since));
      since = at;
      events = 0;
    }
  }
  return rates;
}

/** A load phase's CPU time as µs per event stored. */
const perEvent = (r: IngestResult, ms: number): number => (ms * 1_000) / Math.max(1, r.accepted);
/** Server CPU time (every thread) per event stored in a load phase, µs. */
export const cpuPerEvent = (r: IngestResult): number => perEvent(r, r.serverCpuMs);
/** The same by kind of thread, as `main / parser / others µs`. */
export function splitPerEvent(r: IngestResult): string {
  const { main, parser, rest } = r.serverCpuSplit;
  return `${[main, parser, rest].map((ms) => perEvent(r, ms).toFixed(1)).join(' / ')} µs`;
}

/** p50 / p99 / max of the batches' reply → folded lag, and how many never showed up on the stream. */
function lag(r: Pick<IngestResult, 'foldLagMs' | 'foldLagMissing'>): string {
  if (r.foldLagMs.length === 0) return 'at an unknown time (no stream)';
  const q = (p: number) => count(quantile(r.foldLagMs, p));
  return `p50 / p99 / max ${q(0.5)} / ${q(0.99)} / ${count(Math.max(...r.foldLagMs))} ms${r.foldLagMissing > 0 ? ` (${r.foldLagMissing} batches never seen on the stream)` : ''}`;
}

/** One load phase in a line: rate, server CPU per event by thread, how far the KPIs lagged. */
export function describeIngest(r: IngestResult): string {
  return `${count(r.accepted)} events in ${count(r.batches)} batches, ${seconds(r.ms)}: ${count((r.accepted * 1_000) / r.ms)} ev/s, server CPU ${cpuPerEvent(r).toFixed(1)} µs per event (main / parser / others ${splitPerEvent(r)}), KPIs caught up ${count(r.catchUpMs)} ms after the last reply, a batch reached them ${lag(r)} after its reply (batches written beforehand in ${seconds(r.prepareMs)}, not timed)`;
}
