import { authorizeWrite } from '../auth/policy.ts';
import type { Core } from '../core.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import { ConflictError, NotFoundError, ProblemList, ValidationError } from '../shared/errors.ts';
import { chunked } from '../store/chunked.ts';
import type { Actor } from '../writes/write-gate.ts';
import { publicationMsg, publicationReason } from './publication-messages.ts';
import { isPublished, type Correction } from './publication.query.ts';
import { checkReportMonth } from './report-month.ts';
import { SCORE_COLUMNS, sameSnapshot, snapshotOf, type ScoreSnapshot } from './score-snapshot.ts';

export const MAX_REASON = 2000;

export interface CorrectionOptions {
  /** Correct only the peer groups of these units (their whole ranking, since ranks depend on each other). Default: all. */
  units?: readonly string[];
}

interface PlannedCorrection {
  unit: string;
  before: ScoreSnapshot | null;
  after: ScoreSnapshot | null;
}

/**
 * Corrects a published month ("đính chính"): the live scores of its peer groups are copied over the published ones,
 * and every published score that changes is kept in `score_corrections` with its old and new values and the reason,
 * so the original publication stays readable. A correction that would change nothing is refused.
 */
export async function correctPublished(core: Core, actor: Actor, month: string, reason: string, options: CorrectionOptions = {}): Promise<{ period: string; corrections: Correction[]; seq: number | null }> {
  const period = checkReportMonth(month);
  const why = checkReason(reason);
  const groups = peerGroupsOf(core, options.units);
  // Refuse the wrong caller before reading anything; the gate checks again with the units found.
  authorizeWrite(actor, { action: 'periods.correct', units: [] }, core.ctx.units);
  const planned = await planCorrections(core.db, period, groups);
  const units = planned.map((c) => c.unit);
  return core.gate.run(actor, { action: 'periods.correct', units }, async (trx) => {
    // Planned outside the transaction so the audit can name the units; a write in between must not slip past it.
    const changes = await planCorrections(trx, period, groups);
    if (changes.some((c) => !units.includes(c.unit))) throw new ConflictError(publicationMsg('changedMeanwhile', { period }).vi, { period });
    if (changes.length === 0) throw new ConflictError(publicationMsg('nothingToCorrect', { period }).vi, { period });
    await copyLiveScores(trx, period, changes.map((c) => c.unit));
    const stamp = core.ctx.now().toISOString();
    const corrections: Correction[] = [];
    for (const batch of chunked(changes, 200)) {
      const rows = await trx
        .insertInto('score_corrections')
        .values(batch.map((c) => ({
          period, unit_code: c.unit, before: json(c.before), after: json(c.after), reason: why, corrected_by: actor.id, corrected_at: stamp,
        })))
        .returning('id')
        .execute();
      batch.forEach((c, i) => corrections.push({ id: rows[i]?.id ?? 0, period, unit: c.unit, before: c.before, after: c.after, reason: why, correctedBy: actor.id, correctedAt: stamp }));
    }
    const summary = (side: 'before' | 'after') => Object.fromEntries(changes.map((c) => [c.unit, c[side]]));
    return { period, corrections, audit: { target: `period:${period}`, before: { scores: summary('before') }, after: { reason: why, scores: summary('after') } } };
  });
}

function checkReason(reason: string): string {
  const why = reason.trim();
  if (why === '') throw new ValidationError(publicationMsg('reasonRequired').vi, [{ field: 'reason', ...publicationReason('reasonRequired') }]);
  if (why.length > MAX_REASON) {
    throw new ValidationError(publicationMsg('invalid').vi, [{ field: 'reason', ...publicationReason('tooLong', { max: MAX_REASON }) }]);
  }
  return why;
}

function peerGroupsOf(core: Core, units: readonly string[] | undefined): string[] | undefined {
  if (!units || units.length === 0) return undefined;
  const problems = new ProblemList();
  const groups = new Set<string>();
  units.forEach((code, i) => {
    const group = core.ctx.units.peerGroup(code);
    if (group) groups.add(group);
    else problems.add({ field: `units[${i}]`, value: code, ...publicationReason('unknownUnit', { code }) });
  });
  problems.throwIfAny(publicationMsg('invalid').vi);
  return [...groups];
}

/** Every unit of the scope whose published score differs from its live one, or exists on one side only. */
async function planCorrections(trx: Trx, period: string, groups: string[] | undefined): Promise<PlannedCorrection[]> {
  if (!(await isPublished(trx, period))) throw new NotFoundError(publicationMsg('notPublished', { period }).vi, { period });
  const read = async (table: 'scores' | 'published_scores') => {
    let query = trx.selectFrom(table).select(['unit_code', 'score', 'pillars', 'band', 'rank', 'peers']).where('period', '=', period);
    if (groups) query = query.where('peer_group', 'in', groups);
    const rows = await query.execute();
    return new Map(rows.map((r) => [r.unit_code, snapshotOf(r)]));
  };
  const [published, live] = [await read('published_scores'), await read('scores')];
  const units = [...new Set([...published.keys(), ...live.keys()])].sort();
  return units.flatMap((unit) => {
    const before = published.get(unit) ?? null;
    const after = live.get(unit) ?? null;
    return sameSnapshot(before, after) ? [] : [{ unit, before, after }];
  });
}

async function copyLiveScores(trx: Trx, period: string, units: readonly string[]): Promise<void> {
  for (const batch of chunked(units, 400)) {
    await trx.deleteFrom('published_scores').where('period', '=', period).where('unit_code', 'in', batch).execute();
    await trx
      .insertInto('published_scores')
      .columns([...SCORE_COLUMNS])
      .expression((eb) => eb.selectFrom('scores').select([...SCORE_COLUMNS]).where('period', '=', period).where('unit_code', 'in', batch))
      .execute();
  }
}

const json = (snapshot: ScoreSnapshot | null) => (snapshot === null ? null : JSON.stringify(snapshot));
