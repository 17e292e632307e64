import Type from 'typebox';
import type { FastifyReply } from 'fastify';
import type { Core } from '../../core.ts';
import { DEMO_LABEL } from '../../demo/demo-label.ts';
import { hasSyntheticData } from '../../ingest/provenance.query.ts';
import { getIndicatorStanding, type StandingRow } from '../../kpi/indicator-standing.query.ts';
import { getUnitKpis, type KpiView } from '../../kpi/kpi.query.ts';
import { formatPeriodVi } from '../../periods/period.ts';
import { publicationMsg } from '../../publication/publication-messages.ts';
import { monthView, readAccess, type MonthView } from '../../publication/read-view.ts';
import { BAND_LABELS, type Band } from '../../scoring/score.ts';
import { getScorecard, peerGroupOf, type ScorecardRow } from '../../scoring/scorecard.query.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { msg, reason } from '../../shared/messages.ts';
import { tableToXlsx, type XlsxColumn } from '../../shared/xlsx-table.ts';
import { actorOf } from '../actor.ts';
import type { TypedServer } from '../server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Code = Type.String({ minLength: 1, maxLength: 64 });
const Month = Type.Optional(Type.String({
  pattern: '^\\d{4}-\\d{2}$',
  description: 'Tháng YYYY-MM. Mặc định: tháng hiện tại khi đã đăng nhập, tháng công bố gần nhất với công chúng (chưa đăng nhập chỉ xem được tháng đã công bố)',
}));
const Level = Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('ministry'), Type.Literal('commune')]));
const LEVEL_NAMES = { province: 'tỉnh, thành phố', ministry: 'bộ, cơ quan ngang bộ', commune: 'xã, phường, đặc khu' } as const;
const NUMBER = '#,##0.##';
const band = (b: Band | null) => (b ? BAND_LABELS[b].vi : '');

/**
 * "Xuất Excel" for every table the dashboard shows; the same filters and the same read rule as the table (the public
 * gets published months only), text cells safe from formulas.
 */
