import type { ComponentChildren } from 'preact';
import { getAttention, type Attention, type DueSoonTask, type OverdueTask } from '../api-home.ts';
import { fmtNumber, fmtPeriod } from '../format.ts';
import { useResource } from '../hooks.ts';
import { th } from '../i18n-home.ts';
import { lang, unitName } from '../i18n.ts';
import type { ChangeMessage } from '../live.ts';
import { href } from '../router.ts';
import { REPORT_PATH } from './report-link.tsx';
import { BandBadge, Card, ErrorBox, Loading } from './ui.tsx';
import './home.css';

const moved = (m: ChangeMessage) => m.resync === true || m.changes.scores.length > 0 || (m.changes.tasks?.length ?? 0) > 0;

/**
 * "Cần chú ý": what needs the reader now, for a unit (the Nation when none is given), each line a link to where it
 * can be acted on. The server decides what is listed (GET /api/attention); this card only shows it.
 */
export function AttentionCard({ unit, period }: { unit?: string; period: string }) {
  const data = useResource((signal) => getAttention(unit, period, signal), [unit, period], moved);
  return (
    <Card title={th('attention')} id="attention" class="attention">
      {data.error && <ErrorBox error={data.error} retry={data.reload} />}
      {!data.data ? (data.error ? null : <Loading />) : <AttentionLists data={data.data} />}
    </Card>
  );
}

function AttentionLists({ data }: { data: Attention }) {
  const tasks = data.tasks;
  const unreported = data.reporting ? data.reporting.expected - data.reporting.reported : 0;
  const empty = data.drops.total + data.shortfalls.total + unreported + (tasks ? tasks.overdue.total + tasks.dueSoon.total : 0) === 0;
  const unitPage = (anchor: string) => `${href(`/don-vi/${data.unit.code}`)}#${anchor}`;
  const board = (query: string) => `/nhiem-vu?${query}${data.unit.code === 'VN' ? '' : `&unit=${data.unit.code}`}`;
  return (
    <div class="attention-lists" data-testid="attention" data-unit={data.unit.code}>
      {empty && <p class="muted" data-testid="attention-none">{th('attentionNone')}</p>}
      {data.drops.total > 0 && (
        <Section title={th('dropsTitle')} kind="drops" more={data.drops.total - data.drops.items.length} moreHref={data.unit.code === 'VN' ? href('/xep-hang') : unitPage('communes')}>
          {data.drops.items.map((d) => (
            <li key={d.unit.code} data-unit={d.unit.code}>
              <a href={href(`/don-vi/${d.unit.code}`)}>{unitName(d.unit)}</a>
              <span class="attention-what">
                {d.bandDropped && <><BandBadge band={d.previousBand} small /> → <BandBadge band={d.band} small /> </>}
                {d.ranksLost > 0 && th('dropRanks', { from: fmtNumber(d.previousRank, 0), to: fmtNumber(d.rank, 0) })}
              </span>
            </li>
          ))}
        </Section>
      )}
      {data.reporting && data.reporting.reported < data.reporting.expected && <Unreported data={data} />}
      {tasks && tasks.overdue.total > 0 && (
        <Section title={th('overdueTitle', { n: fmtNumber(tasks.overdue.total, 0) })} kind="overdue" more={tasks.overdue.total - tasks.overdue.items.length} moreHref={board('overdue=1')}>
          {tasks.overdue.items.map((task) => <TaskLine key={task.id} task={task} when={th('daysOverdue', { n: fmtNumber(task.daysOverdue, 0) })} late />)}
        </Section>
      )}
      {tasks && tasks.dueSoon.total > 0 && (
        <Section title={th('dueSoonTitle', { n: fmtNumber(tasks.dueSoon.total, 0) })} kind="due-soon" more={tasks.dueSoon.total - tasks.dueSoon.items.length} moreHref={board('dueSoon=1')}>
          {tasks.dueSoon.items.map((task) => <TaskLine key={task.id} task={task} when={dueText(task)} />)}
        </Section>
      )}
      {data.shortfalls.total > 0 && (
        <Section title={th('shortfallsTitle')} kind="shortfalls" more={data.shortfalls.total - data.shortfalls.items.length} moreHref={unitPage('scorecard')}>
          {data.shortfalls.items.map((s) => (
            <li key={s.indicator} data-indicator={s.indicator}>
              <a href={href(`/chi-tieu/${s.indicator}`)}>{lang.value === 'en' ? s.nameEn : s.name}</a>
              <span class="attention-what">
                {th('shortfallLine', { achievement: fmtNumber(s.achievement, 1), value: fmtNumber(s.value), target: fmtNumber(s.target), measure: s.measure })}
                {' · '}{fmtPeriod(s.period)}
              </span>
            </li>
          ))}
        </Section>
      )}
      {!tasks && <p class="muted small">{th('tasksNeedSignIn')}</p>}
    </div>
  );
}

