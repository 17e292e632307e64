import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core.ts';
import { authMsg } from '../../auth/auth-messages.ts';
import { within } from '../../auth/policy.ts';
import { listAudit, type AuditFilter } from '../../audit/audit.query.ts';
import { verifyAudit } from '../../audit/audit-log.ts';
import { auditToXlsx } from '../../audit/export-audit.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { requireAccount } from '../auth.ts';
import type { TypedServer } from '../server.ts';

const tags = ['nhật ký'];
const AuditQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 32, description: 'Chỉ các bản ghi chạm tới đơn vị này' })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Trang tiếp: các bản ghi có số thứ tự nhỏ hơn' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Who reads which records: administrators all of them; a unit's accounts the records that touched their unit
 * or a unit beneath it. Central steering without a unit reads through an administrator.
 */
function auditScope(core: Core, req: FastifyRequest, unit: string | undefined): AuditFilter['units'] {
  const actor = requireAccount(req);
  if (actor.kind === 'system' || actor.role === 'admin') return unit ? [unit] : undefined;
  if (!actor.unit) throw new ForbiddenError(authMsg('forbiddenAction', { role: actor.role, action: 'audit.read' }).vi);
  const root = unit ?? actor.unit;
  if (!within(core.ctx.units, root, actor.unit)) throw new ForbiddenError(authMsg('forbiddenRead', { unit: root }).vi);
  return [root, ...core.ctx.units.descendants(root)];
}

export function auditRoutes(api: TypedServer, core: Core): void {
  api.get('/api/audit', { schema: { tags, summary: 'Nhật ký thao tác ghi, mới nhất trước (ai, làm gì, lúc nào, từ đâu, trước và sau)', querystring: AuditQuery } }, async (req) => {
    const units = auditScope(core, req, req.query.unit);
    return { records: await listAudit(core.db, { units, action: req.query.action, beforeSeq: req.query.before, limit: req.query.limit }) };
  });

  api.get('/api/audit/export.xlsx', { schema: { tags, summary: 'Xuất nhật ký ra Excel (tối đa 5.000 bản ghi mỗi lần, dùng before để lấy tiếp)', querystring: AuditQuery } }, async (req, reply) => {
    const units = auditScope(core, req, req.query.unit);
    const records = await listAudit(core.db, { units, action: req.query.action, beforeSeq: req.query.before, limit: req.query.limit ?? 5000 });
    const note = !units ? 'Toàn hệ thống' : units.length > 1 ? `Đơn vị: ${units[0]} và các đơn vị trực thuộc` : `Đơn vị: ${units[0]}`;
    return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="nhat-ky.xlsx"').send(await auditToXlsx(records, note));
  });

  api.get('/api/audit/verify', { schema: { tags, summary: 'Kiểm tra chuỗi băm của nhật ký: phát hiện bản ghi bị sửa, xóa hoặc chèn' } }, async (req) => {
    if (auditScope(core, req, undefined) !== undefined) throw new ForbiddenError(authMsg('forbiddenAction', { role: 'unit', action: 'audit.verify' }).vi);
    return verifyAudit(core.db);
  });
}
