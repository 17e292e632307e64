import { useState } from 'preact/hooks';
import { confirmImport, previewImport, problemsOf, templateUrl, type ApiProblem, type ImportPreview, type ReportDue } from '../api-report.ts';
import { fmtNumber, fmtPeriod } from '../format.ts';
import { lang, unitName } from '../i18n.ts';
import { tr } from '../i18n-report.ts';
import { FilePick } from './file-pick.tsx';

type State =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'problems'; problems: ApiProblem[]; message: string }
  | { kind: 'preview'; file: File; preview: ImportPreview }
  | { kind: 'writing'; file: File; preview: ImportPreview }
  | { kind: 'written'; count: number };

/**
 * The office's sheet: the template to fill, then a dry run that shows what would be written (or every problem by
 * sheet, row and column), and only "Xác nhận ghi" writes it.
 */
export function ReportImport({ unit, month, onWritten }: { unit: ReportDue['unit']; month: string; onWritten: () => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setState({ kind: 'reading' });
    try {
      setState({ kind: 'preview', file, preview: await previewImport(file) });
    } catch (error) {
      setState({ kind: 'problems', problems: problemsOf(error), message: error instanceof Error ? error.message : String(error) });
    }
  };
  const confirm = async (file: File, preview: ImportPreview) => {
    setState({ kind: 'writing', file, preview });
    try {
      const { accepted } = await confirmImport(file);
      setState({ kind: 'written', count: accepted });
      onWritten();
    } catch (error) {
      setState({ kind: 'problems', problems: problemsOf(error), message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section class="card report-import" aria-labelledby="import-title" data-testid="report-import">
      <h2 id="import-title">{tr('excelTitle')}</h2>
      <p class="muted small">{tr('excelLead')}</p>
      <div class="report-import-actions">
        <a class="btn btn-export" href={templateUrl(unit.code, month)} download data-testid="template-link">{tr('template')}</a>
        {unit.kind === 'province' && <a class="btn btn-export" href={templateUrl(unit.code, month, 'communes')} download>{tr('templateCommunes')}</a>}
        <FilePick label={tr('chooseFile')} testId="import-file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onPick={(input) => void choose(input)} />
      </div>
      <ImportState state={state} onConfirm={confirm} onCancel={() => setState({ kind: 'idle' })} />
    </section>
  );
}

function ImportState({ state, onConfirm, onCancel }: { state: State; onConfirm: (file: File, preview: ImportPreview) => void; onCancel: () => void }) {
  switch (state.kind) {
    case 'idle': return null;
    case 'reading': return <p role="status">{tr('reading')}</p>;
    case 'written': return <p class="report-status report-status-sent" role="status" data-testid="import-written">{tr('imported', { n: state.count })}</p>;
    case 'problems': return <ProblemTable problems={state.problems} message={state.message} />;
    case 'preview':
    case 'writing': {
      const { preview, file } = state;
      return (
        <div data-testid="import-preview">
          <p role="status">{tr('previewLead', { values: preview.values.length, units: preview.units, indicators: preview.indicators, periods: preview.periods.map(fmtPeriod).join(', ') })}</p>
          <PreviewTable preview={preview} />
          <div class="report-actions">
            <button type="button" class="btn btn-primary" aria-disabled={state.kind === 'writing' ? 'true' : undefined} onClick={() => state.kind === 'preview' && onConfirm(file, preview)}>{tr('confirm')}</button>
            <button type="button" class="btn" onClick={onCancel}>{tr('cancel')}</button>
          </div>
        </div>
      );
    }
  }
}

function ProblemTable({ problems, message }: { problems: ApiProblem[]; message: string }) {
  if (problems.length === 0) return <p class="report-problem" role="alert">{message}</p>;
  return (
    <div class="report-table" data-testid="import-problems">
      <p class="report-problem" role="alert">{tr('fileProblems', { n: problems.length })}</p>
      <table>
        <thead><tr><th scope="col">{tr('colSheet')}</th><th scope="col">{tr('colRow')}</th><th scope="col">{tr('colColumn')}</th><th scope="col">{tr('colProblem')}</th></tr></thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} data-line={p.line} data-column={p.column}>
              <td data-label={tr('colSheet')}>{p.sheet ?? ''}</td>
              <td data-label={tr('colRow')}>{p.line ?? ''}</td>
              <td data-label={tr('colColumn')}>{[p.column, p.field].filter(Boolean).join(' · ')}</td>
              <td data-label={tr('colProblem')} class="report-problem-cell">{lang.value === 'en' ? p.reasonEn : p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <div class="report-table">
      <table>
        <thead><tr><th scope="col">{tr('colCell')}</th><th scope="col">{tr('colUnit')}</th><th scope="col">{tr('colIndicator')}</th><th scope="col">{tr('colPeriod')}</th><th scope="col" class="num">{tr('colValue')}</th></tr></thead>
        <tbody>
          {preview.values.map((v) => (
            <tr key={`${v.line}-${v.column ?? ''}`} data-unit={v.unit} data-indicator={v.indicator}>
              <td data-label={tr('colCell')}>{v.column ? `${v.column}${v.line}` : v.line}</td>
              <td data-label={tr('colUnit')}>{unitName({ name: v.unitName })}</td>
              <td data-label={tr('colIndicator')}>{v.indicatorName}</td>
              <td data-label={tr('colPeriod')}>{fmtPeriod(v.period)}</td>
              <td data-label={tr('colValue')} class="num"><span>{fmtNumber(v.value, 2)} <span class="muted">{v.measure}</span></span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
