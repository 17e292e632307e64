import { reloadCatalogue, type Core } from '../core.ts';
import { applyKpiChanges } from '../kpi/apply-changes.ts';
import { normalizePeriodInput, parsePeriod } from '../periods/period.ts';
import { ProblemList } from '../shared/errors.ts';
import { MAX_AMOUNT } from '../ingest/event-batch.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import { unitChunksByIndicatorPeriod } from '../store/cell-groups.ts';
import { msg, reason } from '../shared/messages.ts';
import type { Actor } from '../writes/write-gate.ts';
import { setTargets, upsertIndicator } from './catalogue.repository.ts';
import type { IndicatorDefinition } from './indicator.ts';
import { targetProblem } from './valid-range.ts';

export interface TargetInput {
  indicator: string;
  unit: string;
  period: string;
  value: number;
}

/** Sets targets (whole batch or nothing) and rescores the units and months they touch. */
export async function saveTargets(core: Core, actor: Actor, inputs: TargetInput[]) {
  const problems = new ProblemList();
  const rows = inputs.map((t, i) => {
    const line = i + 1;
    const def = core.ctx.catalogue.get(t.indicator);
    if (!def) problems.add({ line, field: 'indicator', value: t.indicator, ...reason('unknownIndicator', { code: t.indicator }) });
    if (!core.ctx.units.has(t.unit)) problems.add({ line, field: 'unit', value: t.unit, ...reason('unknownUnit', { code: t.unit }) });
    const period = normalizePeriodInput(String(t.period));
    const type = period ? parsePeriod(period)?.type : undefined;
    if (def && (!type || (type !== def.periodType && type !== 'year'))) {
      problems.add({ line, field: 'period', value: t.period, ...reason('badPeriod', { value: String(t.period), type: def.periodType }) });
    } else if (period) {
      const outside = core.ctx.window.refusal(period, core.ctx.now(), 'planned');
      if (outside) problems.add({ line, field: 'period', value: t.period, ...outside });
    }
    if (typeof t.value !== 'number' || !Number.isFinite(t.value)) problems.add({ line, field: 'value', value: t.value, ...reason('mustBeNumber') });
    else if (Math.abs(t.value) > MAX_AMOUNT) problems.add({ line, field: 'value', value: t.value, ...reason('numberTooLarge', { max: '10^15' }) });
    else if (def) outsideRange(def, t.value, line, problems);
    return { indicator: t.indicator, unit: t.unit, period: period ?? '', value: t.value };
  });
  problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);
  const units = [...new Set(rows.map((r) => r.unit))];
  return core.gate.run(actor, { action: 'targets.set', units }, async (trx) => {
    const before = await targetsInForce(trx, rows);
    await setTargets(trx, rows);
    const changes = await applyKpiChanges(trx, core.ctx, [], { extraScores: rows });
    return { accepted: rows.length, changes, audit: { before, after: rows.map((r) => [r.unit, r.indicator, r.period, r.value]) } };
  });
}

/** A target the indicator can never reach (a coverage of 150 %) is as wrong as such a value. */
function outsideRange(def: IndicatorDefinition, value: number, line: number, problems: ProblemList): void {
  const why = targetProblem(def.valid, value);
  if (why) problems.add({ line, field: 'value', value, ...why });
}

/** Adds or changes one indicator definition; the whole catalogue is validated before anything is written. */
export async function saveIndicator(core: Core, actor: Actor, def: IndicatorDefinition) {
  const result = await core.gate.run(actor, { action: 'catalogue.upsert', units: [] }, async (trx) => {
    const before = core.ctx.catalogue.get(def.code) ?? null;
    await upsertIndicator(trx, def, core.ctx.now(), { eventTypes: core.ctx.catalogue.definition.eventTypes });
    return { code: def.code, audit: { target: `indicator:${def.code}`, before, after: def } };
  });
  await reloadCatalogue(core);
  return result;
}

/** The targets a batch replaces, as `[unit, indicator, period, value]`, for the audit's "before". */
async function targetsInForce(trx: Trx, rows: readonly TargetInput[]): Promise<[string, string, string, number][]> {
  const out: [string, string, string, number][] = [];
  for (const { indicator, period, units } of unitChunksByIndicatorPeriod(rows)) {
    const found = await trx.selectFrom('targets').select(['unit_code', 'value']).where('indicator_code', '=', indicator).where('period', '=', period).where('unit_code', 'in', units).execute();
    for (const t of found) out.push([t.unit_code, indicator, period, t.value]);
  }
  return out;
}
