import type { Db } from '../store/engine.ts';
import { chunked } from '../store/chunked.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { enclosingPeriod } from '../periods/period.ts';
import type { CatalogueDefinition, IndicatorDefinition, PillarDefinition } from './indicator.ts';
import { analyseCatalogue, validateCatalogue } from './catalogue-check.ts';
import { Catalogue } from './catalogue.ts';

export interface TargetRow {
  indicator: string;
  unit: string;
  /** Canonical period key: the indicator's own period type, or a year (applies to every period of that year). */
  period: string;
  value: number;
}

/**
 * Validates `def` together with what is already stored, then upserts its pillars and indicators in one transaction.
 * Nothing is deleted: stored indicators missing from `def` keep their definition (and their data).
 */
export async function saveCatalogue(db: Db, def: CatalogueDefinition, now: Date = new Date()): Promise<Catalogue> {
  validateCatalogue(def);
  return inTransaction(db, async (trx) => {
    const stored = await readDefinition(trx);
    // `def` first, so the paths in any problem point into `def` itself.
    const merged: CatalogueDefinition = {
      pillars: [...def.pillars, ...stored.pillars.filter((p) => !def.pillars.some((d) => d.code === p.code))],
      frameworks: def.frameworks,
      eventTypes: def.eventTypes,
      indicators: [...def.indicators, ...stored.indicators.filter((i) => !def.indicators.some((d) => d.code === i.code))],
    };
    const catalogue = new Catalogue(merged);
    await writePillars(trx, merged.pillars);
    await writeIndicators(trx, def.indicators, now);
    return catalogue;
  });
}

/** What of a catalogue is not stored (no table yet) but read from the catalogue file: frameworks, event types. */
export type FileOnly = Pick<CatalogueDefinition, 'frameworks' | 'eventTypes'>;

/** The stored catalogue, with the frameworks and event types given (e.g. from the catalogue file). */
export async function readCatalogue(db: Db, fromFile: FileOnly = {}): Promise<Catalogue> {
  const def = await readDefinition(db);
  if (def.indicators.length === 0) throw new NotFoundError(msg('catalogueEmpty').vi);
  return new Catalogue({ ...def, ...definedOnly(fromFile) });
}

/** Leaves out what is undefined, so that the definition holds no `eventTypes: undefined` key. */
const definedOnly = (fromFile: FileOnly): FileOnly => ({
  ...(fromFile.frameworks && { frameworks: fromFile.frameworks }),
  ...(fromFile.eventTypes && { eventTypes: fromFile.eventTypes }),
});

/**
 * Adds or replaces one indicator; the whole resulting catalogue is validated first (against the event types in force,
 * when given), and nothing is written if it fails.
 */
export async function upsertIndicator(db: Db, def: IndicatorDefinition, now: Date = new Date(), fromFile: FileOnly = {}): Promise<Catalogue> {
  return inTransaction(db, async (trx) => {
    const stored = await readDefinition(trx);
    const merged: CatalogueDefinition = {
      pillars: stored.pillars,
      ...definedOnly({ eventTypes: fromFile.eventTypes }),
      indicators: [def, ...stored.indicators.filter((i) => i.code !== def.code)],
    };
    const { problems } = analyseCatalogue(merged);
    if (problems.length > 0) {
      // The new indicator sits at index 0: report its problems by its own field names.
      const own = problems.map((p) => ({ ...p, field: p.field?.replace(/^indicators\[0\]\.?/, '') || undefined }));
      throw new ValidationError(msg('catalogueInvalid').vi, own);
    }
    await writeIndicators(trx, [def], now);
    return new Catalogue(merged);
  });
}

/**
 * Gives stored indicators the valid range the catalogue file declares, where they have none (a database made before
 * indicators declared ranges). A range set through the API is never replaced.
 */
export async function addMissingRanges(db: Db, file: CatalogueDefinition, now: Date = new Date()): Promise<void> {
  const declared = new Map(file.indicators.map((d) => [d.code, d.valid]));
  const missing = (await readDefinition(db)).indicators.flatMap((d) => {
    const valid = declared.get(d.code);
    return d.valid === undefined && valid ? [{ ...d, valid }] : [];
  });
  if (missing.length > 0) await inTransaction(db, (trx) => writeIndicators(trx, missing, now));
}