export function exportRoutes(api: TypedServer, core: Core): void {
  api.get('/api/export/scorecard.xlsx', {
    schema: { tags: ['xuất dữ liệu'], summary: 'Bảng xếp hạng (chỉ số, trụ cột, hạng, thay đổi) ra tệp Excel', querystring: Type.Object({ level: Level, parent: Type.Optional(Code), period: Month }) },
  }, async (req, reply) => {
    const level = req.query.level ?? 'province';
    const parent = needParent(level, req.query.parent);
    const view = await monthView(core.db, await readAccess(core.db, actorOf(req), core.ctx.now()), req.query.period);
    const month = view.month;
    const rows = await getScorecard(core.db, core.ctx, peerGroupOf(level, parent), month, view.table);
    const pillars = core.ctx.catalogue.pillars;
    const columns: XlsxColumn<ScorecardRow>[] = [
      { header: 'Hạng', width: 7, value: (r) => r.rank },
      { header: 'Mã', width: 9, value: (r) => r.unit.code },
      { header: 'Đơn vị', width: 30, value: (r) => r.unit.name },
      { header: 'Chỉ số (0–100)', width: 12, value: (r) => r.score, format: NUMBER },
      { header: 'Xếp loại', width: 12, value: (r) => band(r.band) },
      ...pillars.map((p): XlsxColumn<ScorecardRow> => ({ header: p.name, width: 14, value: (r) => r.pillars[p.code] ?? null, format: NUMBER })),
      { header: 'Thay đổi so với tháng trước', width: 14, value: (r) => r.change, format: NUMBER },
      { header: 'Hạng tháng trước', width: 10, value: (r) => r.previousRank },
    ];
    const scope = parent ? ` thuộc ${core.ctx.units.get(parent)?.name ?? parent}` : '';
    return send(reply, `xep-hang-${level}-${month}.xlsx`, await tableToXlsx({
      sheet: 'Xếp hạng', title: `Xếp hạng ${LEVEL_NAMES[level]}${scope} — tháng ${formatPeriodVi(month)}`,
      notes: await notes(core, view), columns, rows,
    }));
  });

  api.get('/api/export/unit-kpis.xlsx', {
    schema: { tags: ['xuất dữ liệu'], summary: 'Bảng chỉ tiêu của một đơn vị (giá trị, kế hoạch, mức đạt, nguồn) ra tệp Excel', querystring: Type.Object({ unit: Code, period: Month }) },
  }, async (req, reply) => {
    const unit = core.ctx.units.get(req.query.unit);
    if (!unit) throw new NotFoundError(msg('unitNotFound', { code: req.query.unit }).vi);
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const view = await monthView(core.db, access, req.query.period);
    const month = view.month;
    const rows = await getUnitKpis(core.db, core.ctx, unit.code, month, access);
    const pillarName = new Map(core.ctx.catalogue.pillars.map((p) => [p.code, p.name]));
    const columns: XlsxColumn<KpiView>[] = [
      { header: 'Mã chỉ tiêu', width: 24, value: (r) => r.indicator },
      { header: 'Chỉ tiêu', width: 44, value: (r) => r.name },
      { header: 'Trụ cột', width: 18, value: (r) => pillarName.get(r.pillar) ?? r.pillar },
      { header: 'Kỳ', width: 11, value: (r) => formatPeriodVi(r.period) },
      { header: 'Giá trị', width: 14, value: (r) => r.value, format: NUMBER },
      { header: 'Đơn vị tính', width: 12, value: (r) => r.measure },
      { header: 'Kế hoạch', width: 12, value: (r) => r.target, format: NUMBER },
      { header: 'Mức đạt (%)', width: 10, value: (r) => r.achievement, format: NUMBER },
      { header: 'Xếp loại', width: 11, value: (r) => band(r.band) },
      { header: 'Nguồn số liệu', width: 40, value: (r) => r.lastReport?.source ?? (r.origin === 'derived' ? 'Tổng hợp từ sự kiện / đơn vị cấp dưới' : '') },
      { header: 'Đơn vị báo cáo', width: 24, value: (r) => (r.lastReport ? core.ctx.units.get(r.lastReport.unit)?.name ?? r.lastReport.unit : '') },
      // Empty for the public, who sees the reporting unit, not the person (src/publication/read-view.ts).
      { header: 'Người báo cáo', width: 16, value: (r) => r.lastReport?.by ?? '' },
      { header: 'Thời điểm báo cáo (UTC)', width: 22, value: (r) => r.lastReport?.reportedAt ?? r.asOf ?? '' },
    ];
    return send(reply, `chi-tieu-${unit.code}-${month}.xlsx`, await tableToXlsx({
      sheet: 'Chỉ tiêu', title: `${unit.name} — bảng chỉ tiêu tháng ${formatPeriodVi(month)}`, notes: await notes(core, view), columns, rows,
    }));
  });

  api.get('/api/export/indicator.xlsx', {
    schema: {
      tags: ['xuất dữ liệu'], summary: 'Một chỉ tiêu trên các đơn vị cùng cấp ra tệp Excel',
      querystring: Type.Object({ indicator: Code, level: Level, parent: Type.Optional(Code), period: Month }),
    },
  }, async (req, reply) => {
    const def = core.ctx.catalogue.get(req.query.indicator);
    if (!def) throw new NotFoundError(msg('indicatorNotFound', { code: req.query.indicator }).vi);
    const level = req.query.level ?? 'province';
    const parent = needParent(level, req.query.parent);
    const access = await readAccess(core.db, actorOf(req), core.ctx.now());
    const view = await monthView(core.db, access, req.query.period);
    const standing = await getIndicatorStanding(core.db, core.ctx, def, peerGroupOf(level, parent), view.month, access);
    const columns: XlsxColumn<StandingRow>[] = [
      { header: 'Hạng', width: 7, value: (r) => r.rank },
      { header: 'Mã', width: 9, value: (r) => r.unit.code },
      { header: 'Đơn vị', width: 30, value: (r) => r.unit.name },
      { header: `Giá trị (${def.measure})`, width: 14, value: (r) => r.value, format: NUMBER },
      { header: 'Kỳ trước', width: 14, value: (r) => r.previous, format: NUMBER },
      { header: 'Kế hoạch', width: 12, value: (r) => r.target, format: NUMBER },
      { header: 'Mức đạt (%)', width: 10, value: (r) => r.achievement, format: NUMBER },
      { header: 'Xếp loại', width: 11, value: (r) => band(r.band) },
    ];
    return send(reply, `${def.code}-${level}-${standing.period}.xlsx`, await tableToXlsx({
      sheet: 'Chỉ tiêu', title: `${def.name} — ${LEVEL_NAMES[level]}, kỳ ${formatPeriodVi(standing.period)}`,
      notes: await notes(core, view), columns, rows: standing.rows,
    }));
  });
}

function needParent(level: 'province' | 'ministry' | 'commune', parent: string | undefined): string | undefined {
  if (level === 'commune' && !parent) throw new ValidationError(msg('communeNeedsParent').vi, [{ field: 'parent', ...reason('communeNeedsParent') }]);
  return level === 'commune' ? parent : undefined;
}

/** Says when the file was made and whether its figures are the published or the live ones (one line: the sheet's layout stays put). */
async function notes(core: Core, view: MonthView): Promise<string[]> {
  const format = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
  const lines = [`Xuất từ Nhịp Số lúc ${format.format(core.ctx.now())}. ${figuresNote(view)}`];
  if (await hasSyntheticData(core.db)) lines.unshift(`${DEMO_LABEL}: số liệu cấp tỉnh, bộ, xã là dữ liệu tổng hợp, không phải số liệu thật.`);
  return lines;
}

function figuresNote(view: MonthView): string {
  if (view.source === 'live' || !view.published) return publicationMsg('liveNote').vi;
  const { at, corrections } = view.published;
  const date = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(at));
  const suffix = corrections > 0 ? publicationMsg('correctedSuffix', { count: corrections }).vi : '';
  return publicationMsg('publishedNote', { date, corrections: suffix }).vi;
}

function send(reply: FastifyReply, fileName: string, data: Buffer) {
  return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${fileName}"`).send(data);
}
