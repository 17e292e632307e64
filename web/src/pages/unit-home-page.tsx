import { useTitle } from '../app.tsx';
import { getJson, type Scorecard, type ScorecardRow, type TaskItem, type TaskList, type Unit } from '../api.ts';
import { BANDS, bandLabel } from '../bands.ts';
import { AttentionCard } from '../components/attention-card.tsx';
import { HomeReporting } from '../components/home-reporting.tsx';
import { PeriodSelect, usePeriod } from '../components/period-select.tsx';
import { PinnedUnitsCard } from '../components/pinned-units.tsx';
import { SignInNotice } from '../components/sign-in-notice.tsx';
import { StatusChip } from '../components/tasks.tsx';
import { BandBadge, Card, Change, ErrorBox, Loading, Num, RankChange } from '../components/ui.tsx';
import { fmtDate, fmtNumber, fmtPeriod } from '../format.ts';
import { useResource } from '../hooks.ts';
import { th } from '../i18n-home.ts';
import { localName, t, unitName, type MessageKey } from '../i18n.ts';
import type { ChangeMessage } from '../live.ts';
import { here, href } from '../router.ts';
import { currentUser } from '../session.ts';
import '../components/home.css';

const KIND_LABEL: Record<string, MessageKey> = { nation: 'kindNation', ministry: 'kindMinistry', province: 'kindProvince', commune: 'kindCommune' };
/** Open tasks only, in the API's order of urgency: overdue, due soon, then by deadline. */
const OPEN = 'qua_han,dang_thuc_hien,chua_thuc_hien';
const TASKS_SHOWN = 8;
const SUB_UNITS_SHOWN = 12;

const scoresMoved = (m: ChangeMessage) => m.resync === true || m.changes.scores.length > 0 || (m.changes.digest?.scores ?? 0) > 0;

/** Where a unit is ranked: among the provinces, the ministries, or the communes of its province. */
function peerQuery(unit: Unit): Record<string, string> | undefined {
  if (unit.kind === 'commune' && unit.parent_code) return { level: 'commune', parent: unit.parent_code };
  if (unit.kind === 'province' || unit.kind === 'ministry') return { level: unit.kind };
  return undefined;
}

/** "Đơn vị của tôi": the home of an account bound to a unit — its score first, then what needs it, its tasks, its communes. */
export function UnitHomePage() {
  useTitle(th('myUnit'));
  const user = currentUser.value;
  if (!user) return <div class="page"><h1>{th('myUnit')}</h1><SignInNotice text={th('homeSignIn')} /></div>;
  if (!user.unit) return <NoUnit />;
  return <UnitHome key={user.unit} code={user.unit} />;
}

function NoUnit() {
  const period = usePeriod(here.value.query);
  return (
    <div class="page" data-testid="unit-home">
      <h1>{th('myUnit')}</h1>
      <p>{th('noUnit')}</p>
      <p><a href="/">{t('backHome')} →</a></p>
      <PinnedUnitsCard period={period} />
    </div>
  );
}

function UnitHome({ code }: { code: string }) {
  const period = usePeriod(here.value.query);
  const unit = useResource((signal) => getJson<Unit>(`/api/units/${encodeURIComponent(code)}`, {}, signal), [code]);
  const u = unit.data;
  const parent = useResource(
    (signal) => (u?.parent_code && u.kind === 'commune' ? getJson<Unit>(`/api/units/${u.parent_code}`, {}, signal) : Promise.resolve(undefined)),
    [u?.parent_code],
  );
  const peers = useResource(
    (signal) => {
      const query = u ? peerQuery(u) : undefined;
      return query ? getJson<Scorecard>('/api/scorecard', { ...query, period }, signal) : Promise.resolve(undefined);
    },
    [u?.code, period],
    scoresMoved,
  );
  if (unit.error) return <div class="page"><ErrorBox error={unit.error} retry={unit.reload} /></div>;
  if (!u) return <div class="page"><Loading /></div>;
  const row = peers.data?.units.find((r) => r.unit.code === code);
  return (
    <div class="page" data-testid="unit-home" data-unit={code}>
      <div class="home-head">
        <p class="muted small">{th('myUnitOf', { kind: t(KIND_LABEL[u.kind] ?? 'unit') })}</p>
        <h1>{localName(u.full_name, u.full_name_en)}</h1>
        {parent.data && <p class="muted small">{th('partOf', { name: localName(parent.data.full_name, parent.data.full_name_en) })}</p>}
      </div>
      <Card title={th('indexOf', { period: fmtPeriod(period) })} id="home-score" class="home-score">
        {peers.error ? <ErrorBox error={peers.error} retry={peers.reload} /> : !peers.data ? <Loading /> : <Standing row={row} />}
        {/* The month picker below the score: on a phone the score comes first. */}
        <div class="home-links">
          <a href={href(`/don-vi/${code}`)}>{th('fullProfile')} →</a>
          <PeriodSelect value={period} />
        </div>
      </Card>
      <div class="home-grid">
        <HomeReporting code={code} period={period} />
        <AttentionCard unit={code} period={period} />
        <HomeTasks code={code} />
      </div>
      {u.kind === 'province' && <SubUnits province={code} period={period} />}
    </div>
  );
}

