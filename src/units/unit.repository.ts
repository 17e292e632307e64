import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { NotFoundError, ProblemList, ValidationError } from '../shared/errors.ts';
import type { Db } from '../store/engine.ts';
import type { Database, InsertableUnitRow, UnitHistoryTable, UnitKind, UnitRow } from '../store/schema.ts';
import { readReferenceUnits } from './reference-units.ts';
import { unitMsg, unitReason, viDate } from './unit-messages.ts';
import { searchWords, unitSearchText } from './unit-search.ts';

export type UnitHistoryRow = Selectable<UnitHistoryTable>;

export interface UnitQuery {
  kind?: UnitKind;
  parent?: string;
  /** Free text, with or without diacritics: "ha noi", "Hà Nội", "hanoi". */
  q?: string;
  limit?: number;
  offset?: number;
  /** Also list units merged away or dissolved (valid_to set). */
  includeRetired?: boolean;
}

export interface UnitPage {
  items: UnitRow[];
  total: number;
}

export interface UnitRename {
  name: string;
  nameEn: string;
  /** Defaults to the old full name with the old name replaced ("Phường Ba Đình" → "Phường <new>"). */
  fullName?: string;
  fullNameEn?: string;
  /** The day the new name takes effect (YYYY-MM-DD). */
  date: string;
  note: string;
}

export interface UnitMerge {
  from: string[];
  into: string;
  date: string;
  note: string;
}

