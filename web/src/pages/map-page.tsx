import { useMemo, useRef } from 'preact/hooks';
import { useTitle } from '../app.tsx';
import { apiUrl, getJson, type Band, type Scorecard, type Standing } from '../api.ts';
import { catalogue, indicatorName, pillarName } from '../app-state.ts';
import { BAND_COLOURS, bandLabel, BANDS, indicatorBands, NO_DATA_COLOUR } from '../bands.ts';
import type { EChartsType } from '../charts/echarts.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { EChart, type ChartOption } from '../components/echart.tsx';
import { PeriodSelect, usePeriod } from '../components/period-select.tsx';
import { BandBadge, Card, ErrorBox, ExportLink, Loading, Num } from '../components/ui.tsx';
import { NotReported } from '../components/honest.tsx';
import { valueText } from '../components/values.tsx';
import { fmtNumber, fmtScore, fmtPeriod } from '../format.ts';
import { useResource } from '../hooks.ts';
import { lang, t } from '../i18n.ts';
import { metricFromQuery, metricKey, metricLabel, metricQuery, metricRows, type Metric, type MetricRow, type MetricRows } from '../metric.ts';
import { here, href, navigate, setQuery } from '../router.ts';

/** Label points of the two archipelagos; the islands themselves are part of Đà Nẵng's and Khánh Hòa's shapes. */
const ARCHIPELAGOS = [
  { id: 'hoang-sa', province: '48', coord: [111.9, 16.45] as [number, number], short: 'Hoàng Sa', side: 'right' },
  // Trường Sa is the map's eastmost point: a label to its right ran off the edge of a phone's map; the sea is to its left.
  { id: 'truong-sa', province: '56', coord: [114.3, 9.9] as [number, number], short: 'Trường Sa', side: 'left' },
];

export function MapPage() {
  useTitle(t('navMap'));
  const period = usePeriod(here.value.query);
  const metric = metricFromQuery(here.value.query);
  const indicator = metric.kind === 'indicator' ? metric.code : undefined;
  const data = useResource(
    (signal) => Promise.all([
      getJson<Scorecard>('/api/scorecard', { level: 'province', period }, signal),
      indicator ? getJson<Standing>(`/api/indicators/${indicator}/standing`, { level: 'province', period }, signal) : Promise.resolve(undefined),
    ]),
    [period, indicator],
    (m) => m.resync === true || m.changes.scores.length > 0 || (m.changes.digest?.scores ?? 0) > 0 || (indicator !== undefined && m.changes.kpis.some((k) => k.indicator === indicator)),
  );
  const rows = data.data ? metricRows(metric, data.data[0], data.data[1]) : undefined;
  const exportHref = indicator
    ? apiUrl('/api/export/indicator.xlsx', { indicator, level: 'province', period })
    : apiUrl('/api/export/scorecard.xlsx', { level: 'province', period });

  return (
    <div class="page">
      <div class="page-head">
        <div>
          <h1>{t('mapTitle')}</h1>
          <p class="lead">{t('mapHint')}</p>
        </div>
        <div class="controls">
          <MetricSelect metric={metric} kind="province" />
          <PeriodSelect value={period} />
        </div>
      </div>
      {data.error && <ErrorBox error={data.error} retry={data.reload} />}
      <div class="map-layout">
        <Card title={`${metricLabel(metric)} — ${fmtPeriod(data.data?.[1]?.period ?? period)}`} id="map-card">
          {rows ? <Legend rows={rows} /> : null}
          {rows ? <ProvinceMap rows={rows} metric={metric} /> : <Loading />}
        </Card>
        <Card title={t('mapTable')} id="map-table" actions={<ExportLink href={exportHref} />}>
          {rows ? <MetricTable rows={rows} /> : <Loading />}
        </Card>
      </div>
    </div>
  );
}

export function MetricSelect({ metric, kind }: { metric: Metric; kind: 'province' | 'ministry' | 'commune' }) {
  const cat = catalogue.value;
  const indicators = (cat?.indicators ?? []).filter((i) => i.appliesTo.includes(kind) && i.periodType !== 'day');
  return (
    <label class="field">
      <span>{t('colourBy')}</span>
      <select value={metricKey(metric)} onChange={(e) => setQuery(metricQuery((e.currentTarget as HTMLSelectElement).value))}>
        <option value="index">{t('indexShort')}</option>
        <optgroup label={t('pillars')}>
          {(cat?.pillars ?? []).map((p) => <option key={p.code} value={`pillar:${p.code}`}>{pillarName(p.code)}</option>)}
        </optgroup>
        <optgroup label={t('navIndicators')}>
          {indicators.map((i) => <option key={i.code} value={`indicator:${i.code}`}>{indicatorName(i.code)}</option>)}
        </optgroup>
      </select>
    </label>
  );
}

