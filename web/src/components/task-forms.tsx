import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, send, type Unit } from '../api.ts';
import { problemsOf, type FieldProblem, type TaskPageData } from '../api-tasks.ts';
import { unitName } from '../i18n.ts';
import { reasonText, tt, type TaskMessageKey } from '../i18n-tasks.ts';

/**
 * The writes of the task page. Each form sends once and the server decides: a refused write changes nothing, keeps
 * what was typed, and shows each problem beside its field (the rest above the button).
 */
interface Outcome { problems: FieldProblem[]; saved?: string; offline?: boolean }

function useSend(onSaved: () => void) {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ problems: [] });
  /** Sends once; true when the server wrote it. */
  const run = async (form: HTMLFormElement, write: () => Promise<unknown>, saved: TaskMessageKey): Promise<boolean> => {
    setSending(true);
    try {
      await write();
      form.reset();
      setOutcome({ problems: [], saved: tt(saved) });
      onSaved();
      return true;
    } catch (err) {
      setOutcome({ problems: problemsOf(err), offline: !(err instanceof ApiError) });
      return false;
    } finally {
      setSending(false);
    }
  };
  return { sending, outcome, run };
}

/** A labelled control with the problems the server named for `fields` under it. */
function Field({ id, label, hint, fields, outcome, children }: { id: string; label: string; hint?: string; fields: string[]; outcome: Outcome; children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren }) {
  const mine = outcome.problems.filter((p) => p.field !== undefined && fields.includes(p.field));
  const described = [hint ? `${id}-hint` : '', mine.length > 0 ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <span id={`${id}-hint`} class="muted small">{hint}</span>}
      {children({ id, 'aria-invalid': mine.length > 0, 'aria-describedby': described })}
      {mine.length > 0 && <p class="field-problem" id={`${id}-problem`}>{mine.map(reasonText).join(' · ')}</p>}
    </div>
  );
}

/** What was saved, or that nothing was, with the problems no field of the form holds. */
function Result({ outcome, fields }: { outcome: Outcome; fields: string[] }) {
  if (outcome.saved) return <p class="form-result ok" role="status">{outcome.saved}</p>;
  if (outcome.problems.length === 0) return null;
  const loose = outcome.problems.filter((p) => p.field === undefined || !fields.includes(p.field));
  return (
    <div class="form-result bad" role="alert">
      <p>{outcome.offline ? tt('offline') : tt('refused')}</p>
      {!outcome.offline && loose.length > 0 && <ul>{loose.map((p, i) => <li key={i}>{reasonText(p)}</li>)}</ul>}
    </div>
  );
}

const chosen = (input: HTMLInputElement | null) => [...(input?.files ?? [])];

function FileNames({ files }: { files: File[] }) {
  if (files.length === 0) return null;
  return <span class="muted small">{tt('chosenFiles', { n: files.length, names: files.map((f) => f.name).join(', ') })}</span>;
}

/** Percent, note, links and evidence: photos straight from the phone's camera, or any other file. */
export function ProgressForm({ task, onSaved }: { task: TaskPageData; onSaved: () => void }) {
  const { sending, outcome, run } = useSend(onSaved);
  const [files, setFiles] = useState<File[]>([]);
  const fields = ['progress', 'note', 'links', 'files'];
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData();
    const value = (form.elements.namedItem('progress') as HTMLInputElement).value.trim().replace(',', '.');
    data.append('progress', value);
    data.append('note', (form.elements.namedItem('note') as HTMLTextAreaElement).value);
    data.append('links', (form.elements.namedItem('links') as HTMLTextAreaElement).value);
    for (const name of ['photos', 'files']) for (const f of chosen(form.elements.namedItem(name) as HTMLInputElement)) data.append('files', f, f.name);
    void run(form, () => send('POST', `/api/tasks/${task.id}/progress`, data), 'savedProgress').then((saved) => saved && setFiles([]));
  };
  const pick = (e: Event) => {
    const form = (e.currentTarget as HTMLInputElement).form;
    setFiles(['photos', 'files'].flatMap((n) => chosen(form?.elements.namedItem(n) as HTMLInputElement)));
  };
  return (
    <form onSubmit={submit} noValidate data-form="progress">
      <fieldset class="task-form">
        <legend class="sr-only">{tt('reportProgress')}</legend>
        <Field id="progress" label={tt('progressPercent')} hint={tt('progressHint', { min: task.progress })} fields={['progress']} outcome={outcome}>
          {(a) => <input {...a} name="progress" type="text" inputMode="decimal" autoComplete="off" />}
        </Field>
        <Field id="progress-note" label={tt('note')} fields={['note']} outcome={outcome}>{(a) => <textarea {...a} name="note" />}</Field>
        <Field id="progress-links" label={tt('links')} fields={['links']} outcome={outcome}>{(a) => <textarea {...a} name="links" inputMode="url" />}</Field>
        <Field id="progress-photos" label={tt('photos')} fields={['files']} outcome={outcome}>
          {(a) => <input {...a} name="photos" type="file" accept="image/*" capture="environment" multiple onChange={pick} />}
        </Field>
        <Field id="progress-files" label={tt('files')} fields={[]} outcome={outcome}>{(a) => <input {...a} name="files" type="file" multiple onChange={pick} />}</Field>
        <FileNames files={files} />
        <Result outcome={outcome} fields={fields} />
        <button type="submit" class="btn btn-primary" disabled={sending}>{sending ? tt('sending') : tt('sendReport')}</button>
      </fieldset>
    </form>
  );
}

