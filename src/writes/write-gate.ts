import type { Db } from '../store/engine.ts';
import { isEmptyChangeSet, type ChangeSet } from '../kpi/apply-changes.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import type { ChangeBus, ChangeMessage } from '../live/change-bus.ts';
import { appendChange } from '../live/change-feed.ts';
import type { Actor } from '../auth/actor.ts';
import { authorizeWrite, type WriteIntent } from '../auth/policy.ts';
import { appendAudit, type AuditDetail } from '../audit/audit-log.ts';
import type { UnitTree } from '../units/unit-tree.ts';

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
  private readonly committed = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly bus: ChangeBus,
    private readonly units: () => UnitTree,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Called after every committed write (with or without a live change), e.g. to drop cached reads. */
  onCommit(listener: () => void): () => void {
    this.committed.add(listener);
    return () => this.committed.delete(listener);
  }

  async run<T extends object>(actor: Actor, intent: WriteIntent, work: (trx: Trx) => Promise<T>): Promise<Omit<T, 'audit'> & { seq: number | null }> {
    authorizeWrite(actor, intent, this.units());
    let message: ChangeMessage | undefined;
    const result = await this.db.transaction().execute(async (trx) => {
      const out = await work(trx);
      const { changes, audit } = out as WriteOutcome;
      const at = this.now().toISOString();
      await appendAudit(trx, { at, actor, action: intent.action, units: intent.units, ...audit });
      if (changes && !isEmptyChangeSet(changes)) message = await appendChange(trx, intent.action, changes, at);
      return out;
    });
    for (const listener of this.committed) listener();
    if (message) this.bus.publish(message);
    const { audit: _recorded, ...rest } = result as T & WriteOutcome;
    return { ...rest, seq: message?.seq ?? null };
  }
}
