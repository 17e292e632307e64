import { HttpClient } from './http-client.ts';
import { NdjsonWriter, type Workload } from './workload.ts';

export interface IngestPlan {
  /** First event number to send, and how many events to send at most. */
  from: number;
  count: number;
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** No new batch starts after this moment (performance.now()); batches in flight finish. */
  deadline: number;
  /** How many contiguous slices of the batches to report a rate for (the "runs"). */
  slices: number;
}

export interface IngestResult {
  sent: number;
  accepted: number;
  duplicates: number;
  batches: number;
  ms: number;
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

/** Posts the workload's events as NDJSON batches, `concurrency` at a time, as fast as the server answers. */
export async function ingest(url: URL, token: string, workload: Workload, plan: IngestPlan): Promise<IngestResult> {
  const client = new HttpClient(url, plan.concurrency);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
  const end = plan.from + plan.count;
  let next = plan.from;
  const done: { at: number; events: number }[] = [];
  const batchMs: number[] = [];
  let accepted = 0;
  let duplicates = 0;
  const started = performance.now();

  const worker = async () => {
    const writer = new NdjsonWriter(workload);
    while (next < end && performance.now() < plan.deadline) {
      const from = next;
      const size = Math.min(plan.batchSize, end - from);
      next += size;
      const reply = await client.send('/api/events', { method: 'POST', headers, body: writer.write(from, size) });
      if (reply.status !== 201 && reply.status !== 200) throw new Error(`POST /api/events: HTTP ${reply.status} ${reply.body.slice(0, 1_000)}`);
      const result = JSON.parse(reply.body) as EventsReply;
      accepted += result.accepted;
      duplicates += result.duplicates;
      done.push({ at: reply.doneAt, events: size });
      batchMs.push(reply.doneAt - reply.sentAt);
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } finally {
    client.close();
  }
  return { sent: next - plan.from, accepted, duplicates, batches: done.length, ms: performance.now() - started, sliceRates: sliceRates(started, done, plan.slices), batchMs, next };
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