/**
 * "Chưa báo cáo đủ": how much of what the month owes was reported, and the units furthest from done, each a link to
 * the report form for that unit and month (an editor reports for the units beneath it) or, for a unit of its own, the form.
 */
function Unreported({ data }: { data: Attention }) {
  const reporting = data.reporting;
  if (!reporting) return null;
  const share = (reported: number, expected: number) => `${fmtNumber(Math.floor((reported / expected) * 1000) / 10, 1)} %`;
  const form = (unit: string) => `${REPORT_PATH}?unit=${encodeURIComponent(unit)}&period=${data.period}`;
  return (
    <Section title={th('unreportedTitle')} kind="unreported" more={reporting.lagging.total - reporting.lagging.items.length} moreHref={form(data.unit.code)}>
      <li data-unit={data.unit.code}>
        <a href={form(data.unit.code)}>{th('unreportedTotal', { reported: fmtNumber(reporting.reported, 0), expected: fmtNumber(reporting.expected, 0), share: share(reporting.reported, reporting.expected) })}</a>
        {reporting.units > 1 && <span class="attention-what">{th('unitsComplete', { done: fmtNumber(reporting.unitsComplete, 0), units: fmtNumber(reporting.units, 0) })}</span>}
      </li>
      {reporting.lagging.items.map((u) => (
        <li key={u.unit.code} data-unit={u.unit.code}>
          <a href={data.unit.code === 'VN' ? href(`/don-vi/${u.unit.code}`) : form(u.unit.code)}>{unitName(u.unit)}</a>
          <span class="attention-what">{th('unitReported', { reported: fmtNumber(u.reported, 0), expected: fmtNumber(u.expected, 0), share: share(u.reported, u.expected) })}</span>
        </li>
      ))}
    </Section>
  );
}

const dueText = (task: DueSoonTask) => (task.daysLeft === 0 ? th('dueToday') : th('daysLeft', { n: fmtNumber(task.daysLeft, 0) }));

function TaskLine({ task, when, late }: { task: OverdueTask | DueSoonTask; when: string; late?: boolean }) {
  return (
    <li data-task={task.id}>
      <a href={`/nhiem-vu/${task.id}`}>{task.title}</a>
      <span class="attention-what">
        <strong class={late ? 'attention-late' : 'attention-soon'}>{when}</strong>
        {' · '}{unitName(task.leadUnit)}
      </span>
    </li>
  );
}

function Section({ title, kind, more, moreHref, children }: { title: string; kind: string; more: number; moreHref: string; children: ComponentChildren }) {
  return (
    <section class="attention-section" data-kind={kind} aria-label={title}>
      <h3 class="sub">{title}</h3>
      <ul class="attention-list">{children}</ul>
      {more > 0 && <p class="small"><a href={moreHref}>{th('andMore', { n: fmtNumber(more, 0) })} →</a></p>}
    </section>
  );
}
