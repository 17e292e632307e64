import { useMemo } from 'preact/hooks';
import { useTitle } from '../app.tsx';
import { apiUrl, getJson, reporterOf, type Indicator, type KpiSeries, type KpiView, type Scorecard, type ScorecardRow, type TaskList, type Unit, type UnitHistory, type UnitKpis } from '../api.ts';
import { catalogue, indicatorName, indicatorOf, pillarName } from '../app-state.ts';
import { BAND_COLOURS, BANDS, bandLabel, INDEX_BANDS, indicatorBandsText } from '../bands.ts';
import { UnitAttention } from '../components/attention-slots.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { EChart, type ChartOption } from '../components/echart.tsx';
import { PeriodSelect, usePeriod } from '../components/period-select.tsx';
import { SignInNotice } from '../components/sign-in-notice.tsx';
import { CoverageNote, RankValue, ScoreValue, trendValues } from '../components/honest.tsx';
import { TaskTable } from '../components/tasks.tsx';
import { BandBadge, Card, Change, ErrorBox, ExportLink, Loading, Num, RankChange, Sparkline } from '../components/ui.tsx';
import { Evidence, ProvenanceTag, Value, valueText } from '../components/values.tsx';
import { fmtDateTime, fmtNumber, fmtScore, fmtPeriod, fold } from '../format.ts';
import { useResource } from '../hooks.ts';
import { changedRows, useHeld } from '../live-hold.ts';
import { lang, localName, t, unitName, type MessageKey } from '../i18n.ts';
import { touchesUnits } from '../live.ts';
import { here, href, setQuery } from '../router.ts';
import { signedIn } from '../session.ts';

const KIND_LABEL: Record<string, MessageKey> = { nation: 'kindNation', ministry: 'kindMinistry', province: 'kindProvince', commune: 'kindCommune' };

