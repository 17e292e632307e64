import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ProblemList, ValidationError, type Problem } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import { PERIOD_TYPES, type PeriodType } from '../periods/period.ts';
import { type CatalogueDefinition, FrameworkDefinition, IndicatorDefinition } from './indicator.ts';
import { isLinear, isQuotient, parseFormula, type Formula } from './formula.ts';
import { fieldOf, isRecord, schemaProblems, type DocPath, type Report } from './catalogue-schema.ts';
import { checkEventTypes } from './event-type-check.ts';
import { indicatorReason } from './indicator-messages.ts';
import { targetProblem } from './valid-range.ts';

export type { DocPath } from './catalogue-schema.ts';
/** Finds the source line of a path, when the catalogue came from a file. */
export type Locate = (path: DocPath) => number | undefined;

export interface CatalogueAnalysis {
  problems: Problem[];
  /** Parsed formulas of the valid formula indicators. */
  formulas: Map<string, Formula>;
  /** Valid indicators, inputs before the formulas that use them. */
  order: IndicatorDefinition[];
}

/** Checks a catalogue and throws every problem at once; returns it typed when valid. */
export function validateCatalogue(value: unknown, locate?: Locate): CatalogueDefinition {
  const { problems } = analyseCatalogue(value, locate);
  if (problems.length > 0) throw new ValidationError(msg('catalogueInvalid').vi, problems);
  return value as CatalogueDefinition;
}

/**
 * Schema problems first, then the semantic ones (kinds, formulas, roll-ups, references, cycles) on every item
 * that passed the schema, so one run lists everything wrong.
 */
export function analyseCatalogue(value: unknown, locate: Locate = () => undefined): CatalogueAnalysis {
  const list = new ProblemList();
  const report: Report = (path, why) => list.add({ field: fieldOf(path) || undefined, line: locate(path), ...why });
  schemaProblems(value, report);
  const doc = isRecord(value) ? value : {};
  const indicators = validItems<IndicatorDefinition>(doc['indicators'], IndicatorDefinition);
  const frameworks = Array.isArray(doc['frameworks'])
    ? validItems<FrameworkDefinition>(doc['frameworks'], FrameworkDefinition)
    : undefined;
  const declared = new Set(codesOf(doc['indicators']));
  const formulas = new Map<string, Formula>();
  const byCode = new Map<string, IndicatorDefinition>();

  uniqueCodes('pillars', doc['pillars'], report);
  uniqueCodes('frameworks', doc['frameworks'], report);
  uniqueCodes('indicators', doc['indicators'], report);
  uniqueCodes('eventTypes', doc['eventTypes'], report);
  if (Array.isArray(doc['eventTypes'])) checkEventTypes(doc['eventTypes'], indicators, report);
  for (const def of indicators) if (def && !byCode.has(def.code)) byCode.set(def.code, def);
  const context: Context = { report, declared, byCode, formulas, pillars: new Set(codesOf(doc['pillars'])), frameworks };
  indicators.forEach((def, i) => def && checkIndicator(def, i, context));

  const { order, cycles } = orderByInputs([...byCode.values()], formulas);
  for (const cycle of cycles) {
    const start = indicators.findIndex((def) => def?.code === cycle[0]);
    report(['indicators', start, 'formula'], reason('formulaCycle', { path: cycle.join(' → ') }));
  }
  return { problems: list.items, formulas, order };
}

/** Depth-first: each indicator after its formula inputs; ties keep the catalogue's order. */
function orderByInputs(
  defs: readonly IndicatorDefinition[],
  formulas: ReadonlyMap<string, Formula>,
): { order: IndicatorDefinition[]; cycles: string[][] } {
  const byCode = new Map(defs.map((def) => [def.code, def]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const order: IndicatorDefinition[] = [];
  const cycles: string[][] = [];
  const visit = (code: string): void => {
    const def = byCode.get(code);
    if (!def || state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(code)), code]);
      return;
    }
    state.set(code, 'visiting');
    stack.push(code);
    for (const input of formulas.get(code)?.inputs ?? []) visit(input);
    stack.pop();
    state.set(code, 'done');
    order.push(def);
  };
  for (const def of defs) visit(def.code);
  return { order, cycles };
}

interface Context {
  report: Report;
  /** Every code written in the file, even on an item that failed the schema: avoids a second, misleading error. */
  declared: ReadonlySet<string>;
  byCode: ReadonlyMap<string, IndicatorDefinition>;
  formulas: Map<string, Formula>;
  pillars: ReadonlySet<string>;
  frameworks: (FrameworkDefinition | undefined)[] | undefined;
}

function checkIndicator(def: IndicatorDefinition, i: number, ctx: Context): void {
  const at = (...rest: (string | number)[]): DocPath => ['indicators', i, ...rest];
  const { report } = ctx;
  if (!ctx.pillars.has(def.pillar)) report(at('pillar'), reason('unknownPillar', { code: def.pillar }));
  if (def.kind === 'event') checkEvent(def, at, report);
  if (def.kind === 'formula') checkFormula(def, at, ctx);
  if (def.kind === 'reported') {
    for (const field of ['event', 'formula'] as const) {
      if (def[field] !== undefined) report(at(field), reason('notAllowedForKind', { kind: def.kind, field }));
    }
    if (def.rollup === 'ratio') report(at('rollup'), reason('ratioNeedsFormula'));
  }
  checkWeightBy(def, at, ctx);
  checkRange(def, at, report);
  const { bands } = def;
  if (bands && !(bands.good >= bands.fair && bands.fair >= bands.average)) report(at('bands'), reason('bandsOrder'));
  if (ctx.frameworks) checkGroups(def, at, ctx.frameworks, report);
}

