import type { Trx } from '../kpi/kpi-context.ts';

export interface AuditFilter {
  /** Only records that touched one of these units (a unit reading its own records). */
  units?: readonly string[];
  action?: string;
  /** Records with a smaller sequence number: the next page, newest first. */
  beforeSeq?: number;
  limit?: number;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  actorKind: string;
  ip: string | null;
  action: string;
  units: string[];
  target: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

/** Audit records, newest first. */
export async function listAudit(trx: Trx, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  let query = trx.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(Math.min(filter.limit ?? 100, 5000));
  if (filter.units) {
    const units = filter.units;
    query = query.where('seq', 'in', (qb) => qb.selectFrom('audit_units').select('seq').where('unit_code', 'in', units.length > 0 ? units : ['']));
  }
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: r.seq, at: r.at, actor: r.actor, actorKind: r.actor_kind, ip: r.ip, action: r.action, units: JSON.parse(r.units) as string[],
    target: r.target, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after), hash: r.hash,
  }));
}
