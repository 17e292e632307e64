import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { ValidationError, type Problem } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import { enclosingPeriod, type PeriodType } from '../periods/period.ts';
import type { UnitKind } from '../store/schema.ts';
import type { CatalogueDefinition, EventTypeDefinition, FrameworkDefinition, IndicatorDefinition, PillarDefinition } from './indicator.ts';
import { eventTypeRules, eventTypesOf, type EventTypeRules } from './event-types.ts';
import { analyseCatalogue, validateCatalogue, type DocPath } from './catalogue-check.ts';
import type { Formula } from './formula.ts';

export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL('../../catalogue/default.yaml', import.meta.url));

const SCORED_PERIODS: ReadonlySet<PeriodType> = new Set(['month', 'quarter', 'year']);

/** Reads a catalogue written in YAML or JSON; problems carry the field path and, when known, the line. */
export function parseCatalogue(text: string, fileName: string): CatalogueDefinition {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax: Problem[] = doc.errors.map((e) => ({
    line: lineCounter.linePos(e.pos[0]).line,
    ...reason('fileUnreadable', { reason: `${basename(fileName)}: ${e.message}` }),
  }));
  if (syntax.length === 0 && /\.json$/i.test(fileName)) {
    try {
      JSON.parse(text); // YAML accepts more than JSON; a .json file must be JSON
    } catch (error) {
      syntax.push(reason('fileUnreadable', { reason: `${basename(fileName)}: ${(error as Error).message}` }));
    }
  }
  if (syntax.length > 0) throw new ValidationError(msg('catalogueInvalid').vi, syntax);
  const locate = (path: DocPath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const start = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      if (start !== undefined) return lineCounter.linePos(start).line;
    }
    return undefined;
  };
  return validateCatalogue(doc.toJS(), locate);
}

/** Reads and validates a catalogue file (YAML, or JSON for `.json`). */
export function loadCatalogueFile(path: string): CatalogueDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const problem = reason('fileUnreadable', { reason: `${path}: ${(error as Error).message}` });
    throw new ValidationError(problem.reason, [problem]);
  }
  return parseCatalogue(text, path);
}

/**
 * The indicator catalogue ("danh mục chỉ tiêu"), validated and indexed for the hot paths:
 * which indicators an event feeds, which formulas to recompute after a value changes, what is scored.
 */
export class Catalogue {
  readonly definition: CatalogueDefinition;
  /** In catalogue order, which is also their display order (`sort`). */
  readonly pillars: readonly PillarDefinition[];
  readonly frameworks: readonly FrameworkDefinition[];
  /** The event types accepted: those declared, or those the indicators read (see `eventTypesOf`). */
  readonly eventTypes: readonly EventTypeDefinition[];
  private readonly typeRules: ReadonlyMap<string, EventTypeRules>;
  private readonly byCode = new Map<string, IndicatorDefinition>();
  private readonly ordered: readonly IndicatorDefinition[];
  private readonly formulas: ReadonlyMap<string, Formula>;
  private readonly byEvent = new Map<string, IndicatorDefinition[]>();
  private readonly usedBy = new Map<string, string[]>();
  private readonly weights = new Map<string, string[]>();
  private readonly dependentsCache = new Map<string, readonly string[]>();

  /** Throws ValidationError listing every problem when the definition is invalid. */
  constructor(definition: CatalogueDefinition) {
    const { problems, formulas, order } = analyseCatalogue(definition);
    if (problems.length > 0) throw new ValidationError(msg('catalogueInvalid').vi, problems);
    this.definition = deepFreeze(structuredClone(definition));
    this.pillars = this.definition.pillars;
    this.frameworks = this.definition.frameworks ?? [];
    for (const def of this.definition.indicators) this.byCode.set(def.code, def);
    this.ordered = order.map((def) => this.byCode.get(def.code) ?? def);
    this.formulas = formulas;
    for (const formula of formulas.values()) deepFreeze(formula);
    for (const def of this.ordered) this.index(def);
    this.eventTypes = deepFreeze(structuredClone(eventTypesOf(this.definition)));
    this.typeRules = eventTypeRules(this.eventTypes, (type) => this.byEventType(type));
  }

  /** How events of a type are checked and which indicators count them; undefined for a type the catalogue does not know. */
  eventType(code: string): EventTypeRules | undefined {
    return this.typeRules.get(code);
  }

  get(code: string): IndicatorDefinition | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Every indicator, inputs before the formulas that use them. */
  all(): readonly IndicatorDefinition[] {
    return this.ordered;
  }

  /** Event indicators that count, sum or distinct-count events of this type. */
  byEventType(type: string): readonly IndicatorDefinition[] {
    return this.byEvent.get(type) ?? [];
  }

  formulaOf(code: string): Formula | undefined {
    return this.formulas.get(code);
  }

  /**
   * Formulas whose value at a unit depends on this indicator's value at that unit, directly or through other
   * formulas — in dependency order, so recomputing them in turn is correct.
   */
  dependents(code: string): readonly string[] {
    const cached = this.dependentsCache.get(code);
    if (cached) return cached;
    const found = new Set<string>();
    const pending = [code];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const user of this.usedBy.get(next) ?? []) {
        if (!found.has(user)) pending.push(user);
        found.add(user);
      }
    }
    const result = this.ordered.filter((def) => found.has(def.code)).map((def) => def.code);
    this.dependentsCache.set(code, result);
    return result;
  }

  /** weighted_mean indicators whose roll-up is weighted by this indicator (e.g. population). */
  weightedBy(code: string): readonly string[] {
    return this.weights.get(code) ?? [];
  }

  /** Indicators in the index for a unit kind: weight > 0, applying to the kind, per month, quarter or year. */
  scored(kind: UnitKind): IndicatorDefinition[] {
    return this.ordered.filter((d) => d.weight > 0 && d.appliesTo.includes(kind) && SCORED_PERIODS.has(d.periodType));
  }

  /**
   * The period at which to read `code` when computing something for `period`: the same period, or the enclosing
   * one for a coarser indicator (yearly population read for a month). Undefined when `code` is finer or unknown.
   */
  inputPeriod(code: string, period: string): string | undefined {
    const def = this.byCode.get(code);
    return def ? enclosingPeriod(period, def.periodType) : undefined;
  }

  private index(def: IndicatorDefinition): void {
    if (def.event) push(this.byEvent, def.event.type, def);
    for (const input of this.formulas.get(def.code)?.inputs ?? []) push(this.usedBy, input, def.code);
    if (def.weightBy) push(this.weights, def.weightBy, def.code);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