export function UnitPage({ code }: { code: string }) {
  const period = usePeriod(here.value.query);
  const self = useMemo(() => new Set([code]), [code]);
  const unit = useResource((signal) => getJson<Unit>(`/api/units/${encodeURIComponent(code)}`, {}, signal), [code]);
  const parent = useResource(
    (signal) => (unit.data?.parent_code ? getJson<Unit>(`/api/units/${unit.data.parent_code}`, {}, signal) : Promise.resolve(undefined)),
    [unit.data?.parent_code],
  );
  const kpis = useResource(
    (signal) => getJson<UnitKpis>(`/api/units/${encodeURIComponent(code)}/kpis`, { period }, signal),
    [code, period],
    (m) => touchesUnits(m, self),
  );
  const codes = (kpis.data?.kpis ?? []).map((k) => k.indicator).join(',');
  const history = useResource(
    (signal) => (codes ? getJson<UnitHistory>(`/api/units/${encodeURIComponent(code)}/history`, { period, indicators: codes }, signal) : Promise.resolve(undefined)),
    [code, period, codes],
    (m) => touchesUnits(m, self),
  );
  const tasks = useResource(
    (signal) => (signedIn.value ? getJson<TaskList>('/api/tasks', { unit: code, limit: 200 }, signal).catch(() => ({ total: 0, items: [] }) as TaskList) : Promise.resolve(undefined)),
    [code],
    (m) => m.resync === true || (m.changes.tasks ?? []).some((x) => x.leadUnit === code || x.coordinators.includes(code)),
  );
  const u = unit.data;
  useTitle(u ? localName(u.name, u.name_en) : t('profile'));

  if (unit.error) return <div class="page"><ErrorBox error={unit.error} retry={unit.reload} /></div>;
  if (!u) return <div class="page"><Loading /></div>;
  const score = kpis.data?.score ?? null;
  const scores = history.data?.scores ?? [];
  const before = scores.find((s) => s.period === history.data?.months.at(-2));
  const change = score && before ? Math.round((score.score - before.score) * 100) / 100 : null;
  const rankChange = score?.rank && before?.rank ? before.rank - score.rank : null;

  return (
    <div class="page" data-unit={u.code}>
      <div class="page-head">
        <div>
          <p class="muted small">
            {t(KIND_LABEL[u.kind] ?? 'unit')}
            {parent.data && parent.data.kind !== 'nation' && <> · {t('parentUnit')} <a href={href(`/don-vi/${parent.data.code}`)}>{unitName(parent.data)}</a></>}
            {' · '}{t('code')} {u.code}
          </p>
          <h1>{localName(u.full_name, u.full_name_en)}</h1>
        </div>
        <div class="controls">
          <PeriodSelect value={period} />
        </div>
      </div>
      {kpis.error && <ErrorBox error={kpis.error} retry={kpis.reload} />}
      <div class="grid grid-hero">
        <Card title={`${t('index')} — ${fmtPeriod(period)}`} id="unit-index" class="hero">
          <div class="hero-main">
            <p class="big" data-testid="unit-score"><ScoreValue value={score?.score} />{score && <span class="of">/100</span>}</p>
            <div class="hero-meta">
              <BandBadge band={score?.band} />
              <CoverageNote of={score} />
              {score && u.kind !== 'nation' && (score.rank
                ? <p><strong><Num value={score.rank} text={t('rankOf', { rank: fmtNumber(score.rank, 0), peers: fmtNumber(score.peers, 0) })} /></strong> <RankChange value={rankChange} /></p>
                : <p><RankValue rank={null} scored /></p>)}
              <p><Change value={change} /> <span class="muted small">{t('vsLastMonth')}</span></p>
            </div>
          </div>
          <ul class="pillars">
            {(catalogue.value?.pillars ?? []).map((p) => {
              const v = score?.pillars[p.code] ?? null;
              return (
                <li key={p.code}>
                  <span class="pillar-name">{pillarName(p.code)}</span>
                  <span class="meter" role="img" aria-label={`${pillarName(p.code)}: ${fmtScore(v)}`}>
                    <span class="meter-fill" style={{ display: 'block', width: `${Math.max(0, Math.min(100, v ?? 0))}%`, background: v === null ? '#ccc' : BAND_COLOURS[v >= 80 ? 'tot' : v >= 65 ? 'kha' : v >= 50 ? 'trung_binh' : 'yeu'] }} />
                    <span class="meter-mark" style={{ left: `${INDEX_BANDS.good}%` }} />
                  </span>
                  <span class="pillar-value"><ScoreValue value={v} /></span>
                </li>
              );
            })}
          </ul>
        </Card>
        <Card title={t('trend12')} id="unit-trend" class="span-2">
          {history.data ? <ScoreTrend history={history.data} /> : <Loading />}
        </Card>
      </div>
      <UnitAttention code={u.code} period={period} />
      <Card
        title={t('scorecard')}
        id="scorecard"
        actions={<ExportLink href={apiUrl('/api/export/unit-kpis.xlsx', { unit: u.code, period })} />}
      >
        {kpis.data ? <Scorecard unit={u} kpis={kpis.data.kpis} history={history.data?.kpis ?? []} months={history.data?.months ?? []} /> : <Loading />}
      </Card>
      {signedIn.value ? (
        <Card title={`${t('tasks')} (${fmtNumber(tasks.data?.total ?? 0, 0)})`} id="unit-tasks" actions={<a class="btn" href={`/nhiem-vu?unit=${u.code}`}>{t('tasksOpenBoard')}</a>}>
          {tasks.data ? <TaskTable tasks={tasks.data.items} /> : <Loading />}
        </Card>
      ) : <Card title={t('tasks')} id="unit-tasks"><SignInNotice text={t('tasksSignIn')} /></Card>}
      {u.kind === 'province' && <Communes province={u.code} period={period} />}
    </div>
  );
}

