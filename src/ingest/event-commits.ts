import { sql } from 'kysely';
import type { ChangeSet } from '../kpi/apply-changes.ts';
import type { KpiContext } from '../kpi/kpi-context.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Actor, WriteGate, WriteIntent } from '../writes/write-gate.ts';
import { applyEvents, storeBatch, type StoredBatch } from './ingest-events.ts';
import type { ParsedBatch } from './parsed-batch.ts';

/** What one batch's POST learns: its own counts, and the change (and its id) of the commit that carried it. */
export interface EventSubmitResult {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  changes: ChangeSet;
  seq: number | null;
}

interface Pending {
  actor: Actor;
  intent: WriteIntent;
  batch: ParsedBatch;
  source: string | null;
  resolve(result: EventSubmitResult): void;
  reject(error: unknown): void;
}

/** A commit carries at most this many events, so one burst cannot hold the database for long. */
const MAX_GROUP_EVENTS = 400_000;

/**
 * Group commit for event batches. A batch that arrives while an earlier commit is running waits for it and is then
 * committed together with every other batch that waited: one transaction, one fsync, one pass of propagation over
 * the cells they touch together, one change message. Alone, a batch commits at once, as before. Under load the
 * groups grow by themselves, so the per-cell work of propagation and scoring is shared by more events.
 *
 * Each batch is still accepted or refused whole: its rows are written under a savepoint, and a batch that turns out
 * to conflict with stored events is rolled back to it and refused alone, leaving no trace (no audit record), while
 * the rest of the group commits. Each written batch gets its own audit record.
 */
export class EventCommitQueue {
  private pending: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly gate: WriteGate,
    private readonly ctx: KpiContext,
  ) {}

  /** Authorises at once (a refusal throws before anything is queued), then resolves when the batch is committed. */
  submit(actor: Actor, batch: ParsedBatch, source: string | null): Promise<EventSubmitResult> {
    const intent: WriteIntent = { action: 'events.ingest', units: batch.unitCodes, eventTypes: batch.eventTypes };
    this.gate.authorize(actor, intent);
    return new Promise((resolve, reject) => {
      this.pending.push({ actor, intent, batch, source, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves once nothing is queued or being committed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Commits groups until none is waiting; marks itself finished in the same step that finds the queue empty. Before
   * each group it lets the event loop run once: SQLite calls are synchronous, so while a commit runs no request body
   * is read and no batch is parsed; yielding lets every batch that arrived meanwhile join the next group.
   */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        await yieldToLoop();
        await this.commit(this.takeGroup());
      }
    } finally {
      this.running = undefined;
    }
  }

  private takeGroup(): Pending[] {
    let events = 0;
    let n = 0;
    while (n < this.pending.length && (n === 0 || events + (this.pending[n]?.batch.ids.length ?? 0) <= MAX_GROUP_EVENTS)) {
      events += this.pending[n]?.batch.ids.length ?? 0;
      n++;
    }
    return this.pending.splice(0, n);
  }

  private async commit(group: Pending[]): Promise<void> {
    const outcomes: (StoredBatch | ConflictError)[] = [];
    try {
      const { value: changes, seq } = await this.gate.runGroup('events.ingest', group, async (trx) => {
        outcomes.length = 0;
        for (const p of group) {
          await sql`SAVEPOINT event_batch`.execute(trx);
          try {
            outcomes.push(await storeBatch(trx, this.ctx, p.batch, p.actor.id, p.source));
            await sql`RELEASE event_batch`.execute(trx);
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            await sql`ROLLBACK TO event_batch`.execute(trx);
            await sql`RELEASE event_batch`.execute(trx);
            outcomes.push(error);
          }
          // Bodies still arriving can be read (and parsed) between the batches of a group.
          await yieldToLoop();
        }
        const stored = outcomes.filter((o): o is StoredBatch => !(o instanceof ConflictError));
        const changes = await applyEvents(trx, this.ctx, stored);
        const audits = outcomes.map((o, i) => {
          if (o instanceof ConflictError) return null;
          const p = group[i];
          // The events themselves are kept, unchangeable, under their batch; the audit holds the batch's fingerprint.
          const after = { batchId: o.batchId, accepted: o.accepted, duplicates: o.duplicates, source: p?.source ?? null, eventTypes: p?.intent.eventTypes, sha256: p?.batch.digest };
          return { target: o.batchId === null ? undefined : `batch:${o.batchId}`, after };
        });
        return { value: changes, audits, changes };
      });
      group.forEach((p, i) => {
        const o = outcomes[i];
        if (o === undefined || o instanceof ConflictError) p.reject(o ?? new Error('batch lost from its group'));
        else p.resolve({ accepted: o.accepted, duplicates: o.duplicates, batchId: o.batchId, changes, seq });
      });
    } catch (error) {
      for (const p of group) p.reject(error);
    }
  }
}

/** One turn of the event loop: pending I/O (request bodies, new requests) runs before the promise settles. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
