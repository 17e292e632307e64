import { sql } from 'kysely';
import { yieldToLoop } from '../shared/event-loop.ts';
import { emptyChangeSet, type ChangeSet } from '../kpi/apply-changes.ts';
import type { KpiContext } from '../kpi/kpi-context.ts';
import type { Db } from '../store/engine.ts';
import { StaleChangeError } from '../kpi/derived-writes.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Actor, WriteGate, WriteIntent } from '../writes/write-gate.ts';
import { foldLeftovers, planFold, storeBatch, writeFold, type StoredBatch } from './ingest-events.ts';
import type { ParsedBatch } from './parsed-batch.ts';

/**
 * When a batch's POST is answered: `derived` (the default) once its events are in every KPI, score and rank, with
 * the change it made; `stored` as soon as it is durable, its effects following on the live stream (decision 0014).
 */
export type EventAck = 'stored' | 'derived';

/** What one batch's POST learns: its own counts, and (once derived) the change and change id of the fold that carried it. */
export interface EventSubmitResult {
  accepted: number;
  duplicates: number;
  batchId: number | null;
  /** False when answered on storage alone (`ack=stored`): `changes` is then empty and `seq` null. */
  derived: boolean;
  changes: ChangeSet;
  seq: number | null;
}

interface Pending {
  actor: Actor;
  intent: WriteIntent;
  batch: ParsedBatch;
  source: string | null;
  ack: EventAck;
  resolve(result: EventSubmitResult): void;
  reject(error: unknown): void;
}

/**
 * A stored batch waiting to be folded, with the POST still waiting for it when it asked for `derived` (its answer
 * only: the batch's columns are not kept to its fold).
 */
interface Unfolded {
  stored: StoredBatch;
  waiting?: Pick<Pending, 'resolve' | 'reject'>;
  /** `performance.now()` when it was stored. */
  at: number;
}

/** How far ingest is behind: batches waiting to be stored, and batches stored but not yet folded. */
export interface IngestBacklog {
  waiting: { batches: number; events: number };
  unfolded: { batches: number; events: number };
}

/** A commit carries at most this many events, so one burst cannot hold the database for long. */
const MAX_GROUP_EVENTS = 400_000;

/**
 * A fold's cost is mostly fixed (a national stream touches every commune's cells whatever its size), so under load
 * batches are stored and answered first and folded together, until the oldest has waited this long…
 */
const MAX_FOLD_WAIT_MS = 500;
/** …or this many events wait to be folded. */
const MAX_FOLD_EVENTS = 600_000;

/**
 * How long after a fold the next may start, from how long the last one took (decision 0019). Under a nation's stream
 * a fold costs ~0.8 s however many events it carries (it rewrites nearly every commune's cells); run back to back,
 * folds took two thirds of the main thread (12 folds of 200,000 events: 9.6 s of a 15.5 s run). So after a fold of 250 ms or more the next waits as
 * long as it took (at most a second), and batches go on being stored meanwhile: folding takes half the time, and a
 * fold carries twice the events. A quicker fold (any load short of overload) is followed at once.
 */
export const foldGapAfter = (tookMs: number): number => (tookMs < 250 ? 0 : Math.min(1_000, tookMs));
/**
 * Senders answered `ack=stored` usually send their next batch at once; its request takes a moment to reach the
 * server, so after answering them a fold gives it this long to be announced before running without it.
 */
const NEXT_BATCH_GRACE_MS = 15;

/**
 * Event batches go in two transactions. The first stores a group of batches — those that arrived while the
 * previous step ran — with an audit record each: once it commits, the batches are durable. The second folds every
 * stored batch not yet folded into the derived tables (running totals, KPI cells, scores, ranks) and publishes one
 * change naming them. Storing comes first and a fold carries everything stored since the last one (see `drain`):
 * its cost, mostly fixed (a spread stream touches every commune's cells), is shared by more events the busier the
 * server is, and a source system sending with `ack=stored` is answered without waiting for it.
 *
 * Each batch is still accepted or refused whole: its rows are written under a savepoint, and a batch that turns out
 * to conflict with stored events is rolled back to it and refused alone, leaving no trace (no audit record), while
 * the rest of the group commits. A stop between the two transactions loses nothing: batches are marked folded in
 * the fold's transaction, and those left unfolded are folded when the database is next opened (`foldLeftovers`).
 */
export class EventCommitQueue {
  private pending: Pending[] = [];
  private unfolded: Unfolded[] = [];
  /** The group being stored and the batches being folded: still behind, until their transaction commits. */
  private storing: readonly Pending[] = [];
  private folding: readonly Unfolded[] = [];
  private running: Promise<void> | undefined;
  /** The fold under way, while batches go on being stored beside it. */
  private foldTask: Promise<void> | undefined;
  /** A fold failed: its batches stay unfolded in the database and are read back before the next fold. */
  private leftovers = false;
  /** When a store last answered `ack=stored` senders (performance.now()). */
  private answeredStored = -Infinity;
  /** When the next fold may start, at the earliest (performance.now(); see `foldGapAfter`). */
  private foldOpens = -Infinity;
  /** Batches announced (`expect`) but not yet submitted, and who to wake when that changes. */
  private arriving = 0;
  private wake: (() => void) | undefined;