function Standing({ row }: { row: ScorecardRow | undefined }) {
  if (!row || row.score === null) return <p class="muted" data-testid="home-score-value">{th('notScored')}</p>;
  return (
    <div class="hero-main">
      <p class="big" data-testid="home-score-value"><Num value={row.score} text={fmtNumber(row.score, 1)} /><span class="of">/100</span></p>
      <div class="hero-meta">
        <BandBadge band={row.band} />
        <p><strong data-testid="home-rank"><Num value={row.rank} text={t('rankOf', { rank: fmtNumber(row.rank, 0), peers: fmtNumber(row.peers, 0) })} /></strong> <RankChange value={row.rankChange} /></p>
        <p><Change value={row.change} /> <span class="muted small">{th('rankChange')}</span></p>
      </div>
    </div>
  );
}

/** The tasks helper adds `daysOverdue` to each task (computed on the server); shown when the API gives it. */
type HomeTask = TaskItem & { daysOverdue?: number | null };

function HomeTasks({ code }: { code: string }) {
  const tasks = useResource(
    (signal) => getJson<TaskList>('/api/tasks', { unit: code, status: OPEN, limit: TASKS_SHOWN }, signal),
    [code],
    (m) => m.resync === true || (m.changes.tasks ?? []).some((x) => x.leadUnit === code || x.coordinators.includes(code)),
  );
  const list = tasks.data;
  return (
    <Card title={th('myTasks')} id="home-tasks">
      <p class="muted small">{th('myTasksLead')}</p>
      {tasks.error && <ErrorBox error={tasks.error} retry={tasks.reload} />}
      {!list ? (tasks.error ? null : <Loading />) : list.items.length === 0 ? <p class="muted">{th('noOpenTasks')}</p> : (
        <ul class="home-tasks" data-testid="home-tasks">
          {(list.items as HomeTask[]).map((task) => (
            <li key={task.id} data-task={task.id}>
              <a href={`/nhiem-vu/${task.id}`}>{task.title}</a>
              <span class="task-meta">
                <StatusChip status={task.status} dueSoon={task.dueSoon} />
                {typeof task.daysOverdue === 'number' && task.daysOverdue > 0 && <strong class="attention-late">{th('daysOverdue', { n: fmtNumber(task.daysOverdue, 0) })}</strong>}
                <span>{th('deadlineOn', { date: fmtDate(task.deadline) })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {list && list.total > 0 && <p><a href={`/nhiem-vu?unit=${code}`}>{th('allTasks', { n: fmtNumber(list.total, 0) })} →</a></p>}
    </Card>
  );
}

/** A province's communes: how many in each band, then the weakest ones, each a link to its profile. */
function SubUnits({ province, period }: { province: string; period: string }) {
  const data = useResource(
    (signal) => getJson<Scorecard>('/api/scorecard', { level: 'commune', parent: province, period }, signal),
    [province, period],
    scoresMoved,
  );
  const rows = data.data?.units ?? [];
  const weakest = rows.filter((r) => r.score !== null).sort((a, b) => (a.score ?? 0) - (b.score ?? 0)).slice(0, SUB_UNITS_SHOWN);
  return (
    <Card title={`${th('subUnits')} (${fmtNumber(rows.length, 0)})`} id="home-sub-units">
      {data.error && <ErrorBox error={data.error} retry={data.reload} />}
      {!data.data ? (data.error ? null : <Loading />) : (
        <>
          <ul class="legend" data-testid="sub-unit-bands">
            {BANDS.map((b) => <li key={b}><BandBadge band={b} small /> {fmtNumber(rows.filter((r) => r.band === b).length, 0)}</li>)}
            <li><BandBadge band={null} small /> {fmtNumber(rows.filter((r) => !r.band).length, 0)}</li>
          </ul>
          <ul class="sub-units" data-testid="sub-units" aria-label={`${th('subUnits')} — ${bandLabel('yeu')} → ${bandLabel('tot')}`}>
            {weakest.map((r) => (
              <li key={r.unit.code} data-unit={r.unit.code}>
                <a href={href(`/don-vi/${r.unit.code}`)}>{unitName(r.unit)}</a>
                <span class="pinned-score"><Num value={r.score} text={fmtNumber(r.score, 1)} /> <BandBadge band={r.band} small /></span>
              </li>
            ))}
          </ul>
          <p><a href={`${href(`/don-vi/${province}`)}#communes`}>{th('subUnitsMore', { n: fmtNumber(rows.length, 0) })} →</a></p>
        </>
      )}
    </Card>
  );
}
