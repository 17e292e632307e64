import { request, type ClientRequest } from 'node:http';
import { HttpClient } from './http-client.ts';
import { NdjsonWriter, type Workload } from './workload.ts';

/** An open SSE stream: when each change id arrived (performance.now()). */
export class ChangeStream {
  readonly arrivals = new Map<number, number>();
  /** When the change that folded each event batch arrived, by batch id (from its `batches` list). */
  readonly folded = new Map<number, number>();
  private req: ClientRequest | undefined;
  private readonly waiters = new Map<number, () => void>();

  static open(url: URL, cookie: string): Promise<ChangeStream> {
    const stream = new ChangeStream();
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/api/stream', headers: { cookie, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`GET /api/stream: HTTP ${res.statusCode}`));
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = performance.now();
          pending += chunk;
          const cut = pending.lastIndexOf('\n');
          if (cut < 0) return;
          if (stream.scan(pending.slice(0, cut), now)) resolve(stream);
          pending = pending.slice(cut + 1);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
      stream.req = req;
      // The stream says `event: ready` after its backlog; a short wait covers a server that does not.
      setTimeout(() => resolve(stream), 2_000);
    });
  }

  /** Resolves when the change has arrived, or after `timeoutMs`. */
  waitFor(seq: number, timeoutMs: number): Promise<void> {
    if (this.arrivals.has(seq)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.set(seq, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close(): void {
    this.req?.destroy();
  }

  /**
   * Notes the `id:` lines and the `"batches":[…]` lists only: the data of a big batch's change can be large, and
   * parsing it is not what is timed. True when the text holds `event: ready` (the backlog is out).
   */
  private scan(text: string, now: number): boolean {
    for (let at = text.indexOf(BATCHES); at >= 0; at = text.indexOf(BATCHES, at + 1)) {
      const end = text.indexOf(']', at);
      if (end < 0) break;
      for (const id of text.slice(at + BATCHES.length, end).split(',')) {
        const batch = Number.parseInt(id, 10);
        if (Number.isFinite(batch) && !this.folded.has(batch)) this.folded.set(batch, now);
      }
    }
    for (let at = text.indexOf('id: '); at >= 0; at = text.indexOf('id: ', at + 4)) {
      if (at > 0 && text[at - 1] !== '\n') continue;
      const seq = Number.parseInt(text.slice(at + 4, at + 24), 10);
      if (!Number.isFinite(seq) || this.arrivals.has(seq)) continue;
      this.arrivals.set(seq, now);
      this.waiters.get(seq)?.();
      this.waiters.delete(seq);
    }
    return text.includes('event: ready');
  }
}

const BATCHES = '"batches":[';

export interface FreshnessPlan {
  from: number;
  eventsPerSecond: number;
  batchSize: number;
  durationMs: number;
  /** Batches in flight at most; beyond, the schedule slips and the achieved rate shows it. */
  maxInFlight: number;
}

export interface FreshnessRun {
  /** Reply of the POST (accepted, committed) → the change on the stream; negative when the stream was first. */
  afterAccepted: number[];
  /** POST sent → the change on the stream. */
  endToEnd: number[];
  /** Changes never seen on the stream within 10 s of their reply. */
  missing: number;
  achievedEventsPerSecond: number;
  next: number;
}

/**
 * Background ingest at a steady rate for `durationMs` while a stream is open; every batch is also a probe. When the
 * server cannot keep up, batches wait for a free slot and the achieved rate shows it.
 */
export async function measureFreshness(url: URL, token: string, stream: ChangeStream, workload: Workload, plan: FreshnessPlan): Promise<FreshnessRun> {
  const client = new HttpClient(url, plan.maxInFlight);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
  const interval = (plan.batchSize * 1_000) / plan.eventsPerSecond;
  const scheduled = Math.max(1, Math.ceil(plan.durationMs / interval));
  // Made before the clock starts: the client should not compete with the server while it is being timed.
  const writer = new NdjsonWriter(workload);
  const bodies = Array.from({ length: scheduled }, (_, k) => Buffer.from(writer.write(plan.from + k * plan.batchSize, plan.batchSize)));
  const afterAccepted: number[] = [];
  const endToEnd: number[] = [];
  let missing = 0;
  let inFlight = 0;
  let accepted = 0;
  const probes: Promise<void>[] = [];
  const started = performance.now();
  const end = started + plan.durationMs;
  let sent = 0;
  while (sent < scheduled) {
    const due = started + sent * interval;
    while (performance.now() < Math.min(due, end) || (inFlight >= plan.maxInFlight && performance.now() < end)) await pause(1);
    if (performance.now() >= end) break;
    inFlight++;
    probes.push(
      client.send('/api/events', { method: 'POST', headers, body: bodies[sent] }).then(async (reply) => {
        inFlight--;
        if (reply.status !== 201) throw new Error(`POST /api/events: HTTP ${reply.status} ${reply.body.slice(0, 500)}`);
        const { changeId, accepted: n } = JSON.parse(reply.body) as { changeId: number; accepted: number };
        if (reply.doneAt <= end) accepted += n;
        await stream.waitFor(changeId, 10_000);
        const seen = stream.arrivals.get(changeId);
        if (seen === undefined) return void missing++;
        afterAccepted.push(seen - reply.doneAt);
        endToEnd.push(seen - reply.sentAt);
      }),
    );
    sent++;
  }
  await Promise.all(probes);
  client.close();
  return { afterAccepted, endToEnd, missing, achievedEventsPerSecond: (accepted * 1_000) / plan.durationMs, next: plan.from + sent * plan.batchSize };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
