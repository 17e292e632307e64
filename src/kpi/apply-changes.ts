import { affectedScores, rescore, type ScoreChange } from '../scoring/rescore.ts';
import type { KpiContext, Trx } from './kpi-context.ts';
import type { KpiKey } from './kpi-key.ts';
import { DerivedWrites } from './derived-writes.ts';
import { propagate, type KnownInputs, type ValueChange } from './propagate.ts';

/** Everything one committed write changed: what the SSE stream carries. */
export interface ChangeSet {
  kpis: ValueChange[];
  scores: ScoreChange[];
  /** Task events (created, progress, due soon, overdue, completed…), when the write touched tasks. */
  tasks?: TaskChange[];
  /** The event batches whose events this change folds in (acknowledged earlier when sent with `ack=stored`). */
  batches?: number[];
}

/** A task change as the stream carries it. */
export interface TaskChange {
  id: number;
  kind: string;
  directive: string;
  title: string;
  leadUnit: string;
  coordinators: string[];
  status: string;
  dueSoon: boolean;
  progress: number;
  deadline: string;
}

/** A change set with nothing in it (a new object each time: callers may add to it). */
export const emptyChangeSet = (): ChangeSet => ({ kpis: [], scores: [] });

export const isEmptyChangeSet = (c: ChangeSet) =>
  c.kpis.length === 0 && c.scores.length === 0 && (c.tasks?.length ?? 0) === 0 && (c.batches?.length ?? 0) === 0;

export function mergeChangeSets(a: ChangeSet, b: ChangeSet): ChangeSet {
  return { kpis: [...a.kpis, ...b.kpis], scores: [...a.scores, ...b.scores], tasks: [...(a.tasks ?? []), ...(b.tasks ?? [])] };
}

/**
 * KPI cells first (bottom-up), then the scores and ranks they move — all in the caller's transaction, unless
 * `writes` is given: the rows are then only gathered there, for the caller to write (see DerivedWrites).
 */
export async function applyKpiChanges(
  trx: Trx,
  ctx: KpiContext,
  dirty: Iterable<KpiKey>,
  known: KnownInputs & { extraScores?: Iterable<KpiKey>; writes?: DerivedWrites } = {},
): Promise<ChangeSet> {
  const writes = known.writes ?? new DerivedWrites();
  const kpis = await propagate(trx, ctx, dirty, known, writes);
  const scores = await rescore(trx, ctx, affectedScores(ctx, [...kpis, ...(known.extraScores ?? [])]), writes);
  if (!known.writes) await writes.write(trx, ctx.bulk);
  return { kpis, scores };
}
