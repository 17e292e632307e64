import type { BulkWrites } from '../store/bulk-writes.ts';
import { sha256 } from '../shared/hash.ts';
import type { Actor } from '../auth/actor.ts';
import type { Trx } from '../kpi/kpi-context.ts';
import type { AuditLogRow } from '../store/schema.ts';

/** What a write says about itself for the audit trail: the thing changed, and its state before and after. */
export interface AuditDetail {
  target?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry extends AuditDetail {
  at: string;
  actor: Actor;
  action: string;
  units: readonly string[];
}

const GENESIS = '0'.repeat(64);

/** The fields a record's hash covers, in a fixed order: changing any of them breaks the chain from there on. */
function recordText(r: Omit<AuditLogRow, 'hash'>): string {
  return JSON.stringify([r.seq, r.at, r.actor, r.actor_kind, r.ip, r.action, r.units, r.target, r.before, r.after, r.prev_hash]);
}

export const hashRecord = (r: Omit<AuditLogRow, 'hash'>): string => sha256(recordText(r));

/**
 * Appends one record in the caller's transaction, chained to the previous record by hash. Writes are serialised
 * by the single-writer database, so reading the head and appending cannot interleave with another write.
 */
export async function appendAudit(trx: Trx, entry: AuditEntry, bulk?: Pick<BulkWrites, 'insertAuditUnits'>): Promise<AuditLogRow> {
  const head = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const units = [...new Set(entry.units)].sort();
  const record = {
    seq: (head?.seq ?? 0) + 1,
    at: entry.at,
    actor: entry.actor.id,
    actor_kind: entry.actor.kind,
    ip: entry.actor.ip ?? null,
    action: entry.action,
    units: JSON.stringify(units),
    target: entry.target ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    prev_hash: head?.hash ?? GENESIS,
  };
  const row = { ...record, hash: hashRecord(record) };
  await trx.insertInto('audit_log').values(row).execute();
  if (bulk) await bulk.insertAuditUnits(row.seq, units);
  else for (let i = 0; i < units.length; i += 400) {
    await trx.insertInto('audit_units').values(units.slice(i, i + 400).map((unit_code) => ({ seq: row.seq, unit_code }))).execute();
  }
  return row;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  head: { seq: number; hash: string } | null;
  /** Where the anchor (a head hash written down earlier) sits in the intact chain; null if it is gone. */
  anchorSeq?: number | null;
  /** The first broken record: edited (its hash no longer matches), or a gap or reordering (deleted or inserted records). */
  problem?: { seq: number; kind: 'edited' | 'missing' | 'relinked'; expected: string; found: string };
}

/** Re-computes the whole chain, in pages, and names the first record that does not fit. */
export async function verifyAudit(trx: Trx, options: { anchor?: string; pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  let anchorSeq: number | null = null;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let records = 0;
  let head: AuditVerification['head'] = null;
  for (;;) {
    const page = await trx.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of page) {
      if (row.seq !== expectedSeq) return broken(records, head, { seq: expectedSeq, kind: 'missing', expected: `seq ${expectedSeq}`, found: `seq ${row.seq}` });
      if (row.prev_hash !== prevHash) return broken(records, head, { seq: row.seq, kind: 'relinked', expected: prevHash, found: row.prev_hash });
      const { hash, ...rest } = row;
      const actual = hashRecord(rest);
      if (actual !== hash) return broken(records, head, { seq: row.seq, kind: 'edited', expected: actual, found: hash });
      if (hash === options.anchor) anchorSeq = row.seq;
      prevHash = hash;
      expectedSeq += 1;
      records += 1;
      head = { seq: row.seq, hash };
    }
    if (page.length < pageSize) return { ok: true, records, head, ...(options.anchor === undefined ? {} : { anchorSeq }) };
  }
}

const broken = (records: number, head: AuditVerification['head'], problem: NonNullable<AuditVerification['problem']>): AuditVerification => ({ ok: false, records, head, problem });
