import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from './http-client.ts';
import { NdjsonWriter, type Workload } from './workload.ts';

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
  /** The event number after the last one sent. */
  next: number;
}

interface EventsReply {
  accepted: number;
  duplicates: number;
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
  const done: { at: number; events: number }[] = [];
  const batchMs: number[] = [];
  let accepted = 0;
  let duplicates = 0;
  const started = performance.now();
  const deadline = started + plan.budgetMs;

  const worker = async () => {
    while (nextBatch < file.batches.length && performance.now() < deadline) {
      const batch = file.read(nextBatch++);
      sent += batch.events;
      const reply = await client.send('/api/events', { method: 'POST', headers, body: batch.body });
      if (reply.status !== 201 && reply.status !== 200) throw new Error(`POST /api/events: HTTP ${reply.status} ${reply.body.slice(0, 1_000)}`);
      const result = JSON.parse(reply.body) as EventsReply;
      accepted += result.accepted;
      duplicates += result.duplicates;
      done.push({ at: reply.doneAt, events: batch.events });
      batchMs.push(reply.doneAt - reply.sentAt);
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } finally {
    client.close();
    file.remove();
  }
  return { sent, accepted, duplicates, batches: done.length, ms: performance.now() - started, prepareMs, prepared: plan.count, sliceRates: sliceRates(started, done, plan.slices), batchMs, next: plan.from + sent };
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
 * Rates of contiguous slices of the batches (by completion), each timed from the previous slice's last reply. Batches
 * committed together (group commit) are answered together: a slice never ends inside such a group, where its time
 * would be zero.
 */
function sliceRates(started: number, done: readonly { at: number; events: number }[], slices: number): number[] {
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
    if (endOfGroup && (events >= target || !next) && batch.at > since) {
      rates.push((events * 1_000) / (batch.at - since));
      since = batch.at;
      events = 0;
    }
  }
  return rates;
}
