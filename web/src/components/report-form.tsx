import { useEffect, useRef, useState } from 'preact/hooks';
import { isNetworkFailure, problemsOf, sendValues, uploadEvidence, type DueItem, type ReportDue, type ValueRow } from '../api-report.ts';
import { fmtDate, fmtDateTime, fmtNumber, fmtPeriod, fmtTime } from '../format.ts';
import { lang, localName } from '../i18n.ts';
import { tr } from '../i18n-report.ts';
import { readEntry } from '../report-entry.ts';
import { clearDraft, loadDraft, saveDraft } from '../report-draft.ts';
import { FilePick } from './file-pick.tsx';

type Status = { kind: 'sent' | 'refused' | 'queued' | 'restored' | 'saved' | 'sending' | 'online'; text: string };
/** Problems by indicator code, or by `source`, `evidence` and `form` for the rest of the form. */
type Problems = Record<string, string>;

/**
 * One field per indicator due, checked as the API checks, sent as one batch (stored whole or refused whole). Every
 * keystroke is kept on the device; a report sent without a connection waits there and goes when the link returns.
 */
export function ReportForm({ user, due, onSent }: { user: string; due: ReportDue; onSent: () => void }) {
  const unit = due.unit.code;
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [source, setSource] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [status, setStatus] = useState<Status | undefined>(undefined);
  /** Batches sent: a new one clears the file chosen for the last. */
  const [sentCount, setSentCount] = useState(0);
  const file = useRef<File | null>(null);
  const pending = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  const keep = (next: { values: Record<string, string>; source: string; pending: boolean }) => {
    pending.current = next.pending;
    const empty = Object.values(next.values).every((v) => v.trim() === '') && next.source.trim() === '';
    if (empty && !next.pending) clearDraft(user, unit, due.month);
    else return saveDraft(user, unit, due.month, next);
    return undefined;
  };

  const send = async (values: Record<string, string>, sourceText: string) => {
    const found = check(due.items, values, sourceText);
    const rows = rowsOf(due, values, sourceText);
    if (Object.keys(found).length === 0 && rows.length === 0) found.form = tr('nothingToSend');
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirst(form.current, found);
    if (!navigator.onLine) return queue(values, sourceText);
    setStatus({ kind: 'sending', text: tr('sending') });
    try {
      const evidence = file.current ? (await uploadEvidence(unit, file.current)).url : undefined;
      const { accepted } = await sendValues(rows.map((r) => (evidence ? { ...r, evidence } : r)));
      keep({ values: {}, source: '', pending: false });
      setTexts({});
      setSource('');
      file.current = null;
      setSentCount((n) => n + 1);
      setStatus({ kind: 'sent', text: tr('sent', { n: accepted }) });
      onSent();
    } catch (error) {
      if (isNetworkFailure(error)) return queue(values, sourceText);
      const byField = fromApi(error, rows);
      setProblems(byField);
      setStatus({ kind: 'refused', text: tr('refused', { n: Object.keys(byField).length }) });
      focusFirst(form.current, byField);
    }
  };

  const queue = (values: Record<string, string>, sourceText: string) => {
    const saved = keep({ values, source: sourceText, pending: true });
    setStatus({ kind: 'queued', text: `${tr('offlineQueued')}${file.current ? ` ${tr('offlineFileLost')}` : ''}${saved ? ` ${tr('draftSaved', { time: fmtTime(new Date(saved.savedAt)) })}` : ''}` });
  };

  useEffect(() => {
    const draft = loadDraft(user, unit, due.month);
    if (draft) {
      setTexts(draft.values);
      setSource(draft.source);
      pending.current = draft.pending;
      setStatus({ kind: 'restored', text: tr('draftRestored', { time: fmtDateTime(draft.savedAt) }) });
      if (draft.pending && navigator.onLine) void send(draft.values, draft.source);
    }
    const online = () => {
      const waiting = loadDraft(user, unit, due.month);
      if (!pending.current || !waiting) return;
      setStatus({ kind: 'online', text: tr('backOnline') });
      void send(waiting.values, waiting.source);
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  const edit = (code: string, text: string) => {
    const values = { ...texts, [code]: text };
    setTexts(values);
    const saved = keep({ values, source, pending: pending.current });
    if (saved && status?.kind !== 'queued') setStatus({ kind: 'saved', text: tr('draftSaved', { time: fmtTime(new Date(saved.savedAt)) }) });
  };

  const editSource = (text: string) => {
    setSource(text);
    keep({ values: texts, source: text, pending: pending.current });
  };

  if (due.items.length === 0) return <section class="card"><p>{tr('nothingDue')}</p></section>;
  return (
    <form ref={form} class="card report-form" noValidate onSubmit={(e) => { e.preventDefault(); void send(texts, source); }} data-testid="report-form">
      <Summary due={due} />
      <ul class="report-items">
        {due.items.map((item) => (
          <li key={item.indicator}>
            <Field item={item} text={texts[item.indicator] ?? ''} problem={problems[item.indicator]} onInput={(text) => edit(item.indicator, text)} />
          </li>
        ))}
      </ul>
      <div class="report-extra">
        <label class="field report-field">
          {tr('source')}
          <input type="text" name="source" maxLength={200} value={source} placeholder={tr('sourceHint')} onInput={(e) => editSource(e.currentTarget.value)}
            aria-invalid={problems.source ? 'true' : undefined} aria-describedby={problems.source ? 'problem-source' : undefined} />
          {problems.source && <span class="report-problem" id="problem-source">{problems.source}</span>}
        </label>
        <div class="field report-field">
          <span aria-hidden="true">{tr('evidence')}</span>
          <FilePick key={sentCount} label={tr('evidence')} button={tr('chooseEvidence')} name="evidence" accept="image/*,application/pdf,.doc,.docx,.xls,.xlsx" invalid={Boolean(problems.evidence)}
            describedBy={problems.evidence ? 'problem-evidence' : undefined} onPick={(input) => { file.current = input.files?.[0] ?? null; }} />
          {problems.evidence && <span class="report-problem" id="problem-evidence">{problems.evidence}</span>}
        </div>
      </div>
      {problems.form && <p class="report-problem" role="alert">{problems.form}</p>}
      <div class="report-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={status?.kind === 'sending' ? 'true' : undefined}>{status?.kind === 'sending' ? tr('sending') : tr('send')}</button>
        {status && <p class={`report-status report-status-${status.kind}`} role="status" data-testid="report-status" data-kind={status.kind}>{status.text}</p>}
      </div>
    </form>
  );
}

function Summary({ due }: { due: ReportDue }) {
  const open = due.items.filter((i) => i.status !== 'reported').sort((a, b) => a.deadline.localeCompare(b.deadline));
  const next = open[0];
  return (
    <p class="report-summary" data-testid="report-summary">
      <strong>{tr('progress', { done: due.reported, total: due.items.length })}</strong>
      {next && <span> · {tr('nextDeadline', { date: fmtDate(next.deadline), left: leftText(next.daysLeft) })}</span>}
    </p>
  );
}

const leftText = (days: number) => (days > 0 ? tr('daysLeft', { n: days }) : days === 0 ? tr('dueToday') : tr('daysLate', { n: -days }));
const STATUS = { reported: 'statusReported', due: 'statusDue', overdue: 'statusOverdue' } as const;

function Field({ item, text, problem, onInput }: { item: DueItem; text: string; problem: string | undefined; onInput: (text: string) => void }) {
  const id = `value-${item.indicator}`;
  const measure = localName(item.measure, item.measureEn);
  const previous = item.previous.value === null ? tr('notReported') : `${fmtNumber(item.previous.value, 2)} ${measure}`;
  const described = [`${id}-context`, problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div class={`report-item report-item-${item.status}`} data-indicator={item.indicator} data-status={item.status}>
      <div class="report-item-head">
        <label for={id} class="report-name">{localName(item.name, item.nameEn)}</label>
        <span class={`report-badge report-badge-${item.status}`}>{tr(STATUS[item.status])}</span>
      </div>
      <p class="report-when">{tr('periodDeadline', { period: fmtPeriod(item.period), date: fmtDate(item.deadline) })}{item.status !== 'reported' && ` · ${leftText(item.daysLeft)}`}</p>
      <div class="report-input">
        <input id={id} name={item.indicator} type="text" inputMode="decimal" autoComplete="off" value={text}
          onInput={(e) => onInput(e.currentTarget.value)} aria-invalid={problem ? 'true' : undefined} aria-describedby={described} />
        <span class="report-measure" aria-hidden="true">{measure}</span>
      </div>
      <p class="report-context" id={`${id}-context`}>
        <span>{tr('previous', { period: fmtPeriod(item.previous.period), value: previous })}</span>
        <span>{item.target === null ? tr('noTarget') : tr('target', { value: `${fmtNumber(item.target, 2)} ${measure}` })}</span>
        {item.report && <span data-testid="last-report">{tr('lastReport', { value: `${fmtNumber(item.report.value, 2)} ${measure}`, at: fmtDateTime(item.report.reportedAt) })}</span>}
      </p>
      {problem && <p class="report-problem" id={`${id}-problem`}>{problem}</p>}
    </div>
  );
}

/** What the browser can tell before sending, by the API's rules: each typed number, the source's length. */
function check(items: readonly DueItem[], values: Record<string, string>, source: string): Problems {
  const found: Problems = {};
  for (const item of items) {
    const problem = readEntry(values[item.indicator] ?? '', item).problem;
    if (problem) found[item.indicator] = problem;
  }
  if (source.length > 200) found.source = tr('sourceTooLong');
  return found;
}

function rowsOf(due: ReportDue, values: Record<string, string>, source: string): ValueRow[] {
  return due.items.flatMap((item) => {
    const { value } = readEntry(values[item.indicator] ?? '', item);
    if (value === undefined) return [];
    const row: ValueRow = { unit: due.unit.code, indicator: item.indicator, period: item.period, value };
    return [source.trim() ? { ...row, source: source.trim() } : row];
  });
}

/** The API names a problem by its line in the batch: line n is the n-th row sent, so its indicator's field. */
function fromApi(error: unknown, rows: readonly ValueRow[]): Problems {
  const found: Problems = {};
  const problems = problemsOf(error);
  for (const p of problems) {
    const text = lang.value === 'en' ? p.reasonEn : p.reason;
    const row = p.line === undefined ? undefined : rows[p.line - 1];
    const key = p.field === 'source' || p.field === 'evidence' ? p.field : row?.indicator ?? 'form';
    found[key] = found[key] ? `${found[key]}; ${text}` : text;
  }
  if (problems.length === 0) found.form = error instanceof Error ? error.message : String(error);
  return found;
}

function focusFirst(form: HTMLFormElement | null, problems: Problems): void {
  const first = Object.keys(problems)[0];
  if (!form || !first || first === 'form') return;
  form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
}