/** Completion: the deliverable as files or links (one at least), then the authority decides. */
export function CompletionForm({ task, onSaved }: { task: TaskPageData; onSaved: () => void }) {
  const { sending, outcome, run } = useSend(onSaved);
  const fields = ['deliverable', 'note', 'links', 'files'];
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData();
    data.append('note', (form.elements.namedItem('note') as HTMLTextAreaElement).value);
    data.append('links', (form.elements.namedItem('links') as HTMLTextAreaElement).value);
    for (const f of chosen(form.elements.namedItem('files') as HTMLInputElement)) data.append('files', f, f.name);
    void run(form, () => send('POST', `/api/tasks/${task.id}/complete`, data), 'savedCompletion');
  };
  return (
    <form onSubmit={submit} noValidate data-form="complete">
      <fieldset class="task-form">
        <legend class="sr-only">{tt('submitCompletion')}</legend>
        <p class="muted small">{tt('completionHint')}</p>
        <Field id="done-files" label={tt('deliverableFiles')} fields={['files', 'deliverable']} outcome={outcome}>{(a) => <input {...a} name="files" type="file" multiple />}</Field>
        <Field id="done-links" label={tt('deliverableLinks')} fields={['links']} outcome={outcome}>{(a) => <textarea {...a} name="links" inputMode="url" />}</Field>
        <Field id="done-note" label={tt('note')} fields={['note']} outcome={outcome}>{(a) => <textarea {...a} name="note" />}</Field>
        <Result outcome={outcome} fields={fields} />
        <button type="submit" class="btn btn-primary" disabled={sending}>{sending ? tt('sending') : tt('sendCompletion')}</button>
      </fieldset>
    </form>
  );
}

/** The unit above accepts the deliverable, or returns the task with a reason. */
export function DecisionForm({ task, onSaved, canAccept, canReject }: { task: TaskPageData; onSaved: () => void; canAccept: boolean; canReject: boolean }) {
  const accept = useSend(onSaved);
  const reject = useSend(onSaved);
  const decide = (how: 'accept' | 'reject') => (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem('text') as HTMLTextAreaElement).value;
    const body = how === 'accept' ? { note: text || undefined } : { reason: text };
    void (how === 'accept' ? accept : reject).run(form, () => send('POST', `/api/tasks/${task.id}/${how}`, body), how === 'accept' ? 'savedAccept' : 'savedReject');
  };
  return (
    <fieldset class="task-form" data-form="decide">
      <legend class="sr-only">{tt('decide')}</legend>
      {canAccept && (
        <form class="task-subform" onSubmit={decide('accept')} noValidate>
          <Field id="accept-note" label={tt('acceptNote')} fields={['note']} outcome={accept.outcome}>{(a) => <textarea {...a} name="text" />}</Field>
          <Result outcome={accept.outcome} fields={['note']} />
          <button type="submit" class="btn btn-primary" disabled={accept.sending}>{accept.sending ? tt('sending') : tt('accept')}</button>
        </form>
      )}
      {canReject && (
        <form class="task-subform" onSubmit={decide('reject')} noValidate data-form="reject">
          <Field id="reject-reason" label={tt('rejectReason')} fields={['reason']} outcome={reject.outcome}>{(a) => <textarea {...a} name="text" />}</Field>
          <Result outcome={reject.outcome} fields={['reason']} />
          <button type="submit" class="btn btn-danger" disabled={reject.sending}>{reject.sending ? tt('sending') : tt('reject')}</button>
        </form>
      )}
    </fieldset>
  );
}

const SPLIT_FIELDS: [string, TaskMessageKey][] = [
  ['title', 'splitTitle'], ['responsible.name', 'personName'], ['responsible.position', 'personPosition'],
  ['responsible.contact', 'personContact'], ['deadline', 'splitDeadline'], ['deliverable', 'splitDeliverable'], ['approver', 'splitApprover'],
];

/** A sub-task for the lead itself or a unit beneath it, meeting "6 rõ" as any task must. */
export function SplitForm({ task, onSaved }: { task: TaskPageData; onSaved: () => void }) {
  const { sending, outcome, run } = useSend(onSaved);
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    getJson<{ items: Unit[] }>('/api/units', { parent: task.leadUnit.code, limit: 500 }, abort.signal).then((page) => setUnits(page.items), () => setUnits([]));
    return () => abort.abort();
  }, [task.leadUnit.code]);
  const fields = ['leadUnit', ...SPLIT_FIELDS.map(([f]) => f)];
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const subtask = {
      leadUnit: value('leadUnit'), title: value('title'), deadline: value('deadline'), deliverable: value('deliverable'), approver: value('approver'),
      responsible: { name: value('responsible.name'), position: value('responsible.position'), contact: value('responsible.contact') },
    };
    void run(form, () => send('POST', `/api/tasks/${task.id}/subtasks`, [subtask]), 'savedSplit');
  };
  return (
    <form onSubmit={submit} noValidate data-form="split">
      <fieldset class="task-form">
        <legend class="sr-only">{tt('split')}</legend>
        <Field id="split-unit" label={tt('splitUnit')} fields={['leadUnit']} outcome={outcome}>
          {(a) => (
            <select {...a} name="leadUnit">
              <option value={task.leadUnit.code}>{unitName(task.leadUnit)}</option>
              {units.map((u) => <option key={u.code} value={u.code}>{unitName(u)}</option>)}
            </select>
          )}
        </Field>
        {SPLIT_FIELDS.map(([name, label]) => (
          <Field key={name} id={`split-${name.replace('.', '-')}`} label={tt(label)} fields={[name]} outcome={outcome}>
            {(a) => (name === 'title' ? <textarea {...a} name={name} /> : <input {...a} name={name} type="text" />)}
          </Field>
        ))}
        <Result outcome={outcome} fields={fields} />
        <button type="submit" class="btn btn-primary" disabled={sending}>{sending ? tt('sending') : tt('sendSplit')}</button>
      </fieldset>
    </form>
  );
}