  private readonly foldErrorListeners = new Set<(error: unknown) => void>();

  constructor(
    private readonly gate: WriteGate,
    private readonly ctx: KpiContext,
    /** The database outside any transaction: what a fold reads while it is worked out. */
    private readonly db: Db,
    private readonly gapAfter: (tookMs: number) => number = foldGapAfter,
  ) {}

  /** Told when a fold fails (its batches are kept, unfolded, and folded again before the next one): for the log. */
  onFoldError(listener: (error: unknown) => void): void {
    this.foldErrorListeners.add(listener);
  }

  /** Authorises at once (a refusal throws before anything is queued), then resolves when the batch is stored or derived. */
  submit(actor: Actor, batch: ParsedBatch, source: string | null, ack: EventAck = 'derived'): Promise<EventSubmitResult> {
    const intent: WriteIntent = { action: 'events.ingest', units: batch.unitNames, eventTypes: batch.typeNames };
    this.gate.authorize(actor, intent);
    return new Promise((resolve, reject) => {
      this.pending.push({ actor, intent, batch, source, ack, resolve, reject });
      this.running ??= this.drain();
      this.wakeUp();
    });
  }

  /**
   * Announces a batch on its way (its request is being received or parsed), so that a fold may wait for it; the
   * returned function, safe to call more than once, withdraws the announcement (call it once the batch is submitted
   * or has failed).
   */
  expect(): () => void {
    this.arriving++;
    let withdrawn = false;
    return () => {
      if (withdrawn) return;
      withdrawn = true;
      this.arriving--;
      this.wakeUp();
    };
  }

  /** Resolves once nothing is queued, being stored or waiting to be folded. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Batches in the transaction under way count as still waiting (being stored) or unfolded (being folded). */
  backlog(): IngestBacklog {
    const waiting = [...this.pending, ...this.storing];
    const unfolded = [...this.unfolded, ...this.folding];
    return {
      waiting: { batches: waiting.length, events: waiting.reduce((n, p) => n + p.batch.count, 0) },
      unfolded: { batches: unfolded.length, events: unfolded.reduce((n, u) => n + u.stored.accepted, 0) },
    };
  }

  /** Folds the batches a stop left unfolded (see `hasLeftovers`); called when the database is opened. */
  async foldLeftovers(): Promise<void> {
    await this.gate.holdingDerived(() => this.foldFromDatabase());
  }

  /** Folds every stored batch not yet folded, read back from the database; the caller holds the derived tables. */
  private foldFromDatabase(): Promise<{ value: ChangeSet; seq: number | null }> {
    return this.gate.runGroup('events.ingest', [], async (trx) => {
      const changes = await foldLeftovers(trx, this.ctx);
      return { value: changes, audits: [], changes };
    }, { derivedLock: 'skip' });
  }

