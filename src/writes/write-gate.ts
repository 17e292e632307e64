import type { Db } from '../store/engine.ts';
import { isEmptyChangeSet, type ChangeSet } from '../kpi/apply-changes.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import type { ChangeBus, ChangeMessage } from '../live/change-bus.ts';
import { appendChange } from '../live/change-feed.ts';

/** Who is writing. Accounts and system tokens (issue #5) will fill in `kind: 'user' | 'token'`. */
export interface Actor {
  id: string;
  kind: 'system' | 'anonymous' | 'user' | 'token';
  ip?: string;
}

/** What a write touches: the gate authorises per unit and, later, audits it. */
export interface WriteIntent {
  action: string;
  units: readonly string[];
}

/**
 * The one door every write passes through: one transaction holds the change, its feed entry (and, with #5, the
 * authorisation check and audit record); live subscribers hear of it only after it is committed and durable.
 */
export class WriteGate {
  constructor(private readonly db: Db, private readonly bus: ChangeBus, private readonly now: () => Date = () => new Date()) {}

  async run<T extends object>(actor: Actor, intent: WriteIntent, work: (trx: Trx) => Promise<T>): Promise<T & { seq: number | null }> {
    let message: ChangeMessage | undefined;
    const result = await this.db.transaction().execute(async (trx) => {
      const out = await work(trx);
      const changes = (out as { changes?: ChangeSet }).changes;
      if (changes && !isEmptyChangeSet(changes)) {
        message = await appendChange(trx, intent.action, changes, this.now().toISOString());
      }
      return out;
    });
    if (message) this.bus.publish(message);
    return { ...result, seq: message?.seq ?? null };
  }
}
