import { useTitle } from '../app.tsx';
import { apiUrl, getJson, type Band, type Scorecard, type ScorecardRow, type Standing, type StandingRow } from '../api.ts';
import { catalogue, indicatorOf, pillarName } from '../app-state.ts';
import { BANDS, bandLabel } from '../bands.ts';
import { DataTable, type Column, type SortState } from '../components/data-table.tsx';
import { LevelPicker } from '../components/level-picker.tsx';
import { PeriodSelect, usePeriod } from '../components/period-select.tsx';
import { CoverageNote, RankValue, ScoreValue } from '../components/honest.tsx';
import { BandBadge, Card, Change, ErrorBox, ExportLink, Loading, PublicationNote, RankChange } from '../components/ui.tsx';
import { Value } from '../components/values.tsx';
import { fmtNumber, fmtPeriod, fold } from '../format.ts';
import { useResource } from '../hooks.ts';
import { changedRows, useHeld } from '../live-hold.ts';
import { t, unitName } from '../i18n.ts';
import { metricFromQuery, metricLabel } from '../metric.ts';
import { here, href, setQuery } from '../router.ts';
import { MetricSelect } from './map-page.tsx';

type Level = 'province' | 'ministry' | 'commune';
interface Row extends ScorecardRow { standing?: StandingRow }

