import type { ChangeSet } from '../kpi/apply-changes.ts';
import type { ChangeDigest } from './change-digest.ts';

/** One committed change as the stream carries it; `seq` is the SSE event id. */
export interface ChangeMessage {
  seq: number;
  at: string;
  kind: string;
  /** The change, or for a large one (see change-digest.ts) its Nation-level part, with the digest beside it. */
  changes: ChangeSet & { digest?: ChangeDigest };
}

type Listener = (message: ChangeMessage) => void;

/** In-process fan-out of committed changes to open streams. Published only after the transaction commits. */
export class ChangeBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: ChangeMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // A broken stream must not stop the others; its own close handler unsubscribes it.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
