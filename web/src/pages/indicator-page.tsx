import { useMemo } from 'preact/hooks';
import { useTitle } from '../app.tsx';
import { apiUrl, getJson, type Standing, type StandingRow, type UnitHistory } from '../api.ts';
import { catalogue, indicatorName, indicatorOf, measureOf, pillarName } from '../app-state.ts';
import { BAND_COLOURS, BANDS, indicatorBandsText, NO_DATA_COLOUR } from '../bands.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { LevelPicker } from '../components/level-picker.tsx';
import { EChart, type ChartOption } from '../components/echart.tsx';
import { PeriodSelect, usePeriod } from '../components/period-select.tsx';
import { BandBadge, Card, Change, ErrorBox, ExportLink, Loading, Num } from '../components/ui.tsx';
import { ProvenanceTag, Value, valueText } from '../components/values.tsx';
import { fmtNumber, fmtScore, fmtPeriod } from '../format.ts';
import { useResource } from '../hooks.ts';
import { changedRows, useHeld, type Held } from '../live-hold.ts';
import { lang, t, unitName } from '../i18n.ts';
import { formulaText, rollupText } from '../wording.ts';
import { here, href, setQuery } from '../router.ts';

type Level = 'province' | 'ministry' | 'commune';

export function IndicatorListPage() {
  useTitle(t('allIndicators'));
  const cat = catalogue.value;
  return (
    <div class="page">
      <div class="page-head"><h1>{t('allIndicators')}</h1></div>
      <div class="grid grid-2">
        {(cat?.pillars ?? []).map((p) => (
          <Card key={p.code} title={pillarName(p.code)}>
            <ul class="catalogue-list">
              {(cat?.indicators ?? []).filter((i) => i.pillar === p.code).map((i) => (
                <li key={i.code}>
                  <a href={href(`/chi-tieu/${i.code}`)}>{indicatorName(i.code)}</a>
                  {i.weight === 0 && <span class="muted small"> · {t('notScored')}</span>}
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
    </div>
  );
}

export function IndicatorPage({ code }: { code: string }) {
  const def = indicatorOf(code);
  useTitle(def ? indicatorName(code) : t('notFound'));
  const query = here.value.query;
  const period = usePeriod(query);
  const applies = def?.appliesTo ?? [];
  const wanted = query.get('level') as Level | null;
  const level: Level = wanted && applies.includes(wanted) ? wanted : applies.includes('province') ? 'province' : applies.includes('ministry') ? 'ministry' : 'commune';
  const parent = level === 'commune' ? query.get('parent') ?? '01' : undefined;

  const standing = useResource(
    (signal) => (applies.some((k) => k !== 'nation') ? getJson<Standing>(`/api/indicators/${code}/standing`, { level, parent, period }, signal) : Promise.resolve(undefined)),
    [code, level, parent, period],
    (m) => m.resync === true || m.changes.kpis.some((k) => k.indicator === code),
  );
  const national = useResource(
    (signal) => getJson<UnitHistory>('/api/units/VN/history', { period, indicators: code }, signal),
    [code, period],
    (m) => m.resync === true || m.changes.kpis.some((k) => k.indicator === code && k.unit === 'VN'),
  );

  if (!def) return <div class="page"><h1>{t('notFound')}</h1><p><a href="/chi-tieu">{t('allIndicators')}</a></p></div>;
  const series = national.data?.kpis[0];
  const latest = series?.points.at(-1);
  const held = useHeld(standing.data, `${code}|${level}|${parent}|${period}`, (a, b) => changedRows(a.rows, b.rows, (r) => r.unit.code, (r) => `${r.value}|${r.rank}`));
  const rows = held.shown?.rows ?? [];
  const behind = rows.filter((r) => r.achievement !== null).sort((a, b) => (a.achievement ?? 0) - (b.achievement ?? 0)).slice(0, 8);
  const levels = (['province', 'ministry', 'commune'] as const).filter((l) => applies.includes(l));

  return (
    <div class="page" data-indicator={code}>
      <div class="page-head">
        <div>
          <p class="muted small">{t('indicator')} · {pillarName(def.pillar)}</p>
          <h1>{indicatorName(code)}</h1>
        </div>
        <div class="controls">
          <LevelPicker levels={levels} level={level} parent={parent} onLevel={(l) => setQuery({ level: l, parent: null })} />
          <PeriodSelect value={period} />
        </div>
      </div>
      <div class="grid grid-hero">
        <Card title={t('definition')} id="definition" class="hero">
          {def.description && <p>{def.description}</p>}
          <dl class="definition">
            <dt>{t('measure')}</dt><dd>{measureOf(def)}</dd>
            <dt>{t('periodType')}</dt><dd>{t(def.periodType === 'month' ? 'month' : def.periodType)}</dd>
            <dt>{t('direction')}</dt><dd>{t(def.direction)}</dd>
            <dt>{t('rollup')}</dt><dd>{rollupText(def.rollup)}</dd>
            <dt>{t('weight')}</dt><dd>{def.weight > 0 ? fmtNumber(def.weight, 1) : t('notScored')}</dd>
            {def.formula && <><dt>{t('formula')}</dt><dd>{formulaText(def.formula)}</dd></>}
            {def.target !== undefined && <><dt>{t('target')}</dt><dd>{valueText(def.target, def)}</dd></>}
            {def.target !== undefined && <><dt>{t('band')}</dt><dd data-testid="indicator-bands">{indicatorBandsText(def)}</dd></>}
            {def.source && <><dt>{t('source')}</dt><dd class="small">{def.source}</dd></>}
          </dl>
        </Card>
        <Card title={`${t('nationalTrend')}`} id="national-trend" class="span-2">
          {latest && (
            <p class="tile-value">
              <Value value={latest.value} def={def} /> <span class="muted small">{fmtPeriod(latest.period)}</span> <ProvenanceTag report={series?.latestReport} />
            </p>
          )}
          {national.data ? <TrendChart history={national.data} /> : <Loading />}
        </Card>
      </div>
      {standing.error && <ErrorBox error={standing.error} retry={standing.reload} />}
      {standing.data && (
        <>
          <div class="grid grid-hero">
            <Card title={`${t('distribution')} — ${fmtPeriod(standing.data.period)}`} id="distribution" class="hero">
              <Distribution rows={rows} />
            </Card>
            <Card title={t('furthestBehind')} id="behind" class="span-2">
              {behind.length === 0 ? <p class="muted">{t('noData')}</p> : (
                <ol class="toplist">
                  {behind.map((r) => (
                    <li key={r.unit.code}>
                      <span class="rank">{fmtNumber(r.rank, 0)}</span>
                      <a href={href(`/don-vi/${r.unit.code}`)}>{unitName(r.unit)}</a>
                      <span class="score"><Num value={r.achievement} text={`${fmtScore(r.achievement)} %`} /></span>
                      <BandBadge band={r.band} small />
                      <span class="small muted">{valueText(r.value, def)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </div>
          <Card title={t('unit')} id="standing" actions={<ExportLink href={apiUrl('/api/export/indicator.xlsx', { indicator: code, level, parent, period })} />}>
            <StandingTable rows={rows} held={held} />
            {rows.some((r) => r.band) && <p class="muted small">{t('band')}: {indicatorBandsText(def)}</p>}
          </Card>
        </>
      )}
    </div>
  );
}

function TrendChart({ history }: { history: UnitHistory }) {
  const s = history.kpis[0];
  // A monthly indicator is drawn over every month, a month with no value left as a gap (not joined, not 0).
  const points = s?.periodType === 'month'
    ? history.months.map((m) => s.points.find((p) => p.period === m) ?? { period: m, value: null, target: null, achievement: null, band: null })
    : s?.points ?? [];
  const option = useMemo((): ChartOption => ({
    aria: { enabled: true },
    color: ['#0b3d66', '#E69F00'],
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtNumber(v, 1) },
    legend: { bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 56, right: 12, top: 12, bottom: 44 },
    xAxis: { type: 'category', data: points.map((p) => fmtPeriod(p.period)), axisLabel: { fontSize: 10 } },
    yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 10, formatter: (v: number) => fmtNumber(v, 1) } },
    series: [
      { name: t('value'), type: 'line', data: points.map((p) => p.value), lineStyle: { width: 3 }, symbolSize: 6 },
      { name: t('target'), type: 'line', data: points.map((p) => p.target), lineStyle: { type: 'dashed', width: 2 }, symbol: 'none' },
    ],
  }), [history, lang.value]);
  if (!points.some((p) => p.value !== null)) return <p class="muted">{t('noData')}</p>;
  return <EChart option={option} class="chart-sm" label={`${t('nationalTrend')}: ${points.map((p) => `${fmtPeriod(p.period)} ${fmtNumber(p.value)}`).join('; ')}`} />;
}

function Distribution({ rows }: { rows: StandingRow[] }) {
  const sorted = rows.filter((r) => r.value !== null);
  const option = useMemo((): ChartOption => ({
    aria: { enabled: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; dataIndex: number }) => {
        const row = sorted[p.dataIndex];
        return `${row ? unitName(row.unit) : p.name}: ${fmtNumber(p.value, 1)}`;
      },
    },
    grid: { left: 56, right: 8, top: 8, bottom: 28 },
    xAxis: { type: 'category', data: sorted.map((r) => unitName(r.unit)), axisLabel: { show: false }, axisTick: { show: false } },
    yAxis: { type: 'value', scale: false, axisLabel: { fontSize: 10, formatter: (v: number) => fmtNumber(v, 1) } },
    series: [{
      type: 'bar',
      data: sorted.map((r) => ({ value: r.value, itemStyle: { color: r.band ? BAND_COLOURS[r.band] : NO_DATA_COLOUR } })),
      barCategoryGap: '15%',
    }],
  }), [rows, lang.value]);
  if (sorted.length === 0) return <p class="muted">{t('noData')}</p>;
  const counts = BANDS.map((b) => ({ band: b, n: rows.filter((r) => r.band === b).length }));
  return (
    <>
      <EChart option={option} class="chart-sm" label={`${t('distribution')}: ${sorted.map((r) => `${unitName(r.unit)} ${fmtNumber(r.value)}`).join('; ')}`} />
      <ul class="legend">
        {counts.map((c) => <li key={c.band}><BandBadge band={c.band} small /> {fmtNumber(c.n, 0)}</li>)}
      </ul>
    </>
  );
}

function StandingTable({ rows, held }: { rows: StandingRow[]; held: Held<unknown> }) {
  const def = indicatorOf(here.value.path.split('/')[2] ?? '');
  const columns: Column<StandingRow>[] = [
    { key: 'name', label: t('unit'), render: (r) => <a href={href(`/don-vi/${r.unit.code}`)}>{unitName(r.unit)}</a>, sort: (r) => unitName(r.unit) },
    { key: 'rank', label: t('rank'), numeric: true, render: (r) => <Num value={r.rank} text={fmtNumber(r.rank, 0)} />, sort: (r) => r.rank },
    { key: 'value', label: t('value'), numeric: true, render: (r) => <Value value={r.value} def={def} />, sort: (r) => r.value },
    { key: 'change', label: t('change'), numeric: true, wide: true, render: (r) => <Change value={r.value !== null && r.previous !== null ? r.value - r.previous : null} />, sort: (r) => (r.value !== null && r.previous !== null ? r.value - r.previous : null) },
    { key: 'target', label: t('target'), numeric: true, render: (r) => valueText(r.target, def), sort: (r) => r.target },
    { key: 'achievement', label: t('achievement'), numeric: true, render: (r) => <Num value={r.achievement} text={r.achievement === null ? '—' : `${fmtScore(r.achievement)} %`} />, sort: (r) => r.achievement },
    { key: 'band', label: t('band'), render: (r) => <BandBadge band={r.band} small />, sort: (r) => (r.band ? -BANDS.indexOf(r.band) : null) },
  ];
  return <DataTable caption={t('unit')} rows={rows} columns={columns} rowKey={(r) => r.unit.code} initialSort={{ key: 'rank', dir: 'asc' }} live={held} />;
}