export function RankingsPage() {
  useTitle(t('navRankings'));
  const query = here.value.query;
  const period = usePeriod(query);
  const level = (['province', 'ministry', 'commune'].includes(query.get('level') ?? '') ? query.get('level') : 'province') as Level;
  const parent = level === 'commune' ? query.get('parent') ?? '01' : undefined;
  const metric = metricFromQuery(query);
  const indicator = metric.kind === 'indicator' ? metric.code : undefined;
  const q = query.get('q') ?? '';
  const bandFilter = query.get('band') as Band | null;

  const data = useResource(
    (signal) => Promise.all([
      getJson<Scorecard>('/api/scorecard', { level, parent, period }, signal),
      indicator ? getJson<Standing>(`/api/indicators/${indicator}/standing`, { level, parent, period }, signal) : Promise.resolve(undefined),
    ]),
    [level, parent, period, indicator],
    (m) => m.resync === true || m.changes.scores.length > 0 || (m.changes.digest?.scores ?? 0) > 0 || (indicator !== undefined && m.changes.kpis.some((k) => k.indicator === indicator)),
  );

  const defaultSort: SortState = metric.kind === 'index' ? { key: 'score', dir: 'desc' } : { key: metric.kind === 'pillar' ? `p:${metric.code}` : 'indicator', dir: 'desc' };
  const sortKey = query.get('sort');
  const sort: SortState = sortKey ? { key: sortKey, dir: query.get('dir') === 'asc' ? 'asc' : 'desc' } : defaultSort;

  const held = useHeld(data.data, `${level}|${parent}|${period}|${indicator}`, (a, b) => changedRows(a[0].units, b[0].units, (r) => r.unit.code, (r) => `${r.score}|${r.rank}`)
    + (a[1] && b[1] ? changedRows(a[1].rows, b[1].rows, (r) => r.unit.code, (r) => `${r.value}|${r.rank}`) : 0));
  const shownData = held.shown;
  const rows: Row[] = shownData
    ? shownData[0].units.map((r) => ({ ...r, standing: shownData[1]?.rows.find((s) => s.unit.code === r.unit.code) }))
    : [];
  const needle = fold(q);
  const shown = rows.filter((r) => (!needle || fold(`${r.unit.name} ${r.unit.nameEn} ${r.unit.code}`).includes(needle)) && (!bandFilter || r.band === bandFilter));
  const def = indicatorOf(indicator);

  const columns: Column<Row>[] = [
    { key: 'name', label: t('unit'), render: (r) => <a href={href(`/don-vi/${r.unit.code}`)}>{unitName(r.unit)}</a>, sort: (r) => unitName(r.unit) },
    { key: 'rank', label: t('rank'), numeric: true, render: (r) => <RankValue rank={r.rank} scored={r.score !== null} />, sort: (r) => r.rank },
    { key: 'score', label: t('index'), numeric: true, render: (r) => <><strong><ScoreValue value={r.score} /></strong> <CoverageNote of={r} /></>, sort: (r) => r.score },
    { key: 'band', label: t('band'), render: (r) => <BandBadge band={r.band} small />, sort: (r) => (r.band ? -BANDS.indexOf(r.band) : null) },
    ...(def ? [{
      key: 'indicator', label: metricLabel(metric), numeric: true,
      render: (r: Row) => <span><Value value={r.standing?.value} def={def} />{r.standing?.rank ? <span class="muted small"> (#{r.standing.rank})</span> : null}</span>,
      sort: (r: Row) => (r.standing?.value === null || r.standing?.value === undefined ? null : (def.direction === 'lower' ? -1 : 1) * r.standing.value),
    }] : []),
    ...(catalogue.value?.pillars ?? []).map((p): Column<Row> => ({
      key: `p:${p.code}`, label: pillarName(p.code), numeric: true, wide: !(metric.kind === 'pillar' && metric.code === p.code),
      render: (r) => <ScoreValue value={r.pillars[p.code]} />, sort: (r) => r.pillars[p.code] ?? null,
    })),
    { key: 'change', label: t('change'), numeric: true, render: (r) => <Change value={r.change} />, sort: (r) => r.change },
    { key: 'rankChange', label: t('rankChange'), numeric: true, wide: true, render: (r) => <RankChange value={r.rankChange} />, sort: (r) => r.rankChange },
  ];

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t('navRankings')}</h1>
        <div class="controls">
          <LevelPicker
            levels={['province', 'ministry', 'commune']}
            level={level}
            parent={parent}
            onLevel={(l) => setQuery({ level: l === 'province' ? null : l, parent: null, q: null, band: null }, { replace: false })}
          />
          <MetricSelect metric={metric} kind={level} />
          <PeriodSelect value={period} />
        </div>
      </div>
      <Card
        title={`${t(level === 'province' ? 'provinces' : level === 'ministry' ? 'ministries' : 'communesOf')} — ${fmtPeriod(period)}`}
        id="ranking"
        actions={<ExportLink href={apiUrl('/api/export/scorecard.xlsx', { level, parent, period })} />}
      >
        <div class="controls" style={{ marginBottom: '10px' }}>
          <label class="field">
            <span>{t('search')}</span>
            <input type="search" value={q} placeholder={t('searchUnits')} onInput={(e) => setQuery({ q: (e.currentTarget as HTMLInputElement).value })} data-testid="ranking-search" />
          </label>
          <div class="seg" role="group" aria-label={t('filterBand')}>
            <button type="button" class="btn" aria-pressed={!bandFilter} onClick={() => setQuery({ band: null })}>{t('all')}</button>
            {BANDS.map((b) => (
              <button key={b} type="button" class="btn" aria-pressed={bandFilter === b} onClick={() => setQuery({ band: bandFilter === b ? null : b })}>{bandLabel(b)}</button>
            ))}
          </div>
          <p class="muted small" role="status">{t('results', { n: fmtNumber(shown.length, 0) })}</p>
          <PublicationNote stamp={data.data?.[0].published} />
        </div>
        {data.error && <ErrorBox error={data.error} retry={data.reload} />}
        {data.data ? (
          <DataTable
            caption={t('navRankings')}
            rows={shown}
            columns={columns}
            rowKey={(r) => r.unit.code}
            sort={sort}
            onSort={(next) => setQuery({ sort: next.key, dir: next.dir })}
            rowProps={(r) => ({ 'data-unit': r.unit.code })}
            live={held}
          />
        ) : <Loading />}
      </Card>
    </div>
  );
}