/** Upserts targets. Callers validate rows against the catalogue and units first (see manage.ts). */
export async function setTargets(db: Db, rows: readonly TargetRow[], now: Date = new Date()): Promise<void> {
  const updatedAt = now.toISOString();
  for (const chunk of chunked(rows, 500)) {
    await db
      .insertInto('targets')
      .values(chunk.map((r) => ({ indicator_code: r.indicator, unit_code: r.unit, period: r.period, value: r.value, updated_at: updatedAt })))
      .onConflict((oc) =>
        oc.columns(['indicator_code', 'unit_code', 'period']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/**
 * The target that applies: the unit's target for the exact period, else its target for the year of the period,
 * else the indicator's default. A yearly target applies as is to each period of the year, which suits rates and
 * stocks; flows (monthly counts) need targets per period.
 */
export function resolveTarget(
  def: Pick<IndicatorDefinition, 'target'>,
  exact: number | undefined,
  yearly: number | undefined,
): number | undefined {
  return exact ?? yearly ?? def.target;
}

/** Targets held in memory for a set of indicators and units (optionally only some periods, plus their years). */
export class TargetBook {
  /** indicator and period → unit → target */
  private readonly byCell = new Map<string, Map<string, number>>();

  constructor(rows: Iterable<TargetRow>) {
    for (const r of rows) {
      const key = cellKey(r.indicator, r.period);
      let byUnit = this.byCell.get(key);
      if (!byUnit) this.byCell.set(key, (byUnit = new Map()));
      byUnit.set(r.unit, r.value);
    }
  }

  resolve(def: Pick<IndicatorDefinition, 'code' | 'target'>, unit: string, period: string): number | undefined {
    const year = enclosingPeriod(period, 'year');
    return resolveTarget(def, this.at(def.code, period)?.get(unit), year === undefined ? undefined : this.at(def.code, year)?.get(unit));
  }

  /** The targets set for one indicator and period, by unit (for callers that resolve many units at once). */
  at(indicator: string, period: string): ReadonlyMap<string, number> | undefined {
    return this.byCell.get(cellKey(indicator, period));
  }
}

export async function targetsFor(
  db: Db,
  indicatorCodes: readonly string[],
  unitCodes: readonly string[],
  periods?: readonly string[],
): Promise<TargetBook> {
  if (indicatorCodes.length === 0 || unitCodes.length === 0 || periods?.length === 0) return new TargetBook([]);
  const wanted = periods && [...new Set(periods.flatMap((p) => [p, enclosingPeriod(p, 'year') ?? p]))];
  const rows: TargetRow[] = [];
  for (const units of chunked(unitCodes, 500)) {
    let query = db
      .selectFrom('targets')
      .select(['indicator_code as indicator', 'unit_code as unit', 'period', 'value'])
      .where('indicator_code', 'in', [...indicatorCodes])
      .where('unit_code', 'in', units);
    if (wanted) query = query.where('period', 'in', wanted);
    rows.push(...(await query.execute()));
  }
  return new TargetBook(rows);
}

const cellKey = (indicator: string, period: string) => `${indicator}\u0000${period}`;

async function readDefinition(db: Db): Promise<{ pillars: PillarDefinition[]; indicators: IndicatorDefinition[] }> {
  const pillarRows = await db.selectFrom('pillars').selectAll().orderBy('sort').orderBy('code').execute();
  const indicatorRows = await db.selectFrom('indicators').select(['code', 'pillar', 'definition']).orderBy('code').execute();
  const sortOf = new Map(pillarRows.map((p) => [p.code, p.sort]));
  indicatorRows.sort((a, b) => (sortOf.get(a.pillar) ?? Infinity) - (sortOf.get(b.pillar) ?? Infinity));
  return {
    pillars: pillarRows.map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en, weight: p.weight })),
    indicators: indicatorRows.map((r) => JSON.parse(r.definition) as IndicatorDefinition),
  };
}

async function writePillars(db: Db, pillars: readonly PillarDefinition[]): Promise<void> {
  const rows = pillars.map((p, sort) => ({ code: p.code, name: p.name, name_en: p.nameEn, weight: p.weight, sort }));
  for (const chunk of chunked(rows, 100)) {
    await db
      .insertInto('pillars')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          name_en: eb.ref('excluded.name_en'),
          weight: eb.ref('excluded.weight'),
          sort: eb.ref('excluded.sort'),
        })),
      )
      .execute();
  }
}

async function writeIndicators(db: Db, defs: readonly IndicatorDefinition[], now: Date): Promise<void> {
  const updatedAt = now.toISOString();
  const rows = defs.map((d) => ({ code: d.code, kind: d.kind, pillar: d.pillar, definition: JSON.stringify(d), updated_at: updatedAt }));
  for (const chunk of chunked(rows, 100)) {
    await db
      .insertInto('indicators')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          pillar: eb.ref('excluded.pillar'),
          definition: eb.ref('excluded.definition'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Joins the caller's transaction when there is one. */
async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
