import type { Core } from '../core.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import { unitChunksByIndicatorPeriod } from '../store/cell-groups.ts';
import { ValidationError, type Problem } from '../shared/errors.ts';
import { msg, reason } from '../shared/messages.ts';
import type { Actor } from '../writes/write-gate.ts';
import { ingestValues } from './ingest-values.ts';
import { parseValueFile, type CellRef, type SheetContext } from './spreadsheet.ts';
import { validateValues } from './value-batch.ts';
import { buildUnitsResolver } from '../units/unit-resolver.ts';
import { buildIndicatorMatcher } from './indicator-names.ts';
import type { ValueInput } from './value-input.ts';
import type { EventAck, EventSubmitResult } from './event-commits.ts';

/**
 * Takes an NDJSON batch of events: validated whole, stored together with any batches that arrived meanwhile, then
 * folded into every aggregate (see event-commits.ts). Resolves once the batch is derived, or with `ack: 'stored'`
 * as soon as it is durable. `arrived` withdraws the batch's announcement (`core.events.expect()`) once it is queued
 * or refused.
 */
export async function submitEvents(core: Core, actor: Actor, ndjson: string | Uint8Array, source: string | null = null, ack: EventAck = 'derived', arrived?: () => void) {
  let submitted: Promise<EventSubmitResult>;
  try {
    submitted = core.events.submit(actor, await core.parser.parse(ndjson), source, ack);
  } finally {
    arrived?.();
  }
  return submitted;
}

/** Takes reported values given as JSON objects; line numbers are 1-based positions in the array. */
export async function submitValues(core: Core, actor: Actor, raw: unknown[], source: string | null = null) {
  return storeValues(core, actor, raw.map(toValueInput), 'values', source);
}

export interface ImportOptions { period?: string; indicator?: string; source?: string }

/** Imports a CSV or XLSX sheet as Vietnamese offices keep it; rows are named by their sheet row number. */
export async function importValueFile(core: Core, actor: Actor, data: Buffer, fileName: string, options: ImportOptions = {}) {
  const { rows } = await readValueFile(core, data, fileName, options);
  return storeValues(core, actor, rows, 'import', options.source ?? fileName);
}

/**
 * What importing the file would write, read and checked by the same code as `importValueFile` (and refused the same
 * way), with the import's authorisation; nothing is written and nothing audited.
 */
export async function previewValueFile(core: Core, actor: Actor, data: Buffer, fileName: string, options: ImportOptions = {}): Promise<ValuePreview[]> {
  const { rows, cells } = await readValueFile(core, data, fileName, options);
  const values = validateValues(rows, core.ctx.units, core.ctx.catalogue, { window: core.ctx.window, now: core.ctx.now() });
  core.gate.authorize(actor, { action: 'values.import', units: [...new Set(values.map((v) => v.unit))] });
  return values.map((v, i) => ({ ...v, source: v.source ?? options.source ?? fileName, ...cells[i] }));
}

/** A value an import would write, and the cell it was read from. */
export type ValuePreview = ValueInput & CellRef;

/** The file's values, each with its cell; throws naming every problem, the sheet's and the catalogue's. */
async function readValueFile(core: Core, data: Buffer, fileName: string, options: ImportOptions): Promise<{ rows: ValueInput[]; cells: CellRef[] }> {
  const sheetContext = await buildSheetContext(core, options);
  const { rows, cells, problems } = await parseValueFile(data, fileName, sheetContext);
  const refused = problems.length > 0 ? problems : refusedCells(core, rows, cells);
  if (refused.length > 0) throw new ValidationError(msg('batchRejected', { count: refused.length }).vi, refused);
  return { rows, cells };
}

/** The values the catalogue refuses (not applicable, out of range…), each named by its cell in the file. */
function refusedCells(core: Core, rows: ValueInput[], cells: CellRef[]): Problem[] {
  const accepted = { window: core.ctx.window, now: core.ctx.now() };
  return rows.flatMap((row, i) => {
    try {
      validateValues([row], core.ctx.units, core.ctx.catalogue, accepted);
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.problems.map((problem) => ({ ...problem, ...cells[i] }));
    }
  });
}

async function storeValues(core: Core, actor: Actor, inputs: ValueInput[], kind: 'values' | 'import', source: string | null) {
  const values = validateValues(inputs, core.ctx.units, core.ctx.catalogue, { window: core.ctx.window, now: core.ctx.now() });
  const units = [...new Set(values.map((v) => v.unit))];
  return core.gate.run(actor, { action: `values.${kind}`, units }, async (trx) => {
    const before = await reportedValuesInForce(trx, values);
    const result = await ingestValues(trx, core.ctx, values, actor.id, kind, source);
    const after = { batchId: result.batchId, source, values: values.map((v) => [v.unit, v.indicator, v.period, v.value]) };
    return { ...result, audit: { target: `batch:${result.batchId}`, before, after } };
  });
}

function toValueInput(item: unknown, index: number): ValueInput {
  const line = index + 1;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new ValidationError(msg('batchRejected', { count: 1 }).vi, [{ line, ...reason('notAnObject') }]);
  }
  const o = item as Record<string, unknown>;
  return {
    line,
    unit: plainText(o.unit),
    indicator: plainText(o.indicator),
    period: plainText(o.period),
    value: o.value as number,
    source: o.source === undefined || o.source === null ? undefined : (o.source as string),
    evidence: o.evidence === undefined || o.evidence === null ? undefined : (o.evidence as string),
  };
}

/** Only text and numbers name a unit, an indicator or a period; anything else (objects, arrays) reads as missing. */
const plainText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Resolves unit and indicator cells by code or by name, with or without diacritics. */
async function buildSheetContext(core: Core, options: ImportOptions): Promise<SheetContext> {
  return {
    period: options.period,
    indicator: options.indicator,
    source: options.source,
    resolveUnits: await buildUnitsResolver(core.db),
    resolveIndicator: buildIndicatorMatcher(core.ctx.catalogue.all()),
  };
}

/** The reported values a batch replaces, as `[unit, indicator, period, value]`, for the audit's "before". */
async function reportedValuesInForce(trx: Trx, values: readonly ValueInput[]): Promise<[string, string, string, number][]> {
  const out: [string, string, string, number][] = [];
  for (const { indicator, period, units } of unitChunksByIndicatorPeriod(values)) {
    const rows = await trx.selectFrom('kpi_values').select(['unit_code', 'reported']).where('indicator_code', '=', indicator).where('period', '=', period)
      .where('unit_code', 'in', units).where('reported', 'is not', null).execute();
    for (const r of rows) if (r.reported !== null) out.push([r.unit_code, indicator, period, r.reported]);
  }
  return out;
}
