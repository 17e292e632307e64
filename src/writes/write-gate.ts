import type { Db } from '../store/engine.ts';
import { isEmptyChangeSet, type ChangeSet } from '../kpi/apply-changes.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import type { ChangeBus, ChangeMessage } from '../live/change-bus.ts';
import { appendChange } from '../live/change-feed.ts';
import type { Actor } from '../auth/actor.ts';
import { authorizeWrite, type WriteIntent } from '../auth/policy.ts';
import { appendAudit, type AuditDetail } from '../audit/audit-log.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import type { BulkWrites } from '../store/bulk-writes.ts';
import { asBusyError } from './busy.ts';

export type { Actor } from '../auth/actor.ts';
export type { WriteIntent } from '../auth/policy.ts';

/** What a write's work may return beside its own result: the live change set and what the audit should record. */
export interface WriteOutcome {
  changes?: ChangeSet;
  audit?: AuditDetail;
}

/**
 * The one door every write passes through: the actor is authorised for the units it touches before anything
 * starts; one transaction then holds the change, its audit record (hash-chained) and its feed entry; live
 * subscribers hear of it only after it is committed and durable.
 */
export class WriteGate {
  private readonly committed = new Set<(action: string) => void>();
  /** Settles when the write holding the derived tables (and every one queued before it) is done. */
  private derivedLock: Promise<void> = Promise.resolve();
  private readonly rolledBack = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly bus: ChangeBus,
    private readonly units: () => UnitTree,
    private readonly now: () => Date = () => new Date(),
    /** Prepared statements for the audit's unit rows (a batch can name thousands of units). */
    private readonly bulk?: Pick<BulkWrites, 'insertAuditUnits'>,
  ) {}

  /** Called after every committed write (with or without a live change) with its action, e.g. to drop cached reads. */
  onCommit(listener: (action: string) => void): () => void {
    this.committed.add(listener);
    return () => this.committed.delete(listener);
  }

  /**
   * Called when a write's transaction is given up, before the connection serves anyone else: whatever was changed in
   * memory for it (the derived state) must be dropped.
   */
  onRollback(listener: () => void): () => void {
    this.rolledBack.add(listener);
    return () => this.rolledBack.delete(listener);
  }

  async run<T extends object>(actor: Actor, intent: WriteIntent, work: (trx: Trx) => Promise<T>): Promise<Omit<T, 'audit'> & { seq: number | null }> {
    this.authorize(actor, intent);
    const { value, seq } = await this.commit(intent.action, 'take', async (trx) => {
      const out = await work(trx);
      const { changes, audit } = out as T & WriteOutcome;
      return { value: out, changes, audits: [{ actor, intent, detail: audit }] };
    });
    const { audit: _recorded, ...rest } = value as T & WriteOutcome;
    return { ...rest, seq };
  }

  /** The authorisation `run` does first, for writes queued to be committed together (see `runGroup`). */
  authorize(actor: Actor, intent: WriteIntent): void {
    authorizeWrite(actor, intent, this.units());
  }

  /**
   * Several writes of one action in one transaction (group commit), each authorised with `authorize` when it was
   * queued. `work` returns, for each entry, its audit detail, or `null` for an entry it refused and left no trace of;
   * and the change set of them all. The audit gets one record per written entry; subscribers get one message.
   */
  async runGroup<T>(
    action: WriteIntent['action'],
    entries: readonly { actor: Actor; intent: WriteIntent }[],
    work: (trx: Trx) => Promise<{ value: T; audits: readonly (AuditDetail | null)[]; changes: ChangeSet }>,
    /**
     * `skip`: the write does not take the derived tables' lock (see `holdingDerived`) — it writes none of them
     * (storing event batches), or its caller holds the lock already (a fold writing what it worked out).
     */
    options: { derivedLock?: 'take' | 'skip' } = {},
  ): Promise<{ value: T; seq: number | null }> {
    return this.commit(action, options.derivedLock ?? 'take', async (trx) => {
      const out = await work(trx);
      const audits = entries.flatMap((e, i) => {
        const detail = out.audits[i];
        return detail === null || detail === undefined ? [] : [{ ...e, detail }];
      });
      return { value: out.value, changes: out.changes, audits };
    });
  }

  /**
   * Runs `work` while no other write can change the derived tables or their state in memory: the writes that take
   * the lock (all but the stores of event batches) wait. A fold works its change out in memory under it, outside
   * any transaction, while batches go on being stored, then writes it with `derivedLock: 'skip'` (decision 0018).
   */
  async holdingDerived<T>(work: () => Promise<T>): Promise<T> {
    const before = this.derivedLock;
    let release = () => {};
    this.derivedLock = new Promise<void>((resolve) => (release = resolve));
    await before;
    try {
      return await work();
    } finally {
      release();
    }
  }

  private commit<T>(
    action: string,
    lock: 'take' | 'skip',
    work: (trx: Trx) => Promise<{ value: T; changes?: ChangeSet; audits: { actor: Actor; intent: WriteIntent; detail?: AuditDetail }[] }>,
  ): Promise<{ value: T; seq: number | null }> {
    return lock === 'take' ? this.holdingDerived(() => this.transact(action, work)) : this.transact(action, work);
  }

  private async transact<T>(
    action: string,
    work: (trx: Trx) => Promise<{ value: T; changes?: ChangeSet; audits: { actor: Actor; intent: WriteIntent; detail?: AuditDetail }[] }>,
  ): Promise<{ value: T; seq: number | null }> {
    let message: ChangeMessage | undefined;
    const abandon = () => {
      for (const listener of this.rolledBack) listener();
    };
    const value = await this.db
      .transaction()
      .execute(async (trx) => {
        try {
          const out = await work(trx);
          const at = this.now().toISOString();
          for (const { actor, intent, detail } of out.audits) await appendAudit(trx, { at, actor, action: intent.action, units: intent.units, ...detail }, this.bulk);
          if (out.changes && !isEmptyChangeSet(out.changes)) message = await appendChange(trx, action, out.changes, at, this.units());
          return out.value;
        } catch (error) {
          abandon();
          throw error;
        }
      })
      .catch((error: unknown) => {
        // A failed BEGIN or COMMIT lands here only.
        abandon();
        throw asBusyError(error);
      });
    for (const listener of this.committed) listener(action);
    if (message) this.bus.publish(message);
    return { value, seq: message?.seq ?? null };
  }
}