  /**
   * Stores groups and folds until nothing is left. Storing comes first — it is what answers `ack=stored` senders —
   * until a fold is due: the oldest stored batch has waited MAX_FOLD_WAIT_MS, or MAX_FOLD_EVENTS are waiting. With
   * nothing to store, a fold still waits (up to that bound) for batches announced as on their way; otherwise it
   * runs at once, so a lone batch is folded straight after it is stored. A fold is worked out in memory first, and
   * batches arriving meanwhile are stored beside it (decision 0018); only its own short write holds them back. One
   * fold runs at a time. Before each step the event loop runs once: SQLite calls are synchronous, so while a step
   * runs no request body is read and no batch is parsed.
   */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 || this.unfolded.length > 0 || this.foldTask) {
        if (this.pending.length > 0 && (this.foldTask || !this.foldDue())) {
          await yieldToLoop();
          await this.store(this.takeGroup());
          continue;
        }
        if (this.foldTask) {
          await this.nextArrival(Infinity);
          continue;
        }
        const waitMs = this.foldWait();
        if (waitMs > 0) {
          await this.nextArrival(waitMs);
          continue;
        }
        await yieldToLoop();
        this.foldTask = this.fold(this.unfolded.splice(0)).finally(() => {
          this.foldTask = undefined;
          this.wakeUp();
        });
      }
    } finally {
      this.running = undefined;
    }
  }

  /** How long a fold should still wait: for batches on their way, or briefly for the next one of a sender just answered. */
  private foldWait(): number {
    if (this.pending.length > 0 || this.foldDue()) return 0;
    if (this.arriving > 0) return this.untilDue();
    const now = performance.now();
    return Math.max(this.foldOpens - now, Math.min(this.untilDue(), this.answeredStored + NEXT_BATCH_GRACE_MS - now));
  }

  private foldDue(): boolean {
    if (this.unfolded.length === 0) return false;
    return this.untilDue() === 0 || this.unfolded.reduce((n, u) => n + u.stored.accepted, 0) >= MAX_FOLD_EVENTS;
  }

  /** Milliseconds until the oldest stored batch has waited MAX_FOLD_WAIT_MS and the gap after the last fold is over. */
  private untilDue(): number {
    return Math.max(0, Math.max((this.unfolded[0]?.at ?? 0) + MAX_FOLD_WAIT_MS, this.foldOpens) - performance.now());
  }

  /** Resolves when a batch is submitted or withdrawn, or a fold ends, or after `ms`. */
  private nextArrival(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.wakeUp(), ms) : undefined;
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private takeGroup(): Pending[] {
    let events = 0;
    let n = 0;
    while (n < this.pending.length && (n === 0 || events + (this.pending[n]?.batch.count ?? 0) <= MAX_GROUP_EVENTS)) {
      events += this.pending[n]?.batch.count ?? 0;
      n++;
    }
    return this.pending.splice(0, n);
  }

  private async store(group: Pending[]): Promise<void> {
    const outcomes: (StoredBatch | ConflictError)[] = [];
    this.storing = group;
    try {
      await this.gate.runGroup('events.ingest', group, async (trx) => {
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
        const audits = outcomes.map((o, i) => {
          if (o instanceof ConflictError) return null;
          const p = group[i];
          // The events themselves are kept, unchangeable, under their batch; the audit holds the batch's fingerprint.
          const after = { batchId: o.batchId, accepted: o.accepted, duplicates: o.duplicates, source: p?.source ?? null, eventTypes: p?.intent.eventTypes, sha256: p?.batch.digest };
          return { target: o.batchId === null ? undefined : `batch:${o.batchId}`, after };
        });
        return { value: undefined, audits, changes: emptyChangeSet() };
      }, { derivedLock: 'skip' });
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    } finally {
      this.storing = [];
    }
    const at = performance.now();
    group.forEach((p, i) => {
      const o = outcomes[i];
      if (o === undefined || o instanceof ConflictError) return p.reject(o ?? new Error('batch lost from its group'));
      // A batch whose events were all stored before has nothing to fold.
      if (o.batchId === null) return p.resolve(answer(o, emptyChangeSet(), null, true));
      if (p.ack === 'stored') {
        p.resolve(answer(o, emptyChangeSet(), null, false));
        this.answeredStored = at;
      }
      this.unfolded.push({ stored: o, waiting: p.ack === 'derived' ? { resolve: p.resolve, reject: p.reject } : undefined, at });
    });
  }

  private async fold(items: Unfolded[]): Promise<void> {
    this.folding = items;
    const started = performance.now();
    try {
      const { value: changes, seq } = await this.gate.holdingDerived(async () => {
        // After a failed fold, the database holds its batches and these alike, unfolded: they are read back from it.
        if (!this.leftovers) {
          try {
            const plan = await planFold(this.db, this.ctx, items.map((u) => u.stored));
            return await this.gate.runGroup('events.ingest', [], async (trx) => {
              const changes = plan ? await writeFold(trx, this.ctx, plan) : emptyChangeSet();
              return { value: changes, audits: [], changes };
            }, { derivedLock: 'skip' });
          } catch (error) {
            // The state in memory ran ahead of the database: it is dropped (a rolled-back write drops it too).
            this.ctx.state.clear();
            // Only when another process wrote meanwhile (a CLI beside the server) are the batches read back at once.
            if (!(error instanceof StaleChangeError)) throw error;
          }
        }
        return this.foldFromDatabase();
      });
      this.leftovers = false;
      for (const { stored, waiting } of items) waiting?.resolve(answer(stored, changes, seq, true));
    } catch (error) {
      // The batches are stored, and stay unfolded in the database until the next fold: those still waiting are
      // answered as what they are, stored and not yet derived — never as failed, which a sender would resend.
      this.leftovers = true;
      for (const listener of this.foldErrorListeners) listener(error);
      for (const { stored, waiting } of items) waiting?.resolve(answer(stored, emptyChangeSet(), null, false));
    } finally {
      this.folding = [];
      const ended = performance.now();
      this.foldOpens = ended + this.gapAfter(ended - started);
    }
  }
}

const answer = (o: StoredBatch, changes: ChangeSet, seq: number | null, derived: boolean): EventSubmitResult => ({
  accepted: o.accepted,
  duplicates: o.duplicates,
  batchId: o.batchId,
  derived,
  changes,
  seq,
});
