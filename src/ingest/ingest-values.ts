import { chunked } from '../store/chunked.ts';
import { keyOf } from '../kpi/kpi-key.ts';
import type { KpiContext, Trx } from '../kpi/kpi-context.ts';
import { applyKpiChanges, type ChangeSet } from '../kpi/apply-changes.ts';
import type { ReportedOverride } from '../kpi/propagate.ts';
import type { ValueInput } from './value-input.ts';

export interface ValueIngestResult {
  accepted: number;
  batchId: number;
  changes: ChangeSet;
}

/** Keeps every report (history is never overwritten) and makes the newest one the unit's value in force. */
export async function ingestValues(trx: Trx, ctx: KpiContext, values: ValueInput[], actor: string, kind: 'values' | 'import', source: string | null): Promise<ValueIngestResult> {
  const reportedAt = ctx.now().toISOString();
  const batch = await trx
    .insertInto('batches')
    .values({ kind, actor, source, received_at: reportedAt, row_count: values.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const rows of chunked(values, 300)) {
    await trx
      .insertInto('reported_values')
      .values(rows.map((v) => ({
        indicator_code: v.indicator, unit_code: v.unit, period: v.period, value: v.value,
        source: v.source ?? source, evidence: v.evidence ?? null, reported_at: reportedAt, batch_id: batch.id,
      })))
      .execute();
  }
  const overrides = new Map<string, ReportedOverride>(values.map((v) => [keyOf(v.indicator, v.unit, v.period), { value: v.value, reportedAt }]));
  const dirty = values.map((v) => ({ indicator: v.indicator, unit: v.unit, period: v.period }));
  const changes = await applyKpiChanges(trx, ctx, dirty, { overrides });
  return { accepted: values.length, batchId: batch.id, changes };
}
