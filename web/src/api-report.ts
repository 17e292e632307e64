import type { Static } from 'typebox';
import type { DueItemSchema, ImportPreviewSchema, ImportSummarySchema, ReportDueSchema, StoredEvidenceSchema } from '../../src/http/routes/reporting.schemas.ts';
import { ApiError, apiUrl, getJson, send, sendForm } from './api.ts';

/** What the reporting routes answer: the types come from the routes' own response schemas. */
export type ReportDue = Static<typeof ReportDueSchema>;
export type DueItem = Static<typeof DueItemSchema>;
export type ImportPreview = Static<typeof ImportPreviewSchema>;
export type ImportSummary = Static<typeof ImportSummarySchema>;
export type StoredEvidence = Static<typeof StoredEvidenceSchema>;

/** One problem the API names: where (line of the batch, or sheet, row, column) and why, in both languages. */
export interface ApiProblem { line?: number; sheet?: string; column?: string; field?: string; reason: string; reasonEn: string; value?: unknown }

export interface ValueRow { unit: string; indicator: string; period: string; value: number; source?: string; evidence?: string }

export const getReportDue = (unit: string, period: string, signal?: AbortSignal) => getJson<ReportDue>('/api/reporting/due', { unit, period }, signal);

/** The whole batch, accepted or refused whole. */
export const sendValues = (values: ValueRow[]) => send<{ accepted: number }>('POST', '/api/values', values);

export function uploadEvidence(unit: string, file: File): Promise<StoredEvidence> {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendForm<StoredEvidence>(apiUrl('/api/values/evidence', { unit }), form);
}

function sheetForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

export const previewImport = (file: File) => sendForm<ImportPreview>(apiUrl('/api/values/import', { dryRun: true }), sheetForm(file));
export const confirmImport = (file: File) => sendForm<ImportSummary>('/api/values/import', sheetForm(file));

export const templateUrl = (unit: string, period: string, rows: 'unit' | 'communes' = 'unit') => apiUrl('/api/reporting/template.xlsx', { unit, period, rows: rows === 'unit' ? undefined : rows });

/** The problems of a refused batch, or none when the error says nothing of the kind. */
export function problemsOf(error: unknown): ApiProblem[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { problems?: ApiProblem[] } | undefined;
  return Array.isArray(details?.problems) ? details.problems : [];
}

/** A request that never reached the server (no network): the browser's fetch rejects with a TypeError. */
export const isNetworkFailure = (error: unknown): boolean => error instanceof TypeError;