function checkEvent(def: IndicatorDefinition, at: (...rest: (string | number)[]) => DocPath, report: Report): void {
  if (!def.event) report(at('event'), reason('eventRuleMissing'));
  else if (def.event.aggregate !== 'count' && !def.event.field) {
    report(at('event', 'field'), reason('eventFieldMissing', { aggregate: def.event.aggregate }));
  }
  if (def.formula !== undefined) report(at('formula'), reason('notAllowedForKind', { kind: def.kind, field: 'formula' }));
  if (def.rollup !== 'sum') report(at('rollup'), reason('eventRollupSum'));
}

function checkFormula(def: IndicatorDefinition, at: (...rest: (string | number)[]) => DocPath, ctx: Context): void {
  const { report } = ctx;
  if (def.event !== undefined) report(at('event'), reason('notAllowedForKind', { kind: def.kind, field: 'event' }));
  if (def.formula === undefined) return report(at('formula'), reason('formulaMissing'));
  let formula: Formula;
  try {
    formula = parseFormula(def.formula);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const p of error.problems) report(at('formula'), { reason: p.reason, reasonEn: p.reasonEn ?? p.reason });
    return;
  }
  ctx.formulas.set(def.code, formula);
  for (const code of formula.inputs) {
    if (!ctx.declared.has(code)) report(at('formula'), reason('formulaUnknownInput', { code }));
    const input = ctx.byCode.get(code);
    if (!input || input.code === def.code) continue;
    if (input.rollup !== 'sum') report(at('formula'), reason('formulaInputNotSum', { code, rollup: input.rollup }));
    if (isFiner(input.periodType, def.periodType)) report(at('formula'), finer(input, def));
  }
  if (isQuotient(formula)) {
    if (def.rollup !== 'ratio') report(at('rollup'), reason('formulaRollupRatio'));
  } else if (!isLinear(formula)) report(at('formula'), reason('formulaNotRollable'));
  else if (def.rollup !== 'sum') report(at('rollup'), reason('formulaRollupSum'));
}

/** A reported indicator says which values it takes; the range is not empty, and the default target lies inside it. */
function checkRange(def: IndicatorDefinition, at: (...rest: (string | number)[]) => DocPath, report: Report): void {
  const { valid } = def;
  if (!valid) {
    if (def.kind === 'reported') report(at('valid'), indicatorReason('rangeRequired'));
    return;
  }
  if (valid.min !== undefined && valid.max !== undefined && valid.min > valid.max) {
    return report(at('valid'), indicatorReason('rangeEmpty', { min: valid.min, max: valid.max }));
  }
  const outside = def.target === undefined ? undefined : targetProblem(valid, def.target);
  if (outside) report(at('target'), outside);
}

function checkWeightBy(def: IndicatorDefinition, at: (...rest: (string | number)[]) => DocPath, ctx: Context): void {
  if (def.weightBy === undefined) return;
  const { report } = ctx;
  if (def.rollup !== 'weighted_mean') return report(at('weightBy'), reason('weightByNeedsWeightedMean'));
  if (def.weightBy === def.code) return report(at('weightBy'), reason('weightBySelf'));
  if (!ctx.declared.has(def.weightBy)) return report(at('weightBy'), reason('unknownIndicator', { code: def.weightBy }));
  const weight = ctx.byCode.get(def.weightBy);
  if (weight && isFiner(weight.periodType, def.periodType)) report(at('weightBy'), finer(weight, def));
}

function checkGroups(
  def: IndicatorDefinition,
  at: (...rest: (string | number)[]) => DocPath,
  frameworks: (FrameworkDefinition | undefined)[],
  report: Report,
): void {
  for (const [framework, group] of Object.entries(def.groups ?? {})) {
    const found = frameworks.find((f) => f?.code === framework);
    if (!found) report(at('groups', framework), reason('unknownFramework', { code: framework }));
    else if (!found.groups.some((g) => g.code === group)) {
      report(at('groups', framework), reason('unknownGroup', { framework, code: group }));
    }
  }
}

/** An input read per month cannot feed a yearly value; a yearly one can feed a monthly value (read for the year). */
function isFiner(type: PeriodType, than: PeriodType): boolean {
  return PERIOD_TYPES.indexOf(type) < PERIOD_TYPES.indexOf(than);
}

function finer(input: IndicatorDefinition, def: IndicatorDefinition): { reason: string; reasonEn: string } {
  return reason('finerPeriod', { code: input.code, inputType: input.periodType, type: def.periodType });
}

function uniqueCodes(list: string, items: unknown, report: Report): void {
  if (!Array.isArray(items)) return;
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const code = isRecord(item) ? item['code'] : undefined;
    if (typeof code !== 'string') return;
    const seen = first.get(code);
    if (seen === undefined) first.set(code, i);
    else report([list, i, 'code'], reason('duplicateCode', { code, first: fieldOf([list, seen]) }));
  });
}

function validItems<T>(items: unknown, schema: TSchema): (T | undefined)[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => (Value.Check(schema, item) ? (item as T) : undefined));
}

function codesOf(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => (isRecord(item) && typeof item['code'] === 'string' ? [item['code']] : []));
}
