import type { BulkWrites, DistinctKeys } from '../store/bulk-writes.ts';
import type { KpiValueTable, ScoreTable } from '../store/schema.ts';
import type { Trx } from './kpi-context.ts';

/**
 * The rows a change to the derived tables writes — KPI cells, scores (and scores that no longer exist), new distinct
 * keys — gathered while the change is worked out in memory and written together at the end (`write`). A fold of
 * event batches works its change out outside any transaction, while batches go on being stored, and writes it in a
 * short one (decision 0018); every other change works it out and writes it in the same transaction.
 */
export class DerivedWrites {
  readonly cells: KpiValueTable[] = [];
  readonly scores: ScoreTable[] = [];
  readonly removedScores: { unit: string; month: string }[] = [];
  /** Keys found new when the change was worked out: each must still be new when written. */
  readonly distinct: DistinctKeys[] = [];

  /** Writes everything gathered, in the caller's transaction. Throws if a key thought new was stored meanwhile. */
  async write(trx: Trx, bulk: Pick<BulkWrites, 'insertNewDistinct' | 'upsertKpiCells' | 'upsertScores'>): Promise<void> {
    if (this.distinct.length > 0) {
      const added = await bulk.insertNewDistinct(this.distinct);
      const expected = this.distinct.reduce((n, d) => n + d.keys.length, 0);
      if (added !== expected) throw new StaleChangeError('distinct keys were stored while the change was worked out');
    }
    await bulk.upsertKpiCells(this.cells);
    for (const { unit, month } of this.removedScores) {
      await trx.deleteFrom('scores').where('unit_code', '=', unit).where('period', '=', month).execute();
    }
    await bulk.upsertScores(this.scores);
  }
}

/** A change worked out outside a transaction no longer matches the database it would be written to. */
export class StaleChangeError extends Error {
  override readonly name = 'StaleChangeError';
}
