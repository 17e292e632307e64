import { Worker } from 'node:worker_threads';
import type { DistinctRun, SumColumn } from '../ingest/event-aggregation.ts';
import type { EventSource } from '../store/event-reader.ts';
import type { KpiContext } from './kpi-context.ts';
import type { ScanMessage, ScanSetup } from './recompute-worker.ts';

export interface ScanResult {
  events: number;
  /** Each thread's sums, at the events' own units. */
  sums: SumColumn[][];
}

/**
 * Folds the stored events up to position `last` on `threads` worker threads, each reading its own share of the
 * positions on its own read-only connection (`EventSource`). Each page's distinct keys are handed to `onDistinct`
 * on this thread, one call at a time and in arrival order, while the scans go on; the sums come at the end. The
 * first failure (a thread's or `onDistinct`'s) stops every thread and rejects.
 */
export async function scanOnThreads(
  source: EventSource,
  ctx: Pick<KpiContext, 'units' | 'catalogue'>,
  last: number,
  threads: number,
  onDistinct: (runs: DistinctRun[]) => Promise<void>,
): Promise<ScanResult> {
  const units = [...ctx.units.all()];
  const share = Math.ceil(last / threads);
  const workers: Worker[] = [];
  let written = Promise.resolve();
  try {
    const results = await Promise.all(
      Array.from({ length: threads }, (_, i) => {
        const setup: ScanSetup = { source, after: i * share, upTo: Math.min(last, (i + 1) * share), pageSize: 20_000, units, catalogue: ctx.catalogue.definition };
        const worker = new Worker(new URL('./recompute-worker.boot.js', import.meta.url), { workerData: setup });
        workers.push(worker);
        return new Promise<{ events: number; sums: SumColumn[] }>((resolve, reject) => {
          worker.on('message', (message: ScanMessage) => {
            if (message.kind === 'distinct') {
              written = written.then(() => onDistinct(message.runs));
              written.catch(reject);
              return;
            }
            resolve({ events: message.events, sums: message.sums });
          });
          worker.on('error', reject);
          worker.on('exit', (code) => reject(new Error(`a recompute thread stopped (exit code ${code}) before it had scanned its events`)));
        });
      }),
    );
    await written;
    return { events: results.reduce((n, r) => n + r.events, 0), sums: results.map((r) => r.sums) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    // Keys still being written when a thread failed must be done before the caller rolls back.
    await written.catch(() => undefined);
  }
}