function legendEntries(rows: MetricRows): { band: Band | null; label: string; count: number }[] {
  const count = (b: Band | null) => rows.rows.filter((r) => (b === null ? r.value === null || r.band === null : r.band === b)).length;
  const entries = BANDS.map((band, i) => {
    let label = bandLabel(band);
    if (rows.basis === 'index') label += [' (≥ 80)', ' (≥ 65)', ' (≥ 50)', ' (< 50)'][i];
    if (rows.basis === 'target') {
      const b = indicatorBands(rows.def);
      const word = lang.value === 'en' ? 'of target' : 'kế hoạch';
      label += [` (≥ ${b.good}% ${word})`, ` (≥ ${b.fair}%)`, ` (≥ ${b.average}%)`, ` (< ${b.average}%)`][i];
    }
    if (rows.basis === 'quartile') {
      const members = rows.rows.filter((r) => r.group === i + 1 && r.value !== null).map((r) => r.value ?? 0);
      label = `${t('groupTop', { n: i + 1 })}${members.length ? `: ${fmtNumber(Math.min(...members))} – ${fmtNumber(Math.max(...members))}` : ''}`;
    }
    return { band, label, count: count(band) };
  });
  return [...entries, { band: null, label: t('noValue'), count: count(null) }];
}

function Legend({ rows }: { rows: MetricRows }) {
  return (
    <>
      <ul class="legend" aria-label={lang.value === 'en' ? 'Legend' : 'Chú giải'} data-testid="map-legend">
        {legendEntries(rows).map((e) => (
          <li key={e.band ?? 'none'}>
            <span class="swatch" style={{ background: e.band ? BAND_COLOURS[e.band] : NO_DATA_COLOUR }} aria-hidden="true" />
            <span>{e.label}</span>
            <span class="muted">({fmtNumber(e.count, 0)})</span>
          </li>
        ))}
      </ul>
      {rows.basis === 'quartile' && <p class="muted small">{t('quartileNote')}</p>}
    </>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function ProvinceMap({ rows, metric }: { rows: MetricRows; metric: Metric }) {
  const byCode = useMemo(() => new Map(rows.rows.map((r) => [r.code, r])), [rows]);
  const lookup = useRef(byCode);
  lookup.current = byCode;
  const en = lang.value === 'en';
  const label = metricLabel(metric);

  const format = (r: MetricRow | undefined) => {
    if (!r || r.value === null) return t('noValue');
    return rows.def ? valueText(r.value, rows.def) : fmtScore(r.value);
  };
  const tooltip = (p: { componentType: string; name: string; data?: { province?: string; full?: string } }) => {
    const code = p.componentType === 'geo' ? p.name : p.data?.province ?? '';
    const r = lookup.current.get(code);
    const name = escapeHtml(r?.name ?? code);
    const extra = p.componentType === 'series' && p.data?.full ? `${escapeHtml(p.data.full)}<br/>` : '';
    const rank = r?.rank ? `${t('rank')}: ${fmtNumber(r.rank, 0)}/${fmtNumber(r.peers, 0)}<br/>` : '';
    return `${extra}<strong>${name}</strong><br/>${escapeHtml(label)}: <strong>${escapeHtml(format(r))}</strong><br/>${rank}${t('band')}: ${escapeHtml(r?.group ? t('groupTop', { n: r.group }) : bandLabel(r?.band))}`;
  };
  const option = useMemo((): ChartOption => ({
    aria: { enabled: true, label: { description: `${t('mapTitle')}: ${label}` } },
    animationDurationUpdate: 500,
    tooltip: { trigger: 'item', confine: true, formatter: tooltip },
    geo: {
      map: 'vn-provinces',
      nameProperty: 'code',
      roam: false,
      aspectScale: 0.96,
      layoutCenter: ['50%', '50%'],
      layoutSize: '96%',
      label: { show: false },
      // A component's tooltip does not take the chart-wide formatter: without its own, a province shows its bare code.
      tooltip: { show: true, formatter: tooltip },
      itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: NO_DATA_COLOUR },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#1f2933', borderColor: '#fff' } },
      select: { disabled: true },
      regions: rows.rows.map((r) => ({ name: r.code, itemStyle: { areaColor: r.band ? BAND_COLOURS[r.band] : NO_DATA_COLOUR } })),
    },
    series: [{
      type: 'scatter',
      coordinateSystem: 'geo',
      symbol: 'circle',
      symbolSize: 5,
      itemStyle: { color: '#1f2933' },
      label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: '#1f2933' },
      data: ARCHIPELAGOS.map((a) => ({
        name: en ? `${a.short} (${a.id === 'hoang-sa' ? 'Đà Nẵng' : 'Khánh Hòa'})` : `QĐ. ${a.short}`, value: a.coord, province: a.province,
        full: t(a.id === 'hoang-sa' ? 'hoangSa' : 'truongSa'), label: { position: a.side },
      })),
    }],
  }), [rows, lang.value]);

  const onChart = (chart: EChartsType) => {
    chart.on('click', (p) => {
      const params = p as { componentType: string; name: string; data?: { province?: string } };
      const code = params.componentType === 'geo' ? params.name : params.data?.province;
      if (code && lookup.current.has(code)) navigate(href(`/don-vi/${code}`));
    });
    // Tests and reviewers can read what was drawn: every province, and both archipelagos inside the visible box.
    chart.on('finished', () => {
      const el = chart.getDom();
      const placed = ARCHIPELAGOS.map((a) => {
        const [x = -1, y = -1] = (chart.convertToPixel({ geoIndex: 0 }, a.coord) as number[] | undefined) ?? [];
        return { ...a, at: [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as [number, number] };
      });
      const visible = placed.filter(({ at: [x, y] }) => x >= 0 && y >= 0 && x <= chart.getWidth() && y <= chart.getHeight());
      el.dataset.archipelagos = visible.map((a) => a.id).join(',');
      el.dataset.archipelagoPixels = JSON.stringify(Object.fromEntries(placed.map((a) => [a.id, { coord: a.coord, at: a.at }])));
      el.dataset.regions = String(el.querySelectorAll('path').length > 0 ? regionCount : 0);
      el.dataset.coloured = String(lookup.current.size);
    });
  };

  return (
    <EChart
      option={option}
      class="map-box"
      label={`${t('mapTitle')} — ${label}. ${t('hoangSa')}; ${t('truongSa')}.`}
      prepare={prepareMap}
      onChart={onChart}
      testId="province-map"
    />
  );
}

let regionCount = 0;
async function prepareMap(echarts: typeof import('../charts/echarts.ts')): Promise<void> {
  if (regionCount > 0) return;
  const map = (await import('virtual:vn-provinces')).default;
  echarts.registerMap('vn-provinces', map as unknown as Parameters<typeof echarts.registerMap>[1]);
  regionCount = map.features.length;
}

function MetricTable({ rows }: { rows: MetricRows }) {
  const columns: Column<MetricRow>[] = [
    { key: 'name', label: t('province'), render: (r) => <a href={href(`/don-vi/${r.code}`)}>{r.name}</a>, sort: (r) => r.name },
    { key: 'value', label: t('value'), numeric: true, render: (r) => (r.value === null ? <NotReported /> : <Num value={r.value} text={rows.def ? valueText(r.value, rows.def) : fmtScore(r.value)} />), sort: (r) => r.value },
    { key: 'rank', label: t('rank'), numeric: true, render: (r) => <Num value={r.rank} text={fmtNumber(r.rank, 0)} />, sort: (r) => r.rank },
    { key: 'band', label: rows.basis === 'quartile' ? t('groupTop', { n: '' }).trim() : t('band'), render: (r) => (rows.basis === 'quartile' ? (r.group ? t('groupTop', { n: r.group }) : '—') : <BandBadge band={r.band} small />), sort: (r) => (r.band ? BANDS.indexOf(r.band) : null) },
  ];
  return <DataTable caption={t('mapTable')} rows={rows.rows} columns={columns} rowKey={(r) => r.code} initialSort={{ key: 'rank', dir: 'asc' }} />;
}

