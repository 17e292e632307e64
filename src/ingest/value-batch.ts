import type { Catalogue } from '../indicators/catalogue.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { valueProblem } from '../indicators/valid-range.ts';
import { normalizePeriodInput, parsePeriod } from '../periods/period.ts';
import { ProblemList } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import { MAX_AMOUNT, MAX_BATCH_LINES } from './event-batch.ts';
import type { ValueInput } from './value-input.ts';
import type { AcceptedWindow } from '../periods/accepted-window.ts';

/** The window periods must fall in, and the time it is judged at. */
export interface AcceptedAt {
  window: AcceptedWindow;
  now: Date;
}

/**
 * Checks a whole batch of reported values; throws one ValidationError naming every bad line, field and reason.
 * Returns the values with canonical period keys.
 */
export function validateValues(values: ValueInput[], units: UnitTree, catalogue: Catalogue, accepted: AcceptedAt, options: { system?: boolean } = {}): ValueInput[] {
  const problems = new ProblemList();
  if (values.length === 0) problems.add({ ...reason('emptyBatch') });
  if (values.length > MAX_BATCH_LINES) problems.add({ ...reason('batchTooLarge', { max: MAX_BATCH_LINES }) });
  problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);

  const out: ValueInput[] = [];
  const seen = new Map<string, number>();
  for (const v of values) {
    const before = problems.items.length;
    const { line } = v;
    const unit = units.get(v.unit);
    if (!unit) problems.add({ line, field: 'unit', value: v.unit, ...reason('unknownUnit', { code: v.unit }) });
    const def = catalogue.get(v.indicator);
    if (!def) problems.add({ line, field: 'indicator', value: v.indicator, ...reason('unknownIndicator', { code: v.indicator }) });
    else if (def.kind !== 'reported') problems.add({ line, field: 'indicator', value: v.indicator, ...reason('notReported', { code: def.code, kind: def.kind }) });
    else if (def.computedBy && !options.system) problems.add({ line, field: 'indicator', value: v.indicator, ...reason('computedIndicator', { code: def.code }) });
    else if (unit && !def.appliesTo.includes(unit.kind)) {
      problems.add({ line, field: 'indicator', value: v.indicator, ...reason('notApplicable', { code: def.code, kind: unit.kind }) });
    }
    const period = normalizePeriodInput(String(v.period ?? ''));
    if (def && (!period || parsePeriod(period)?.type !== def.periodType)) {
      problems.add({ line, field: 'period', value: v.period, ...reason('badPeriod', { value: String(v.period), type: def.periodType }) });
    } else if (period && !options.system) {
      // What the system writes (task metrics, for the years of their deadlines) follows the tasks' own rules.
      const outside = accepted.window.refusal(period, accepted.now, 'reported');
      if (outside) problems.add({ line, field: 'period', value: v.period, ...outside });
    }
    if (typeof v.value !== 'number' || !Number.isFinite(v.value)) problems.add({ line, field: 'value', value: v.value, ...reason('mustBeNumber') });
    else if (Math.abs(v.value) > MAX_AMOUNT) problems.add({ line, field: 'value', value: v.value, ...reason('numberTooLarge', { max: '10^15' }) });
    else if (def) outsideRange(def, v, problems);
    if (v.source !== undefined && (typeof v.source !== 'string' || v.source.length > 200)) problems.add({ line, field: 'source', ...reason('mustBeText', { max: 200 }) });
    if (v.evidence !== undefined && (typeof v.evidence !== 'string' || v.evidence.length > 2000)) problems.add({ line, field: 'evidence', ...reason('mustBeText', { max: 2000 }) });
    if (problems.items.length > before || !period) continue;
    const key = `${v.unit}|${v.indicator}|${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add({ line, field: 'period', value: period, ...reason('duplicateValue', { first }) });
      continue;
    }
    seen.set(key, line);
    out.push({ ...v, period });
  }
  problems.throwIfAny(msg('batchRejected', { count: problems.items.length }).vi);
  return out;
}

/** A value the indicator cannot take (a 150 % coverage, −7 villages, 1.5 people) refuses the batch, naming the range. */
function outsideRange(def: IndicatorDefinition, v: ValueInput, problems: ProblemList): void {
  const why = valueProblem(def, v.value);
  if (why) problems.add({ line: v.line, field: 'value', value: v.value, ...why });
}
