import { signal } from '@preact/signals';

export interface KpiChange { indicator: string; unit: string; period: string; value: number | null; previous: number | null }
export interface ScoreChange { unit: string; period: string; score: number | null; band: string | null; rank: number | null; peers: number | null }
export interface TaskChange { id: number; leadUnit: string; coordinators: string[]; status?: string; progress?: number }
export interface ChangeMessage {
  seq: number;
  at: string;
  kind: string;
  /**
   * A large change (a national stream's commit) keeps only the Nation's cells and the scores of the Nation,
   * ministries and provinces; `digest` then lists every unit touched.
   */
  changes: { kpis: KpiChange[]; scores: ScoreChange[]; tasks?: TaskChange[]; digest?: { kpis: number; scores: number; units: string[] } };
  /** Set on the message sent to pages after a reconnection: reload everything, something may have been missed. */
  resync?: boolean;
}

/** `idle`: no stream open — the public reads published figures, which do not move. */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'offline';
export const liveStatus = signal<LiveStatus>('idle');
/** When the live data last changed, as the server committed it (health, then each change on the stream); null when unknown. */
export const lastUpdate = signal<Date | null>(null);

type Listener = (message: ChangeMessage) => void;
const listeners = new Set<Listener>();

export function onLiveChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let source: EventSource | undefined;
let lastEventId: string | undefined;
let wasDown = false;
let retryMs = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * One stream for the whole app. EventSource reconnects by itself (sending Last-Event-ID, so the server replays what
 * was missed); when the browser gives up — a proxy error, a server that answered 5xx — we reconnect ourselves.
 */
export function connectLive(): void {
  if (source) return;
  openStream();
}

/** Closes the stream (signing out): the public may not read it, and a refused stream would only retry for ever. */
export function disconnectLive(): void {
  clearTimeout(retryTimer);
  source?.close();
  source = undefined;
  lastEventId = undefined;
  wasDown = false;
  retryMs = 1000;
  liveStatus.value = 'idle';
}

function openStream(): void {
  const url = lastEventId ? `/api/stream?lastEventId=${encodeURIComponent(lastEventId)}` : '/api/stream';
  const es = new EventSource(url);
  source = es;
  liveStatus.value = 'connecting';
  es.addEventListener('ready', () => {
    liveStatus.value = 'live';
    retryMs = 1000;
    if (wasDown) {
      wasDown = false;
      publish({ seq: 0, at: new Date().toISOString(), kind: 'resync', changes: { kpis: [], scores: [] }, resync: true });
    }
  });
  es.addEventListener('change', (event) => {
    const message = JSON.parse((event as MessageEvent<string>).data) as ChangeMessage;
    lastEventId = (event as MessageEvent).lastEventId || lastEventId;
    lastUpdate.value = new Date(message.at);
    publish(message);
  });
  es.addEventListener('error', () => {
    liveStatus.value = 'offline';
    wasDown = true;
    if (es.readyState === EventSource.CLOSED && source === es) {
      retryTimer = setTimeout(openStream, retryMs);
      retryMs = Math.min(retryMs * 2, 15_000);
    }
  });
}

function publish(message: ChangeMessage): void {
  for (const listener of listeners) {
    try {
      listener(message);
    } catch (err) {
      console.warn('live listener failed', err);
    }
  }
}

/** Whether a change touches any of these units (or, for `prefix` matches, any of their communes by code). */
export function touchesUnits(message: ChangeMessage, units: ReadonlySet<string>): boolean {
  return message.resync === true
    || message.changes.kpis.some((k) => units.has(k.unit))
    || message.changes.scores.some((s) => units.has(s.unit))
    || (message.changes.tasks ?? []).some((t) => units.has(t.leadUnit) || t.coordinators.some((c) => units.has(c)))
    || (message.changes.digest?.units.some((u) => units.has(u)) ?? false);
}
