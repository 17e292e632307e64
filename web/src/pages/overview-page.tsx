import { useTitle } from '../app.tsx';
import { getJson, type ScorecardRow, type Scorecard, type TaskList, type UnitHistory, type UnitKpis } from '../api.ts';
import { catalogue, indicatorName, indicatorOf, pillarName } from '../app-state.ts';
import { BAND_COLOURS, BANDS, bandLabel, bandOfScore, bandThresholdsText, INDEX_BANDS } from '../bands.ts';
import { OverviewAttention } from '../components/attention-slots.tsx';
import { PeriodSelect, usePeriod } from '../components/period-select.tsx';
import { CoverageNote, RankValue, RealSource, ScoreValue, trendValues } from '../components/honest.tsx';
import { SignInNotice } from '../components/sign-in-notice.tsx';
import { BandBadge, Card, Change, ErrorBox, Loading, Meter, Num, PublicationNote, Sparkline } from '../components/ui.tsx';
import { ProvenanceTag, Value } from '../components/values.tsx';
import { fmtNumber, fmtScore, fmtPeriod } from '../format.ts';
import { useResource } from '../hooks.ts';
import { t, unitName } from '../i18n.ts';
import { touchesUnits, type ChangeMessage } from '../live.ts';
import { here, href } from '../router.ts';
import { signedIn } from '../session.ts';

/** The national figures of the seed articles, shown first. */
const HEADLINE = [
  'coverage_5g_pct', 'digital_signature_per_adult', 'online_dossier_rate', 'digital_skills_reached',
  'digital_tech_enterprises', 'digital_tech_revenue_bn_vnd', 'hardware_exports_musd', 'hospitals_emr',
  'chip_id_health_facilities_pct', 'social_payments_via_bank_people', 'villages_without_power', 'mobile_internet_speed_rank',
  'fixed_internet_speed_rank', 'egdi_rank',
];
const NATION = new Set(['VN']);
const scoresOfLevel = (m: ChangeMessage) => m.resync === true || m.changes.scores.length > 0;

export function OverviewPage() {
  useTitle(t('navOverview'));
  const period = usePeriod(here.value.query);
  const codes = HEADLINE.filter((c) => indicatorOf(c));
  // The score shows as soon as its own read answers (the page's HTML starts it); the trend follows with the history.
  const nation = useResource((signal) => getJson<UnitKpis>('/api/units/VN/kpis', { period }, signal), [period], (m) => touchesUnits(m, NATION));
  const history = useResource(
    (signal) => getJson<UnitHistory>('/api/units/VN/history', { period, indicators: codes.join(',') }, signal),
    [period],
    (m) => touchesUnits(m, NATION),
  );
  const ranks = useResource(
    (signal) => Promise.all([
      getJson<Scorecard>('/api/scorecard', { level: 'province', period }, signal),
      getJson<Scorecard>('/api/scorecard', { level: 'ministry', period }, signal),
    ]),
    [period],
    scoresOfLevel,
  );
  // Tasks are for signed-in readers; the page is built afresh when that changes.
  const tasks = useResource(
    (signal) => (!signedIn.value ? Promise.resolve(undefined) : Promise.all([
      getJson<TaskList>('/api/tasks', { overdue: true, limit: 1 }, signal),
      getJson<TaskList>('/api/tasks', { dueSoon: true, limit: 1 }, signal),
      getJson<TaskList>('/api/tasks', { limit: 1 }, signal),
    ]).catch(() => undefined)),
    [],
    (m) => m.resync === true || (m.changes.tasks?.length ?? 0) > 0,
  );

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t('navOverview')}</h1>
        <div class="controls">
          <PublicationNote stamp={ranks.data?.[0].published} />
          <PeriodSelect value={period} />
        </div>
      </div>
      {nation.error && <ErrorBox error={nation.error} retry={nation.reload} />}
      {history.error && !nation.error && <ErrorBox error={history.error} retry={history.reload} />}
      {ranks.error && !nation.error && !history.error && <ErrorBox error={ranks.error} retry={ranks.reload} />}
      <div class="grid grid-hero">
        {nation.data ? <NationalIndex kpis={nation.data} history={history.data} /> : <Card><Loading /></Card>}
        <TasksCard data={tasks.data} />
        {ranks.data ? <BandSpread rows={ranks.data[0].units} /> : <Card><Loading /></Card>}
      </div>
      <OverviewAttention period={period} />
      <Card title={t('headline')} id="headline">
        {history.data ? <HeadlineGrid history={history.data} codes={codes} /> : <Loading />}
      </Card>
      {ranks.data && (
        <div class="grid grid-4">
          <TopList title={t('bestProvinces')} rows={best(ranks.data[0].units)} empty={t('noneLeading')} more={href('/xep-hang', { level: 'province' })} />
          <TopList title={t('worstProvinces')} rows={worst(ranks.data[0].units)} empty={t('noneLagging')} lagging more={href('/xep-hang', { level: 'province', sort: 'score', dir: 'asc' })} />
          <TopList title={t('bestMinistries')} rows={best(ranks.data[1].units)} empty={t('noneLeading')} more={href('/xep-hang', { level: 'ministry' })} />
          <TopList title={t('worstMinistries')} rows={worst(ranks.data[1].units)} empty={t('noneLagging')} lagging more={href('/xep-hang', { level: 'ministry', sort: 'score', dir: 'asc' })} />
        </div>
      )}
    </div>
  );
}