function ScoreTrend({ history }: { history: UnitHistory }) {
  const pillars = catalogue.value?.pillars ?? [];
  const scoreAt = (m: string) => history.scores.find((s) => s.period === m);
  const option = useMemo((): ChartOption => ({
    aria: { enabled: true },
    animationDurationUpdate: 400,
    color: ['#0b3d66', '#0072B2', '#E69F00', '#009E73', '#CC79A7'],
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtNumber(v, 1) },
    legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 36, right: 12, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: history.months.map(fmtPeriod), axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10), max: 100, axisLabel: { fontSize: 10 } },
    series: [
      {
        name: t('index'), type: 'line', data: history.months.map((m) => scoreAt(m)?.score ?? null), lineStyle: { width: 3 }, symbolSize: 6,
        markLine: { silent: true, symbol: 'none', label: { formatter: bandLabel('tot'), position: 'insideEndTop' }, lineStyle: { type: 'dashed', color: '#555' }, data: [{ yAxis: INDEX_BANDS.good }] },
      },
      ...pillars.map((p, i) => ({
        name: pillarName(p.code), type: 'line', data: history.months.map((m) => scoreAt(m)?.pillars[p.code] ?? null), symbolSize: 4,
        lineStyle: { width: 1.5, type: (['solid', 'dashed', 'dotted', 'dashed'] as const)[i % 4] },
      })),
    ],
  }), [history, lang.value]);
  return <EChart option={option} label={`${t('trend12')}: ${history.scores.map((s) => `${fmtPeriod(s.period)} ${fmtScore(s.score)}`).join('; ')}`} testId="unit-trend-chart" />;
}

function provenanceText(k: KpiView, unit: Unit): string {
  // The public gets the reporting unit, not the account: the page's own unit is named, another by its code.
  const from = (r: NonNullable<KpiView['lastReport']>) => (r.by === null && r.unit === unit.code ? unitName(unit) : reporterOf(r));
  if (k.lastReport) return `${k.lastReport.source ?? '—'} · ${from(k.lastReport)} · ${fmtDateTime(k.lastReport.reportedAt)}`;
  if (k.origin === 'derived') return `${t('derived')}${k.asOf ? ` · ${fmtDateTime(k.asOf)}` : ''}`;
  return '—';
}

function Scorecard({ unit, kpis, history, months }: { unit: Unit; kpis: KpiView[]; history: KpiSeries[]; months: string[] }) {
  const pillars = catalogue.value?.pillars ?? [];
  const seriesOf = new Map(history.map((s) => [s.indicator, s]));
  const columns: Column<KpiView>[] = [
    { key: 'name', label: t('indicator'), render: (k) => <a href={href(`/chi-tieu/${k.indicator}`)}>{indicatorName(k.indicator)}</a>, sort: (k) => indicatorName(k.indicator) },
    { key: 'period', label: t('period'), render: (k) => fmtPeriod(k.period), wide: true },
    { key: 'value', label: t('value'), numeric: true, render: (k) => <span data-kpi={k.indicator}><Value value={k.value} def={indicatorOf(k.indicator)} /></span>, sort: (k) => k.value },
    { key: 'target', label: t('target'), numeric: true, render: (k) => valueText(k.target, indicatorOf(k.indicator)), sort: (k) => k.target },
    { key: 'achievement', label: t('achievement'), numeric: true, render: (k) => <Num value={k.achievement} text={k.achievement === null ? '—' : `${fmtScore(k.achievement)} %`} />, sort: (k) => k.achievement },
    { key: 'band', label: t('band'), render: (k) => (k.band ? <BandBadge band={k.band} small /> : <span class="muted small">—</span>), sort: (k) => (k.band ? BANDS.indexOf(k.band) : null) },
    {
      key: 'trend', label: t('trend'), wide: true,
      render: (k) => {
        const s = seriesOf.get(k.indicator);
        return <Sparkline values={trendValues(s, months)} label={`${indicatorName(k.indicator)}: ${s?.points.map((p) => `${fmtPeriod(p.period)} ${fmtNumber(p.value)}`).join('; ') ?? ''}`} />;
      },
    },
    {
      key: 'source', label: t('provenance'), wide: true,
      render: (k) => (
        <div class="prov">
          <span><ProvenanceTag report={k.lastReport} /> {provenanceText(k, unit)}</span>
          {k.lastReport?.evidence && <Evidence text={k.lastReport.evidence} />}
        </div>
      ),
    },
  ];
  return (
    <>
      {pillars.map((p) => {
        const rows = kpis.filter((k) => k.pillar === p.code);
        if (rows.length === 0) return null;
        return (
          <div key={p.code} class="pillar-block">
            <h3>{pillarName(p.code)}</h3>
            <DataTable caption={`${t('scorecard')} — ${pillarName(p.code)}`} rows={rows} columns={columns} rowKey={(k) => k.indicator} rowProps={(k) => ({ 'data-indicator': k.indicator })} />
          </div>
        );
      })}
      <BandNote kpis={kpis} />
    </>
  );
}

