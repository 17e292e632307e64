/** Typed reads of the Nhịp Số API; shapes mirror src/http/routes. */
import { noteAnswer } from './offline.ts';

export type Band = 'tot' | 'kha' | 'trung_binh' | 'yeu';
export type UnitKind = 'nation' | 'ministry' | 'province' | 'commune';
export type PeriodType = 'day' | 'month' | 'quarter' | 'year';

/** `lastChangeAt`: when the newest change to the data was committed (null before any). */
export interface Health { status: string; lastChange: number; lastChangeAt?: string | null; synthetic?: boolean; time: string }
export interface Pillar { code: string; name: string; nameEn: string; weight: number }
export interface Indicator {
  code: string; name: string; nameEn: string; description?: string; kind: 'reported' | 'event' | 'formula';
  measure: string; measureEn?: string; periodType: PeriodType; direction: 'higher' | 'lower'; rollup: string;
  pillar: string; weight: number; appliesTo: UnitKind[]; target?: number; formula?: string; source?: string;
  bands?: { good: number; fair: number; average: number }; groups?: Record<string, string>;
}
export interface Catalogue { pillars: Pillar[]; indicators: Indicator[] }
export interface Unit {
  code: string; kind: UnitKind; subkind: string; name: string; name_en: string; full_name: string; full_name_en: string;
  parent_code: string | null; children?: number;
}
/** A unit as the API names it beside its figures: Vietnamese `name`, English `nameEn`. */
export interface UnitRef { code: string; name: string; nameEn: string }
export type ScorecardRow = {
  unit: UnitRef & { kind: string }; score: number | null; pillars: Record<string, number>;
  band: Band | null; rank: number | null; peers: number; previousScore: number | null; previousRank: number | null;
  change: number | null; rankChange: number | null;
} & Coverage;
/**
 * How much of its index a unit reported (decision 0028): `coverage` the share (0–1) of the index weight, `reported`
 * of `expected` scored indicators. A score stands for that share only; below half, the unit is not ranked.
 */
export interface Coverage { coverage: number; reported: number; expected: number | null }
/** When the month was published ("công bố") and how many of its scores and KPI values were corrected since; null while it is live only. */
export interface PublicationStamp { at: string; corrections: number }
export interface Scorecard { level: string; parent: string | null; period: string; units: ScorecardRow[]; published?: PublicationStamp | null }
/** A value's last report: `unit` is the unit that sent it; `by`, the account, is shown to accounts only (null for the public). */
export interface Report { value: number; source: string | null; evidence: string | null; reportedAt: string; unit: string; by: string | null }
/** Who a report is shown as coming from: the account for a signed-in reader, else the reporting unit. */
export const reporterOf = (report: Report): string => report.by ?? report.unit;
export interface KpiView {
  indicator: string; name: string; pillar: string; measure: string; period: string; value: number | null;
  origin: 'reported' | 'derived' | null; target: number | null; achievement: number | null; band: Band | null;
  asOf: string | null; lastReport: Report | null;
}
export interface UnitKpis {
  unit: string; period: string; kpis: KpiView[];
  score: ({ score: number; pillars: Record<string, number>; band: Band; rank: number | null; peers: number } & Coverage) | null;
}
export interface KpiPoint { period: string; value: number | null; target: number | null; achievement: number | null; band: Band | null }
export interface KpiSeries { indicator: string; periodType: PeriodType; points: KpiPoint[]; latestReport: Report | null }
export interface ScorePoint extends Coverage { period: string; score: number; pillars: Record<string, number>; band: Band; rank: number | null; peers: number }
export interface PublishedPeriod { period: string; publishedAt?: string; corrections?: number }
/**
 * The months a reader may pick: every scored month when signed in, the published ones for the public. `published`
 * lists the published months, newest first, as months or as records with their publication time.
 */
export interface Periods {
  months: string[]; published?: (PublishedPeriod | string)[];
  /** The running month, the day its figures reach (`YYYY-MM-DD`), and the newest month that has ended. */
  current?: string; dataUntil?: string; latestComplete?: string | null;
}
export interface UnitHistory { unit: string; period: string; months: string[]; scores: ScorePoint[]; kpis: KpiSeries[] }
export interface StandingRow {
  unit: UnitRef & { kind: string }; value: number | null; previous: number | null; target: number | null;
  achievement: number | null; band: Band | null; rank: number | null;
}
export interface Standing { indicator: string; period: string; previousPeriod: string | null; rows: StandingRow[] }
export type TaskStatus = 'chua_thuc_hien' | 'dang_thuc_hien' | 'hoan_thanh_dung_han' | 'hoan_thanh_qua_han' | 'qua_han';
export interface TaskItem {
  id: number; title: string; directive: string; directiveId?: number; parentId?: number | null;
  leadUnit: UnitRef; coordinators: UnitRef[];
  responsible: { name: string; position: string; contact: string }; deadline: string; deadlineText: string;
  deliverable: string; approver: string; progress: number; status: TaskStatus; dueSoon: boolean; completedOn: string | null;
  subtasks: number;
  /** Days since the deadline while "quá hạn"; days left (0 = today) while open and nothing delivered; else null. Counted by the server. */
  daysOverdue: number | null; dueInDays: number | null;
}
export interface TaskList { total: number; items: TaskItem[] }
export interface TaskEvent { id: number; at: string; actor: string; kind: string; progress: number | null; note: string | null; data: unknown }
export interface TaskDetail extends TaskItem { history: TaskEvent[]; subtaskList: TaskItem[]; evidence: { id: number; file_name: string | null; hash: string | null; link: string | null }[] }
export interface Directive {
  id: number; number: string; type: string; issued_on?: string; issuedOn?: string; issuer: string; title: string;
  total: number; byStatus: Record<TaskStatus, number>; dueSoon: number; completionPercent: number; averageProgress: number;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string, readonly details?: unknown) {
    super(message);
  }
}

/** A read refused for want of an account: an unpublished month, tasks, or a session that has ended. */
export const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

export type Query = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The session's CSRF token, in memory only: read again from GET /api/session when the page loads. */
let csrfToken: string | null = null;
let unauthorized: (() => void) | undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Told of every 401, so a session that ended on the server ends on screen too. */
export function onUnauthorized(listener: () => void): void {
  unauthorized = listener;
}

export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  return request<T>(apiUrl(path, query), { headers: { accept: 'application/json' }, signal });
}

/**
 * A write: JSON (or a multipart form, with files) in, JSON (or nothing, for 204) out, with the CSRF token the cookie
 * needs beside it. The browser sets a form's content type itself, with its boundary.
 */
export async function send<T = void>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return request<T>(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
}

/** A write of a file (multipart form), with the CSRF token the cookie needs beside it. */
export async function sendForm<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return request<T>(path, { method: 'POST', headers, body: form });
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, credentials: 'same-origin' });
  noteAnswer(res);
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401) unauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    return new ApiError(res.status, body.error?.message ?? res.statusText, body.error?.code, body.error?.details);
  } catch {
    // Not JSON: keep the status text.
    return new ApiError(res.status, res.statusText);
  }
}