const SEED_CHUNK = 500;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** Joins the caller's transaction if there is one, otherwise opens one. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Inserts the reference units that are missing; units already present (even renamed or merged) are left alone. */
export async function seedReferenceUnits(db: Db, units: InsertableUnitRow[] = readReferenceUnits()): Promise<number> {
  return inTransaction(db, async (trx) => {
    let inserted = 0;
    for (let i = 0; i < units.length; i += SEED_CHUNK) {
      const result = await trx
        .insertInto('units')
        .values(units.slice(i, i + SEED_CHUNK))
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  });
}

/** A unit by code, current or retired. */
export async function getUnit(db: Db, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

function matching(eb: ExpressionBuilder<Database, 'units'>, query: UnitQuery, words: string[]): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (query.kind) conditions.push(eb('kind', '=', query.kind));
  if (query.parent !== undefined) conditions.push(eb('parent_code', '=', query.parent));
  if (!query.includeRetired) conditions.push(eb('valid_to', 'is', null));
  // Leading space so every word of the search text, the first included, starts with " ".
  for (const word of words) conditions.push(eb(sql<string>`' ' || ${eb.ref('search_text')}`, 'like', `% ${word}%`));
  return eb.and(conditions);
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  const wanted = value !== undefined && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.min(max, Math.max(min, wanted));
}

/** Units matching every filter, the Nation first, then ministries, provinces and communes by code. */
export async function listUnits(db: Db, query: UnitQuery = {}): Promise<UnitPage> {
  const words = searchWords(query.q ?? '');
  const items = await db
    .selectFrom('units')
    .selectAll()
    .where((eb) => matching(eb, query, words))
    // Units whose name starts with the query come first: "ha noi" puts Hà Nội before Hà Nam's communes.
    .$if(words.length > 0, (qb) =>
      qb.orderBy((eb) => eb.case().when('search_text', 'like', `${words.join(' ')}%`).then(0).else(1).end()),
    )
    .orderBy((eb) =>
      eb.case('kind').when('nation').then(0).when('ministry').then(1).when('province').then(2).else(3).end(),
    )
    .orderBy('code')
    .limit(clamp(query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT))
    .offset(clamp(query.offset, 0, 0, Number.MAX_SAFE_INTEGER))
    .execute();
  const { total } = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => matching(eb, query, words))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

async function requireUnit(db: Db, code: string): Promise<UnitRow> {
  const unit = await getUnit(db, code);
  if (unit) return unit;
  const { vi, en } = unitMsg('unitNotFound', { code });
  throw new NotFoundError(vi, { code, messageEn: en });
}

function rejectIfAny(problems: ProblemList): void {
  if (problems.isEmpty) return;
  throw new ValidationError(unitMsg('unitChangeRejected', { count: problems.items.length }).vi, problems.items);
}

function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** A change dated `date` applies to a current unit and starts strictly after its current validity. */
function checkChangeDate(problems: ProblemList, unit: UnitRow, date: string): void {
  if (unit.valid_to !== null) {
    const params = { code: unit.code, date: unit.valid_to, dateVi: viDate(unit.valid_to) };
    problems.add({ field: 'code', value: unit.code, ...unitReason('unitRetired', params) });
  } else if (!isIsoDate(date)) {
    problems.add({ field: 'date', value: date, ...unitReason('badDate') });
  } else if (date <= unit.valid_from) {
    const params = { code: unit.code, from: unit.valid_from, fromVi: viDate(unit.valid_from) };
    problems.add({ field: 'date', value: date, ...unitReason('dateNotAfter', params) });
  }
}

/** Renames a unit, keeping its code; the old name goes to its history, valid until `date`. */
export async function renameUnit(db: Db, code: string, rename: UnitRename): Promise<UnitRow> {
  return inTransaction(db, async (trx) => {
    const unit = await requireUnit(trx, code);
    const problems = new ProblemList();
    for (const [field, value] of Object.entries({ name: rename.name, nameEn: rename.nameEn })) {
      if (!value.trim()) problems.add({ field, ...unitReason('textRequired') });
    }
    checkChangeDate(problems, unit, rename.date);
    rejectIfAny(problems);

    await trx
      .insertInto('unit_history')
      .values({
        code,
        name: unit.name,
        name_en: unit.name_en,
        parent_code: unit.parent_code,
        valid_from: unit.valid_from,
        valid_to: rename.date,
        note: rename.note,
      })
      .execute();
    const names = {
      name: rename.name.trim(),
      name_en: rename.nameEn.trim(),
      full_name: rename.fullName ?? unit.full_name.replace(unit.name, rename.name.trim()),
      full_name_en: rename.fullNameEn ?? unit.full_name_en.replace(unit.name_en, rename.nameEn.trim()),
    };
    return trx
      .updateTable('units')
      .set({ ...names, search_text: unitSearchText(names), valid_from: rename.date })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

function checkMerge(problems: ProblemList, into: UnitRow, sources: UnitRow[], date: string): void {
  if (sources.length === 0) problems.add({ field: 'from', ...unitReason('mergeNothing') });
  if (into.valid_to !== null) checkChangeDate(problems, into, date);
  for (const unit of sources) {
    if (unit.code === into.code) {
      problems.add({ field: 'from', value: unit.code, ...unitReason('mergeIntoItself', { code: unit.code }) });
    } else if (unit.kind !== into.kind) {
      const params = { code: unit.code, kind: unit.kind, into: into.code, intoKind: into.kind };
      problems.add({ field: 'from', value: unit.code, ...unitReason('mergeKindMismatch', params) });
    }
    checkChangeDate(problems, unit, date);
  }
}

/** Moves the current children of merged units under the receiving unit, recording their old parent in history. */
async function adoptChildren(trx: Db, parents: string[], merge: UnitMerge): Promise<void> {
  const children = (eb: ExpressionBuilder<Database, 'units'>) =>
    eb.and([eb('parent_code', 'in', parents), eb('valid_to', 'is', null)]);
  await trx
    .insertInto('unit_history')
    .columns(['code', 'name', 'name_en', 'parent_code', 'valid_from', 'valid_to', 'note'])
    .expression((eb) =>
      eb
        .selectFrom('units')
        .select((s) => [
          'code',
          'name',
          'name_en',
          'parent_code',
          'valid_from',
          s.val(merge.date).as('valid_to'),
          s.val(merge.note).as('note'),
        ])
        .where(children),
    )
    .execute();
  await trx.updateTable('units').set({ parent_code: merge.into, valid_from: merge.date }).where(children).execute();
}

/**
 * Merges units into another of the same level: they stay readable, with `valid_to` = `date` and
 * `successor_code` = `into`; rows are never deleted. Their current children move to `into`.
 */
export async function mergeUnits(db: Db, merge: UnitMerge): Promise<UnitRow[]> {
  return inTransaction(db, async (trx) => {
    const into = await requireUnit(trx, merge.into);
    const sources: UnitRow[] = [];
    for (const code of new Set(merge.from)) sources.push(await requireUnit(trx, code));
    const problems = new ProblemList();
    checkMerge(problems, into, sources, merge.date);
    rejectIfAny(problems);

    const codes = sources.map((u) => u.code);
    await adoptChildren(trx, codes, merge);
    return trx
      .updateTable('units')
      .set({ valid_to: merge.date, successor_code: merge.into })
      .where('code', 'in', codes)
      .returningAll()
      .execute();
  });
}

/** The earlier names and parents of a unit, oldest first. */
export async function unitHistory(db: Db, code: string): Promise<UnitHistoryRow[]> {
  await requireUnit(db, code);
  return db
    .selectFrom('unit_history')
    .selectAll()
    .where('code', '=', code)
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
}