const scored = (rows: ScorecardRow[]) => rows.filter((r) => r.score !== null && r.rank !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
/** The five leaders, none of them "Yếu"; the five last, none of them "Tốt" (a short list rather than a wrong one). */
const best = (rows: ScorecardRow[]) => scored(rows).filter((r) => r.band !== 'yeu').slice(0, 5);
const worst = (rows: ScorecardRow[]) => scored(rows).filter((r) => r.band !== 'tot').slice(-5).reverse();

function NationalIndex({ kpis, history }: { kpis: UnitKpis; history: UnitHistory | undefined }) {
  const score = kpis.score;
  const trend = history?.months.map((m) => history.scores.find((s) => s.period === m)?.score ?? null) ?? [];
  const before = history?.scores.find((s) => s.period === history.months[history.months.length - 2]);
  const change = score && before ? Math.round((score.score - before.score) * 100) / 100 : null;
  const pillars = catalogue.value?.pillars ?? [];
  return (
    <Card title={t('nationalIndex')} id="national-index" class="hero">
      <div class="hero-main">
        <p class="big" data-testid="national-score"><ScoreValue value={score?.score} />{score && <span class="of">/100</span>}</p>
        <div class="hero-meta">
          <BandBadge band={score?.band} />
          <CoverageNote of={score} />
          <p><Change value={change} /> <span class="muted small">{t('vsLastMonth')}</span></p>
        </div>
        <div class="hero-trend">
          <span class="muted small">{t('trend12')}</span>
          <Sparkline values={trend} width={150} height={40} label={`${t('trend12')}: ${trend.filter((v) => v !== null).map((v) => fmtScore(v)).join('; ')}`} />
        </div>
      </div>
      <h3 class="sub">{t('pillars')}</h3>
      <ul class="pillars">
        {pillars.map((p) => {
          const value = score?.pillars[p.code] ?? null;
          const band = bandOfScore(value);
          return (
            <li key={p.code}>
              <span class="pillar-name">{pillarName(p.code)}</span>
              <Meter value={value} mark={INDEX_BANDS.good} band={band} label={`${pillarName(p.code)}: ${fmtScore(value)}`} />
              <span class="pillar-value"><ScoreValue value={value} />{band && <> <span class="band-word">{bandLabel(band)}</span></>}</span>
            </li>
          );
        })}
      </ul>
      <p class="muted small">{t('goodMark', { n: INDEX_BANDS.good })} · {bandThresholdsText()}</p>
    </Card>
  );
}

function TasksCard({ data }: { data: [TaskList, TaskList, TaskList] | undefined }) {
  if (!signedIn.value) return <Card title={t('tasks')} id="tasks-card"><SignInNotice text={t('tasksSignIn')} /></Card>;
  return (
    <Card title={t('tasks')} id="tasks-card">
      <dl class="stats">
        <div class="stat stat-bad">
          <dt>{t('tasksOverdue')}</dt>
          <dd data-testid="tasks-overdue"><Num value={data?.[0].total ?? null} text={fmtNumber(data?.[0].total, 0)} /></dd>
        </div>
        <div class="stat stat-warn">
          <dt>{t('tasksDueSoon')}</dt>
          <dd><Num value={data?.[1].total ?? null} text={fmtNumber(data?.[1].total, 0)} /></dd>
        </div>
        <div class="stat">
          <dt>{t('tasksTotal')}</dt>
          <dd><Num value={data?.[2].total ?? null} text={fmtNumber(data?.[2].total, 0)} /></dd>
        </div>
      </dl>
      <p><a href="/nhiem-vu?overdue=1">{t('tasksOpenBoard')} →</a></p>
    </Card>
  );
}

function BandSpread({ rows }: { rows: ScorecardRow[] }) {
  const total = rows.length || 1;
  const counts = BANDS.map((b) => ({ band: b, n: rows.filter((r) => r.band === b).length }));
  const none = rows.filter((r) => !r.band).length;
  return (
    <Card title={t('bandSpread')} id="band-spread">
      <div class="stack" role="img" aria-label={counts.map((c) => `${bandLabel(c.band)}: ${c.n}`).join(', ')}>
        {counts.filter((c) => c.n > 0).map((c) => (
          <span key={c.band} style={{ width: `${(c.n / total) * 100}%`, background: BAND_COLOURS[c.band] }} />
        ))}
      </div>
      <ul class="legend">
        {counts.map((c) => (
          <li key={c.band}>
            <BandBadge band={c.band} small /> <Num value={c.n} text={fmtNumber(c.n, 0)} />
          </li>
        ))}
        {none > 0 && <li><BandBadge band={null} small /> {fmtNumber(none, 0)}</li>}
      </ul>
      <p><a href={href('/ban-do')}>{t('navMap')} →</a></p>
    </Card>
  );
}

function HeadlineGrid({ history, codes }: { history: UnitHistory; codes: string[] }) {
  return (
    <ul class="tiles">
      {codes.map((code) => {
        const def = indicatorOf(code);
        const series = history.kpis.find((k) => k.indicator === code);
        const last = series?.points.at(-1);
        const values = trendValues(series, history.months);
        return (
          <li key={code} class="tile" data-indicator={code}>
            <a href={href(`/chi-tieu/${code}`)} class="tile-link">
              <span class="tile-name">{indicatorName(code)}</span>
            </a>
            <p class="tile-value"><Value value={last?.value} def={def} /></p>
            {last && (
              <p class="tile-meta">
                <span>{fmtPeriod(last.period)}</span>
                <ProvenanceTag report={series?.latestReport} />
              </p>
            )}
            <RealSource report={series?.latestReport} />
            {last?.target !== null && last?.target !== undefined && (
              <div class="tile-target">
                <span class="small">{t('target')}: <Value value={last.target} def={def} /></span>
                <Meter value={last.achievement} band={last.band} label={`${t('achievement')}: ${fmtScore(last.achievement)} %`} />
                <span class="small">{t('achievement')} <Num value={last.achievement} text={`${fmtScore(last.achievement)} %`} /> · {bandLabel(last.band)}</span>
              </div>
            )}
            <Sparkline values={values} label={`${indicatorName(code)} — ${t('trend')}: ${series?.points.map((p) => `${fmtPeriod(p.period)} ${fmtNumber(p.value)}`).join('; ') ?? ''}`} width={120} />
          </li>
        );
      })}
    </ul>
  );
}

function TopList({ title, rows, more, empty, lagging }: { title: string; rows: ScorecardRow[]; more: string; empty: string; lagging?: boolean }) {
  return (
    <Card title={title}>
      {rows.length === 0 && <p class="muted">{empty}</p>}
      <ol class="toplist" data-testid={lagging ? 'lagging-list' : 'leading-list'}>
        {rows.map((r) => (
          <li key={r.unit.code}>
            <span class="rank"><RankValue rank={r.rank} scored={r.score !== null} /></span>
            <a href={href(`/don-vi/${r.unit.code}`)}>{unitName(r.unit)}</a>
            <span class="score"><Num value={r.score} text={fmtScore(r.score)} /></span>
            <BandBadge band={r.band} small />
            <Change value={r.change} />
          </li>
        ))}
      </ol>
      <p><a href={more}>{t('seeAll')} →</a></p>
    </Card>
  );
}