/** The thresholds behind the band column: the usual ones, then each indicator here that sets its own. */
function BandNote({ kpis }: { kpis: KpiView[] }) {
  const own = kpis.map((k) => indicatorOf(k.indicator)).filter((d): d is Indicator => d?.bands !== undefined && d.target !== undefined);
  return (
    <p class="muted small" data-testid="band-note">
      {t('band')}: {indicatorBandsText(undefined)}
      {own.map((d) => <span key={d.code}>; {indicatorName(d.code)}: {indicatorBandsText(d)}</span>)}
    </p>
  );
}

function Communes({ province, period }: { province: string; period: string }) {
  const q = here.value.query.get('q') ?? '';
  const data = useResource(
    (signal) => getJson<Scorecard>('/api/scorecard', { level: 'commune', parent: province, period }, signal),
    [province, period],
    (m) => m.resync === true || m.changes.scores.some((s) => s.unit.length === 5) || (m.changes.digest?.units.some((u) => u.length === 5) ?? false),
  );
  const needle = fold(q);
  const held = useHeld(data.data, `${province}|${period}`, (a, b) => changedRows(a.units, b.units, (r) => r.unit.code, (r) => `${r.score}|${r.rank}`));
  const rows = (held.shown?.units ?? []).filter((r) => !needle || fold(`${r.unit.name} ${r.unit.nameEn} ${r.unit.code}`).includes(needle));
  const columns: Column<ScorecardRow>[] = [
    { key: 'name', label: t('unit'), render: (r) => <a href={href(`/don-vi/${r.unit.code}`)}>{unitName(r.unit)}</a>, sort: (r) => unitName(r.unit) },
    { key: 'rank', label: t('rank'), numeric: true, render: (r) => <RankValue rank={r.rank} scored={r.score !== null} />, sort: (r) => r.rank },
    { key: 'score', label: t('index'), numeric: true, render: (r) => <><ScoreValue value={r.score} /> <CoverageNote of={r} /></>, sort: (r) => r.score },
    { key: 'band', label: t('band'), render: (r) => <BandBadge band={r.band} small />, sort: (r) => (r.band ? -BANDS.indexOf(r.band) : null) },
    { key: 'change', label: t('change'), numeric: true, render: (r) => <Change value={r.change} />, sort: (r) => r.change },
  ];
  return (
    <Card
      title={`${t('communesOf')} (${fmtNumber(data.data?.units.length ?? 0, 0)})`}
      id="communes"
      actions={<ExportLink href={apiUrl('/api/export/scorecard.xlsx', { level: 'commune', parent: province, period })} />}
    >
      <label class="field" style={{ marginBottom: '8px' }}>
        <span>{t('search')}</span>
        <input type="search" value={q} placeholder={t('searchUnits')} onInput={(e) => setQuery({ q: (e.currentTarget as HTMLInputElement).value })} />
      </label>
      {data.data ? <DataTable caption={t('communesOf')} rows={rows} columns={columns} rowKey={(r) => r.unit.code} initialSort={{ key: 'rank', dir: 'asc' }} live={held} /> : <Loading />}
    </Card>
  );
}
